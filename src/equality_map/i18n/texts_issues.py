"""Messages of validation and geocoding issues: `issue.<code>` -> (German, English).

Each message says what is wrong and how to fix it; `{column}` is the column as the user's
file names it.
"""

from __future__ import annotations

from equality_map.i18n.catalogue import Text

TEXTS: dict[str, Text] = {
    "issue_row": (
        "Zeile {row}",
        "row {row}",
    ),
    "issue_column": (
        "Spalte „{column}“",
        "column “{column}”",
    ),
    "issue_severity_error": (
        "Fehler",
        "error",
    ),
    "issue_severity_warning": (
        "Hinweis",
        "warning",
    ),
    "issue.unreadable.file_not_found": (
        "Datei nicht gefunden; bitte den Pfad prüfen",
        "file not found; check the path",
    ),
    "issue.unreadable.is_directory": (
        "das ist ein Ordner, keine CSV- oder XLSX-Datei",
        "this is a directory, not a CSV or XLSX file",
    ),
    "issue.unreadable.too_large": (
        "Datei ist {size} MB groß; erlaubt sind {limit} MB",
        "file is {size} MB; the limit is {limit} MB",
    ),
    "issue.unreadable.larger_than": (
        "Datei ist größer als {limit} MB",
        "file is larger than {limit} MB",
    ),
    "issue.unreadable.cannot_read": (
        "Datei kann nicht gelesen werden ({reason})",
        "cannot read the file ({reason})",
    ),
    "issue.unreadable.xlsx_misnamed": (
        "die Datei heißt .xlsx, ist aber keine Excel-Arbeitsmappe",
        "the file is named .xlsx but is not an Excel workbook",
    ),
    "issue.unreadable.unsupported_format": (
        "{suffix}-Dateien werden nicht unterstützt; bitte als .xlsx oder CSV speichern",
        "{suffix} files are not supported; save as .xlsx or as CSV (UTF-8 or semicolon)",
    ),
    "issue.unreadable.empty": (
        "die Datei ist leer",
        "the file is empty",
    ),
    "issue.unreadable.bad_bom": (
        "die Datei beginnt wie {encoding}, ist aber kein gültiges {encoding}",
        "the file starts like {encoding} but is not valid {encoding}",
    ),
    "issue.unreadable.binary": (
        "das sieht nach einer Binärdatei aus, nicht nach einer CSV-Tabelle",
        "this looks like a binary file, not a CSV text table",
    ),
    "issue.unreadable.no_separator": (
        "kein Spaltentrennzeichen gefunden (erwartet ';', ',' oder Tab); das ist keine Tabelle",
        "no column separator found (expected ';', ',' or tab between columns); this is not a table",
    ),
    "issue.unreadable.csv_parse": (
        "Zeile {line}: CSV nicht lesbar ({reason}); vielleicht ein nicht geschlossenes "
        "Anführungszeichen oder eine viel zu lange Zelle",
        "line {line}: cannot parse the CSV ({reason}); a quote may be left open or a cell is "
        "far too long",
    ),
    "issue.unreadable.xlsx_open": (
        "die Excel-Arbeitsmappe lässt sich nicht öffnen ({error})",
        "cannot open the Excel workbook ({error})",
    ),
    "issue.unreadable.header_too_short": (
        "die erste Zeile hat weniger als zwei Spaltennamen; das ist keine Tabelle (erwartet z. "
        "B. {expected})",
        "the first line has fewer than two column names; this is not a table (expected columns "
        "such as {expected})",
    ),
    "issue.unreadable.header_only": (
        "die Datei hat eine Kopfzeile, aber keine Datenzeilen",
        "the file has a header but no data rows",
    ),
    "issue.duplicate_column": (
        "Spalte '{column}' bedeutet '{meaning}' wie Spalte {first}; die erste wird verwendet, "
        "diese als Zusatzspalte behalten",
        "column '{column}' means '{meaning}' like column {first}; the first one is used, this "
        "one is kept as an extra column",
    ),
    "issue.missing_column": (
        "Pflichtspalte '{column}' fehlt. Gefundene Spalten: {found}. Erwartet {expected}; "
        "erlaubte Namen: {hints}",
        "required column '{column}' is missing. Found columns: {found}. Expected {expected}; "
        "accepted names: {hints}",
    ),
    "issue.too_many_fields": (
        "Zeile hat {n} Felder, die Kopfzeile {width}; ein Trennzeichen in einer Zelle braucht "
        "vermutlich Anführungszeichen um die Zelle",
        "row has {n} fields but the header has {width}; a separator inside a cell probably "
        "needs quotes around the cell",
    ),
    "issue.required": (
        "{column} ist leer; jeder Eintrag braucht einen Wert in dieser Spalte",
        "{column} is empty; every entry needs a value in this column",
    ),
    "issue.unknown_category": (
        "unbekannte Kategorie '{value}'. Erlaubt: {valid}",
        "unknown category '{value}'. Valid: {valid}",
    ),
    "issue.unknown_category_hint": (
        "unbekannte Kategorie '{value}'. Meinten Sie '{hint}'? Erlaubt: {valid}",
        "unknown category '{value}'. Did you mean '{hint}'? Valid: {valid}",
    ),
    "issue.unknown_state": (
        "unbekanntes Bundesland '{value}'; es wird ignoriert und aus dem Ort abgeleitet",
        "unknown Land '{value}'; it is ignored and derived from the city",
    ),
    "issue.unknown_state_hint": (
        "unbekanntes Bundesland '{value}'; meinten Sie '{hint}'? Es wird ignoriert und aus dem "
        "Ort abgeleitet",
        "unknown Land '{value}'; did you mean '{hint}'? It is ignored and derived from the city",
    ),
    "issue.not_a_number": (
        "{column} '{value}' ist keine Zahl; bitte Dezimalgrad wie 51,3127 oder 51.3127 schreiben",
        "{column} '{value}' is not a number; write decimal degrees like 51,3127 or 51.3127",
    ),
    "issue.out_of_range": (
        "{column} {number} liegt außerhalb von {low}..{high} Grad",
        "{column} {number} is outside {low}..{high} degrees",
    ),
    "issue.half_coordinate": (
        "Breite und Länge nur gemeinsam angeben; beide ausfüllen oder beide leer lassen (dann "
        "wird die Adresse geokodiert)",
        "lat and lon must be given together; fill in both or leave both empty (then the address "
        "is geocoded)",
    ),
    "issue.swapped_coordinates": (
        "lat {lat} / lon {lon} liegen außerhalb Deutschlands, vertauscht würden sie passen: lat "
        "{lon}, lon {lat}. Bitte prüfen und die Zellen tauschen",
        "lat {lat} / lon {lon} lie outside Germany but swapped they would fit: lat {lon}, lon "
        "{lat}. Check and swap the two cells",
    ),
    "issue.outside_germany": (
        "Koordinaten {lat}, {lon} liegen außerhalb Deutschlands; bitte prüfen",
        "coordinates {lat}, {lon} lie outside Germany; check them",
    ),
    "issue.unknown_precision": (
        "unbekannte Genauigkeit; erlaubt: {valid}",
        "unknown geocode precision; use one of {valid}",
    ),
    "issue.unknown_source": (
        "unbekannte Geokodierungsquelle; erlaubt: {valid}",
        "unknown geocode source; use one of {valid}",
    ),
    "issue.postcode_leading_zero": (
        "PLZ hat vier Stellen; eine führende Null wurde ergänzt (Excel entfernt führende "
        "Nullen: Spalte als Text formatieren)",
        "postcode has four digits; a leading zero was added (Excel drops leading zeros: format "
        "the column as text)",
    ),
    "issue.bad_postcode": (
        "PLZ hat nicht fünf Ziffern (deutsche PLZ sehen aus wie 01067)",
        "postcode is not five digits (German postcodes look like 01067)",
    ),
    "issue.bad_email": (
        "E-Mail '{value}' ist fehlerhaft; bitte wie name@stadt.de schreiben",
        "e-mail '{value}' is malformed; write it like name@stadt.de",
    ),
    "issue.odd_phone": (
        "Telefonnummer enthält andere Zeichen als Ziffern, Leerzeichen, + ( ) / - .; sie wird "
        "nicht als Anruf-Link angeboten",
        "phone number contains characters other than digits, spaces, + ( ) / - .; it will not "
        "be offered as a call link",
    ),
    "issue.url_without_scheme": (
        "'{value}' hat kein https://; gelesen als '{url}'",
        "'{value}' has no https://; read as '{url}'",
    ),
    "issue.bad_url_scheme": (
        "{column} muss mit http:// oder https:// beginnen (andere wie javascript: sind nicht "
        "erlaubt)",
        "{column} must start with http:// or https:// (other schemes such as javascript: are "
        "not allowed)",
    ),
    "issue.bad_url": (
        "{column} '{value}' ist keine Webadresse; bitte wie https://www.stadt.de/seite schreiben",
        "{column} '{value}' is not a web address; write it like https://www.stadt.de/seite",
    ),
    "issue.bad_capacity": (
        "{column} '{value}' muss eine ganze Zahl ab 0 sein",
        "{column} '{value}' must be a whole number of places, 0 or more",
    ),
    "issue.bad_date": (
        "Datum '{value}' ist nicht lesbar; bitte 31.12.2024 oder 2024-12-31 schreiben",
        "date '{value}' is not readable; write 31.12.2024 or 2024-12-31",
    ),
    "issue.stale": (
        "zuletzt geprüft am {date}, vor mehr als zwei Jahren; bitte den Eintrag prüfen und "
        "das Datum aktualisieren",
        "last verified on {date}, more than two years ago; please check the entry and "
        "update the date",
    ),
    "issue.future_date": (
        "Prüfdatum {date} liegt in der Zukunft",
        "last verified date {date} lies in the future",
    ),
    "issue.bad_bool": (
        "'{value}' ist nicht ja/nein; bitte ja oder nein schreiben (true/false, 1/0, x)",
        "'{value}' is not yes/no; write ja or nein (true/false, 1/0, x)",
    ),
    "issue.shelter_address_public": (
        "ein Frauenhaus hat eine Straße und {column} ist nein; Frauenhaus-Adressen sind "
        "normalerweise geheim: auf ja setzen, außer das Frauenhaus veröffentlicht die Adresse "
        "selbst",
        "a women's shelter has a street address and {column} is false; shelter addresses are "
        "normally secret: set it to true unless the shelter publishes its address itself",
    ),
    "issue.bad_wheelchair": (
        "{column} muss ja, nein, teilweise oder unbekannt sein; gelesen als unbekannt",
        "{column} must be yes, no, partial or unknown (ja, nein, teilweise, unbekannt); read as "
        "unknown",
    ),
    "issue.derived_id": (
        "ID fehlt; '{id}' aus Name und Ort abgeleitet (bitte in die Datei schreiben, damit sie "
        "bei Namensänderung stabil bleibt)",
        "id is missing; derived '{id}' from name and city (write it into the file to keep it "
        "stable when the name changes)",
    ),
    "issue.duplicate_id": (
        "ID '{id}' ist schon in Zeile {first} vergeben; IDs müssen eindeutig sein, bitte eine "
        "andere ID vergeben",
        "id '{id}' is already used in row {first}; ids must be unique, give this entry another id",
    ),
    "issue.duplicate_entry": (
        "gleicher Name und Ort wie Zeile {first}; einen der beiden Einträge entfernen, falls es "
        "derselbe ist",
        "same name and city as row {first}; remove one of them if they are the same entry",
    ),
    "issue.confidential_coordinates_coarsened": (
        "die Adresse ist vertraulich, daher werden die genauen Koordinaten nicht verwendet; der "
        "Eintrag erscheint in der Mitte seiner Gemeinde",
        "the address is confidential, so its exact coordinates are not used; the entry is shown "
        "at the centre of its municipality",
    ),
    "issue.unknown_city": (
        "Gemeinde '{value}' nicht im amtlichen Gemeindeverzeichnis gefunden{hint} Der Eintrag "
        "wird gelistet, aber nicht auf der Karte gezeigt; Namen korrigieren, ags oder lat und "
        "lon eintragen",
        "municipality '{value}' not found in the official directory{hint} The entry is listed "
        "but not mapped; correct the name, fill in the ags or lat and lon",
    ),
    "issue.ambiguous_city": (
        "'{value}' ist mehrdeutig ({names}); verwendet wird die größte, {name} ({state}). Zur "
        "Auswahl Spalte state oder den vollen Namen angeben",
        "'{value}' is ambiguous ({names}); using the largest, {name} ({state}). Fill in the "
        "state column or the full name to choose",
    ),
    "issue.city_state_mismatch": (
        "'{value}' liegt nicht im angegebenen Bundesland; gefunden: {name} in {state}. Bitte "
        "Spalte state prüfen",
        "'{value}' was not found in the given Land; found {name} in {state}. Check the state "
        "column",
    ),
    "issue.online_geocoder_unavailable": (
        "der Online-Geocoder ist ausgefallen ({reason}); {remaining} weitere Adressen werden in "
        "ihrer Gemeinde gezeigt. Später erneut ausführen: bisherige Antworten sind "
        "zwischengespeichert",
        "the online geocoder failed ({reason}); {remaining} further addresses are placed at "
        "their municipality. Run again later: answers found so far are cached",
    ),
    "issue.did_you_mean": (
        "; meinten Sie {names}?",
        "; did you mean {names}?",
    ),
    "issue.bad_ags": (
        "Gemeindeschlüssel '{value}' hat nicht acht Ziffern (wie 03159016); als Text "
        "formatieren, damit die führende Null bleibt",
        "municipality key '{value}' does not have eight digits (like 03159016); format the "
        "column as text so the leading zero stays",
    ),
    "issue.unknown_ags": (
        "Gemeindeschlüssel '{value}' steht nicht im amtlichen Gemeindeverzeichnis; bitte "
        "prüfen oder die Spalte leer lassen (dann zählt der Ort)",
        "municipality key '{value}' is not in the official municipality directory; check it "
        "or leave the column empty (then the city name counts)",
    ),
    "issue.bad_area": (
        "'{value}' ist kein Schlüssel eines Landes (2 Ziffern oder der Name, wie 03 oder "
        "Niedersachsen), Kreises (5 Ziffern, wie 03159) oder einer Gemeinde (8 Ziffern) des "
        "amtlichen Verzeichnisses",
        "'{value}' is no key of a Land (2 digits or its name, like 03 or Niedersachsen), Kreis "
        "(5 digits, like 03159) or municipality (8 digits) of the official directory",
    ),
    "issue.bad_partial_date": (
        "'{value}' ist kein Datum; bitte 2021, 03/2021 oder 14.01.2021 schreiben",
        "'{value}' is not a date; write 2021, 03/2021 or 14.01.2021",
    ),
    "issue.unknown_vocab_value": (
        "'{value}' ist kein bekannter Wert; er wird so übernommen, aber nicht übersetzt. "
        "Bekannte Werte: {known}",
        "'{value}' is no known value; it is kept as written but not translated. Known values: "
        "{known}",
    ),
}
