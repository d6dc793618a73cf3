"""German/English UI strings and locale formatting. German is the default language."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from babel.dates import format_date as _babel_format_date
from babel.numbers import format_decimal

from equality_map import schema as s

LANGS: tuple[str, ...] = ("de", "en")
DEFAULT_LANG = "de"
_LOCALES = {"de": "de_DE", "en": "en_GB"}

#: key -> (German, English). Append new keys in a block per page to ease merging.
STRINGS: dict[str, tuple[str, str]] = {
    # app shell
    "app_title": ("Gleichstellungskarte", "Equality map"),
    "nav_map": ("Karte", "Map"),
    "nav_coverage": ("Abdeckung", "Coverage"),
    "nav_data": ("Daten", "Data"),
    "nav_embed": ("Einbetten", "Embed"),
    "nav_about": ("Über", "About"),
    "language": ("Sprache", "Language"),
    "lang_de": ("Deutsch", "Deutsch"),
    "lang_en": ("English", "English"),
    "data_unreadable": (
        "Die Datenquelle {file} konnte nicht gelesen werden: {message}",
        "The data source {file} could not be read: {message}",
    ),
    "data_issues": (
        "{errors} Zeilen mit Fehlern wurden ausgelassen, {warnings} Warnungen.",
        "{errors} rows with errors were left out, {warnings} warnings.",
    ),
    "data_issue_details": ("Details zu den Datenproblemen", "Details of the data problems"),
    "coming_soon": (
        "Diese Seite folgt in einer späteren Version.",
        "This page follows in a later version.",
    ),
    # filters
    "filters": ("Filter", "Filters"),
    "f_group": ("Bereich", "Area"),
    "f_category": ("Kategorie", "Category"),
    "f_state": ("Bundesland", "Land"),
    "f_city": ("Stadt / Gemeinde", "City / municipality"),
    "f_q": ("Suche (Name, Träger, Hinweise)", "Search (name, organisation, notes)"),
    "f_target": ("Zielgruppe", "Target group"),
    "f_topic": ("Thema", "Topic"),
    "f_network": ("Netzwerk / Bündnis", "Network / alliance"),
    "f_language": ("Sprache des Angebots", "Language offered"),
    "f_wheelchair": ("Nur rollstuhlgerecht", "Wheelchair accessible only"),
    "f_verified": (
        "Geprüft in den letzten … Monaten (0 = egal)",
        "Verified within the last … months (0 = any)",
    ),
    "f_reset": ("Filter zurücksetzen", "Reset filters"),
    "f_any": ("alle", "all"),
    "counts_heading": ("Anzahl je Kategorie", "Count per category"),
    # map page
    "map_heading": ("Karte der Gleichstellungsinfrastruktur", "Map of equality infrastructure"),
    "n_entries": ("{n} Einträge", "{n} entries"),
    "n_unmapped": (
        "Ohne Koordinaten, daher nur in der Liste: {n}",
        "Without coordinates, so only in the list: {n}",
    ),
    "list_heading": ("Liste der Einträge", "List of entries"),
    "download_csv": ("Gefilterte Einträge als CSV", "Filtered entries as CSV"),
    "download_geojson": ("Gefilterte Einträge als GeoJSON", "Filtered entries as GeoJSON"),
    "no_entries": ("Keine Einträge für diese Auswahl.", "No entries for this selection."),
    "share_hint": (
        "Die Adresse dieser Seite enthält die Filter: kopieren und teilen.",
        "This page's address holds the filters: copy and share it.",
    ),
    "list_sort": ("Sortieren nach", "Sort by"),
    "list_desc": ("absteigend", "descending"),
    "list_page": ("Seite (von {pages})", "Page (of {pages})"),
    "list_caption": (
        "Einträge {first}–{last} von {total}, sortiert nach {sort} ({order})",
        "Entries {first}–{last} of {total}, sorted by {sort} ({order})",
    ),
    "list_ascending": ("aufsteigend", "ascending"),
    # popup / list fields
    "col_name": ("Name", "Name"),
    "col_category": ("Kategorie", "Category"),
    "col_organisation": ("Träger", "Organisation"),
    "col_address": ("Adresse", "Address"),
    "col_city": ("Ort", "City"),
    "col_state": ("Bundesland", "Land"),
    "col_phone": ("Telefon", "Phone"),
    "col_email": ("E-Mail", "E-mail"),
    "col_website": ("Webseite", "Website"),
    "col_networks": ("Netzwerke", "Networks"),
    "col_target_groups": ("Zielgruppen", "Target groups"),
    "col_topics": ("Themen", "Topics"),
    "col_languages": ("Sprachen", "Languages"),
    "col_wheelchair": ("Barrierefrei", "Wheelchair accessible"),
    "col_capacity": ("Plätze", "Places"),
    "col_last_verified": ("Zuletzt geprüft", "Last verified"),
    "col_source": ("Quelle", "Source"),
    "address_confidential": ("Adresse vertraulich", "Address confidential"),
    "wheelchair_yes": ("ja", "yes"),
    "wheelchair_no": ("nein", "no"),
    "wheelchair_partial": ("teilweise", "partly"),
    "wheelchair_unknown": ("unbekannt", "unknown"),
    "legend": ("Legende", "Legend"),
    "fullscreen": ("Vollbild", "Full screen"),
    "loading": ("Lädt …", "Loading …"),
    # about page
    "about_heading": ("Über diese Karte", "About this map"),
    "about_body": (
        "Die Karte zeigt Gleichstellungsstellen, Frauen- und Mädcheneinrichtungen sowie "
        "Bündnisse und Partner in deutschen Kommunen.\n\n"
        "**Datenquellen.** Die Einträge stammen aus öffentlichen Webseiten der Organisationen; "
        "jede Zeile nennt ihre Quelle und das Datum der letzten Prüfung. Ortskoordinaten und "
        "Einwohnerzahlen: [GeoNames](https://www.geonames.org/) (CC BY 4.0). "
        "Kartenhintergrund: © [OpenStreetMap](https://www.openstreetmap.org/copyright)-"
        "Mitwirkende (ODbL), sofern nicht anders konfiguriert.\n\n"
        "**Datenschutz.** Adressen von Frauenhäusern sind vertraulich und werden nur auf "
        "Ortsebene gezeigt. Die Karte lädt keine Skripte oder Schriften von Drittanbietern.\n\n"
        "**Korrekturen.** Fehler oder fehlende Einträge melden Sie bitte als Issue im "
        "Projekt-Repository oder per E-Mail an die Betreiber dieser Seite, mit Quelle.\n\n"
        "**Lizenz.** Code: MIT. Daten: Fakten aus öffentlichen Quellen, siehe data/README.md.",
        "The map shows equality offices, women's and girls' facilities, and alliances and "
        "partners in German municipalities.\n\n"
        "**Data sources.** Entries are compiled from the organisations' public web pages; each "
        "row names its source and the date it was last verified. Place coordinates and "
        "population: [GeoNames](https://www.geonames.org/) (CC BY 4.0). Base map: © "
        "[OpenStreetMap](https://www.openstreetmap.org/copyright) contributors (ODbL), unless "
        "configured otherwise.\n\n"
        "**Privacy.** Women's shelter addresses are confidential and shown at city level only. "
        "The map loads no scripts or fonts from third parties.\n\n"
        "**Corrections.** Please report errors or missing entries as an issue in the project "
        "repository or by e-mail to the operators of this site, with a source.\n\n"
        "**Licence.** Code: MIT. Data: facts from public sources, see data/README.md.",
    ),
}


# embed page, embed view and static export (issue 7)
STRINGS.update(
    {
        "embed_heading": ("Karte einbetten", "Embed the map"),
        "embed_intro": (
            "Für Webteams: Wählen Sie Städte, Kategorien, Sprache und Ansicht. Die Vorschau "
            "zeigt, was Besucherinnen und Besucher sehen; den Code kopieren Sie in Ihre Seite. "
            "Die eingebettete Ansicht ist schreibgeschützt und lädt nichts von Drittanbietern "
            "außer den Kacheln des eingestellten Kartenservers.",
            "For web teams: choose cities, categories, language and view. The preview shows "
            "what visitors see; copy the code into your page. The embedded view is read-only "
            "and loads nothing from third parties except the tiles of the configured tile "
            "server.",
        ),
        "embed_cities": ("Städte / Gemeinden", "Cities / municipalities"),
        "embed_categories": ("Kategorien", "Categories"),
        "embed_groups": ("Bereiche", "Areas"),
        "embed_lang": ("Sprache der Einbettung", "Language of the embed"),
        "embed_view": ("Ansicht", "View"),
        "embed_height": ("Höhe in Pixeln", "Height in pixels"),
        "embed_title": (
            "Titel des iframes (für Screenreader)",
            "iframe title (for screen readers)",
        ),
        "view_map": ("Karte", "Map"),
        "view_list": ("Liste", "List"),
        "view_coverage": ("Abdeckung", "Coverage"),
        "embed_preview": ("Vorschau", "Preview"),
        "embed_snippet": ("HTML-Code zum Einfügen", "HTML code to paste"),
        "embed_snippet_help": (
            "Ersetzen Sie YOUR-HOST durch die Adresse dieser App, oder setzen Sie "
            "EQUALITY_MAP_PUBLIC_URL beim Betrieb.",
            "Replace YOUR-HOST with this app's address, or set EQUALITY_MAP_PUBLIC_URL when "
            "deploying.",
        ),
        "embed_static": (
            "Statische Seite für viel Besuch (ohne App-Server)",
            "Static page for high traffic (no app server)",
        ),
        "embed_static_help": (
            "Dieser Befehl schreibt dieselbe Auswahl als eine eigenständige HTML-Datei, die "
            "jeder Webserver oder ein CDN ausliefern kann.",
            "This command writes the same selection as one self-contained HTML file that any "
            "web server or CDN can serve.",
        ),
        "embed_docs": (
            "Einrichtung (Reverse Proxy, Content-Security-Policy, Kartenserver): siehe README, "
            "Abschnitt „For web teams: embedding“.",
            "Deployment (reverse proxy, Content-Security-Policy, tile server): see the README, "
            "section “For web teams: embedding”.",
        ),
        "embed_iframe_title": (
            "Karte der Gleichstellungsinfrastruktur",
            "Map of equality infrastructure",
        ),
        "skip_to_list": ("Zur Liste der Einträge", "Skip to the list of entries"),
        "coverage_counts_heading": (
            "Einträge je Stadt und Bereich",
            "Entries per city and area",
        ),
        "gesture_touch": (
            "Zum Verschieben der Karte zwei Finger benutzen",
            "Use two fingers to move the map",
        ),
        "gesture_scroll": (
            "Zum Zoomen Strg gedrückt halten und scrollen",
            "Hold Ctrl and scroll to zoom the map",
        ),
        "gesture_scroll_mac": (
            "Zum Zoomen ⌘ gedrückt halten und scrollen",
            "Hold ⌘ and scroll to zoom the map",
        ),
        "export_title": (
            "Gleichstellungsinfrastruktur",
            "Equality infrastructure",
        ),
        "export_map_label": ("Karte", "Map"),
        "export_data_date_verified": (
            "Stand der Daten: {date} (jüngste Prüfung eines Eintrags)",
            "Data as of {date} (most recent verification of an entry)",
        ),
        "export_data_date_file": (
            "Stand der Daten: {date} (Änderungsdatum der Datendatei)",
            "Data as of {date} (modification date of the data file)",
        ),
        "export_generated": (
            "Erstellt am {date} mit equality-map.",
            "Generated on {date} by equality-map.",
        ),
        "export_attribution": ("Quellen und Lizenzen", "Sources and licences"),
        "export_tiles": ("Kartenhintergrund: {attribution}", "Base map: {attribution}"),
        "export_geonames": (
            "Ortskoordinaten (Ortsmitte) teils aus GeoNames, CC BY 4.0.",
            "Some place coordinates (town centre) from GeoNames, CC BY 4.0.",
        ),
        "export_data_source": (
            "Einträge aus öffentlichen Angaben der Organisationen; jede Zeile nennt ihre "
            "Quelle. Adressen von Frauenhäusern sind vertraulich und nur auf Ortsebene "
            "angegeben.",
            "Entries compiled from the organisations' public information; each entry names "
            "its source. Women's shelter addresses are confidential and given at city level "
            "only.",
        ),
        "export_no_location": ("ohne Kartenposition", "not on the map"),
    }
)


def parse_lang(value: object) -> str:
    """A supported language code from a query param value, else the default (German)."""
    if isinstance(value, list):
        value = value[0] if value else ""
    text = str(value or "").strip().lower()[:5]
    return text if text in LANGS else DEFAULT_LANG


def t(key: str, lang: str = DEFAULT_LANG, **kwargs: object) -> str:
    """The UI string `key` in `lang`, formatted with kwargs; the key itself when unknown."""
    pair = STRINGS.get(key)
    if pair is None:
        return key
    text = pair[1] if lang == "en" else pair[0]
    return text.format(**kwargs) if kwargs else text


def category_label(key: str, lang: str = DEFAULT_LANG) -> str:
    """Localised label of a category key (the key itself when unknown)."""
    cat = s.CATEGORIES.get(key)
    if cat is None:
        return key
    return cat.label_en if lang == "en" else cat.label_de


def group_label(key: str, lang: str = DEFAULT_LANG) -> str:
    """Localised label of a group key."""
    group = s.GROUPS.get(key)
    if group is None:
        return key
    return group.label_en if lang == "en" else group.label_de


def state_label(code: str, lang: str = DEFAULT_LANG) -> str:
    """Localised name of a Land code; other text is returned unchanged."""
    state = s.STATES.get(code)
    if state is None:
        return code
    return state.name_en if lang == "en" else state.name_de


def wheelchair_label(value: str, lang: str = DEFAULT_LANG) -> str:
    """Localised yes/no/partial/unknown."""
    return t(f"wheelchair_{value}", lang) if value in s.WHEELCHAIR_VALUES else value


def format_number(value: float, lang: str = DEFAULT_LANG) -> str:
    """A number in the locale's notation (German: 20.000 and 1,5)."""
    return str(format_decimal(value, locale=_LOCALES.get(lang, "de_DE")))


def format_date(value: date | datetime | None, lang: str = DEFAULT_LANG) -> str:
    """A date as 01.02.2025 (German) or 1 Feb 2025 (English); "" for missing dates."""
    if value is None:
        return ""
    try:
        if value != value:  # NaT
            return ""
    except TypeError:  # pragma: no cover
        return ""
    if isinstance(value, datetime):
        value = value.date()
    fmt = "dd.MM.yyyy" if lang != "en" else "d MMM yyyy"
    return str(_babel_format_date(value, format=fmt, locale=_LOCALES.get(lang, "de_DE")))


# --- maintainers' texts (sign-in, Data page) ----------------------------------------------------
# gettext style: the German text is the key, so the page code reads as the page does and an
# entry missing here falls back to German. A test checks that every text used has an entry.

GETTEXT_EN: dict[str, str] = {
    # sign-in (sidebar)
    "Anmelden für Datenpflege": "Sign in for data maintenance",
    "Datenpflege ist ausgeschaltet: es ist kein Passwort eingerichtet. Betreiber*innen setzen "
    "`admin_password` in `.streamlit/secrets.toml` oder die Umgebungsvariable "
    "`EQUALITY_MAP_ADMIN_PASSWORD`.": "Data maintenance is switched off: no password is set up. "
    "Operators set `admin_password` in `.streamlit/secrets.toml` or the environment variable "
    "`EQUALITY_MAP_ADMIN_PASSWORD`.",
    "Angemeldet als **{user}**.": "Signed in as **{user}**.",
    "Abmelden": "Sign out",
    "Ihr Name (für das Änderungsprotokoll)": "Your name (for the change log)",
    "Passwort": "Password",
    "Anmelden": "Sign in",
    "Zu viele Fehlversuche. Bitte in {seconds} Sekunden erneut versuchen.": "Too many failed "
    "attempts. Please try again in {seconds} seconds.",
    "Das Passwort stimmt nicht.": "The password is not correct.",
    "Mit Konto anmelden (OIDC)": "Sign in with an account (OIDC)",
    "Daten pflegen": "Maintain data",
    "Datenpflege ist ausgeschaltet, weil kein Passwort eingerichtet ist (`admin_password` in "
    "secrets.toml oder `EQUALITY_MAP_ADMIN_PASSWORD`).": "Data maintenance is switched off "
    "because no password is set up (`admin_password` in secrets.toml or "
    "`EQUALITY_MAP_ADMIN_PASSWORD`).",
    "Diese Seite ist nur für angemeldete Datenpflegende.": "This page is for signed-in data "
    "maintainers only.",
    # Data page: change log actions
    "Tabelle bearbeitet": "Table edited",
    "Datei zusammengeführt": "File merged",
    "Datei ersetzt": "File replaced",
    "Wiederhergestellt": "Restored",
    "Online geokodiert": "Geocoded online",
    "außerhalb der App geändert": "changed outside the app",
    # validation report
    "Zeile": "Row",
    "Spalte": "Column",
    "Wert": "Value",
    "Art": "Kind",
    "Meldung": "Message",
    "Fehler": "Error",
    "Hinweis": "Warning",
    "{n} Fehler gefunden. Nichts wird gespeichert, solange Fehler da sind: bitte in der Datei "
    "korrigieren und erneut hochladen.": "{n} errors found. Nothing is saved while there are "
    "errors: please correct them in the file and upload it again.",
    "{n} Fehler in der Tabelle. Bitte korrigieren, dann speichern.": "{n} errors in the table. "
    "Please correct them, then save.",
    "{n} Hinweise (werden übernommen)": "{n} warnings (accepted)",
    # diff
    "Neu": "Added",
    "Entfernt": "Removed",
    "Geändert": "Changed",
    "**Neue Einträge**": "**New entries**",
    "**Entfernte Einträge**": "**Removed entries**",
    "**Geänderte Felder**": "**Changed fields**",
    "Feld": "Field",
    "vorher": "before",
    "nachher": "after",
    "Name": "Name",
    # saving
    "Nicht gespeichert: jemand anderes hat die Daten gespeichert, seit Sie die Seite geladen "
    "haben{who}. Bitte deren Änderung ansehen, „Neu laden“ klicken und Ihre Änderung erneut "
    "vornehmen.": "Not saved: someone else saved the data since you loaded the page{who}. "
    "Please look at their change, click “Reload” and make your change again.",
    "Die andere Änderung": "The other change",
    "Nicht gespeichert: Die aktuelle Datei hat {n} Fehler in Zeilen, die hier nicht angezeigt "
    "werden und beim Speichern verloren gingen. Bitte die Zeilen in der Datei korrigieren und "
    "sie mit „Ersetzen“ hochladen, oder eine frühere Fassung wiederherstellen.": "Not saved: "
    "the current file has {n} errors in rows that are not shown here and would be lost by "
    "saving. Please correct those rows in the file and upload it with “Replace”, or restore "
    "an earlier version.",
    "Gerade speichert jemand anderes. Bitte einen Moment warten und erneut speichern.": "Someone "
    "else is saving right now. Please wait a moment and save again.",
    "Gespeichert: {added} neu, {changed} geändert, {removed} entfernt. Die vorige Fassung liegt "
    "im Verlauf.": "Saved: {added} added, {changed} changed, {removed} removed. The previous "
    "version is in the history.",
    "Keine Änderungen – nichts gespeichert.": "No changes – nothing saved.",
    # page
    "Datei `{path}` · {n} Einträge · geladene Fassung `{version}` · angemeldet als {user}": "File "
    "`{path}` · {n} entries · loaded version `{version}` · signed in as {user}",
    "Neu laden": "Reload",
    "Die Datei wurde seit dem Laden geändert. Speichern wird abgelehnt, bis Sie „Neu laden“ "
    "klicken (Ihre ungespeicherten Änderungen gehen dabei verloren).": "The file has changed "
    "since it was loaded. Saving is refused until you click “Reload” (your unsaved changes are "
    "lost then).",
    "Achtung: {n} Fehler in der aktuellen Datei. Diese Zeilen werden hier nicht angezeigt; "
    "Bearbeiten und Zusammenführen sind gesperrt, bis sie korrigiert sind (korrigierte Datei "
    "mit „Ersetzen“ hochladen oder frühere Fassung wiederherstellen).": "Attention: {n} errors "
    "in the current file. These rows are not shown here; editing and merging are locked until "
    "they are corrected (upload the corrected file with “Replace” or restore an earlier "
    "version).",
    "Datei hochladen": "Upload a file",
    "Direkt bearbeiten": "Edit directly",
    "Online geokodieren": "Geocode online",
    "Verlauf": "History",
    "CSV (auch Excel-CSV mit Semikolon) oder Excel-Arbeitsmappe (.xlsx), höchstens {mb} MB. Erst "
    "nach Ihrer Bestätigung wird gespeichert.": "CSV (also Excel CSV with semicolons) or an Excel "
    "workbook (.xlsx), at most {mb} MB. Nothing is saved before you confirm.",
    "Datei wählen": "Choose a file",
    "Die Datei ist {size} MB groß; erlaubt sind {mb} MB.": "The file has {size} MB; {mb} MB are "
    "allowed.",
    "Prüfbericht": "Validation report",
    "Keine Fehler und keine Hinweise.": "No errors and no warnings.",
    "Wie übernehmen?": "How to take it over?",
    "Zusammenführen: neue hinzufügen, geänderte aktualisieren, übrige behalten": "Merge: add new "
    "ones, update changed ones, keep the others",
    "Ersetzen: die Datei wird die neue Datenquelle": "Replace: the file becomes the new data "
    "source",
    "Änderungen gegenüber den aktuellen Daten": "Changes against the current data",
    "Die Datei enthält keine Änderungen.": "The file contains no changes.",
    "Ja, {n} Einträge entfernen": "Yes, remove {n} entries",
    "Änderungen speichern": "Save changes",
    "Zellen anklicken zum Ändern; unten eine Zeile hinzufügen; Zeilen markieren und löschen. "
    "Listen (Zielgruppen, Themen …) mit „; “ trennen. Gespeichert wird erst mit dem Knopf unter "
    "der Tabelle.": "Click cells to change them; add a row at the bottom; select rows and delete "
    "them. Separate lists (target groups, topics …) with “; ”. Nothing is saved before you "
    "press the button below the table.",
    "Stabile Kennung; leer lassen, dann aus Name und Ort gebildet": "Stable identifier; leave "
    "empty to derive it from name and place",
    "Kategorie": "Category",
    "Ort": "Place",
    "Land": "Land",
    "leer: aus dem Ortsverzeichnis": "empty: from the gazetteer",
    "Breite": "Latitude",
    "Länge": "Longitude",
    "Genauigkeit": "Precision",
    "Koordinatenquelle": "Source of coordinates",
    "Adresse vertraulich": "Address confidential",
    "Webseite": "Website",
    "Quelle": "Source",
    "barrierefrei": "wheelchair accessible",
    "Plätze": "Places",
    "zuletzt geprüft": "last verified",
    "Zielgruppen": "Target groups",
    "Themen": "Topics",
    "Netzwerke": "Networks",
    "Sprachen": "Languages",
    "Tabelle": "Table",
    "Noch keine Änderungen in der Tabelle.": "No changes in the table yet.",
    "Die Tabelle enthält keine Änderungen.": "The table contains no changes.",
    "{done} von {total} Adressen": "{done} of {total} addresses",
    "Neue und geänderte Einträge werden beim Speichern offline in ihrer Gemeinde verortet. Hier "
    "lassen sich Einträge mit Straße oder PLZ genauer verorten, über Nominatim (OpenStreetMap): "
    "höchstens eine Anfrage pro Sekunde, jede Adresse nur einmal, Antworten zwischengespeichert. "
    "Vertrauliche Adressen (Frauenhäuser) werden nie gesendet.": "New and changed entries are "
    "placed in their municipality offline when saved. Here entries with a street or postcode "
    "can be placed more precisely via Nominatim (OpenStreetMap): at most one request per "
    "second, each address once, answers cached. Confidential addresses (women's shelters) are "
    "never sent.",
    "Einträge, die genauer verortet werden können: **{n}**": "Entries that can be placed more "
    "precisely: **{n}**",
    "Online-Geokodierung ist nicht eingerichtet: {error}": "Online geocoding is not set up: "
    "{error}",
    "Jetzt online geokodieren (etwa {n} Sekunden)": "Geocode online now (about {n} seconds)",
    "{n} Adressen online": "{n} addresses online",
    "Frühere Fassungen und Protokoll in `{folder}`.": "Earlier versions and log in `{folder}`.",
    "**Änderungsprotokoll**": "**Change log**",
    "Zeit (UTC)": "Time (UTC)",
    "Wer": "Who",
    "Aktion": "Action",
    "neu": "added",
    "geändert": "changed",
    "entfernt": "removed",
    "Beschreibung": "Description",
    "Noch keine früheren Fassungen: sie entstehen beim ersten Speichern.": "No earlier versions "
    "yet: they are made at the first save.",
    "Frühere Fassung": "Earlier version",
    "Wiederherstellen ändert die aktuellen Daten so:": "Restoring changes the current data like "
    "this:",
    "Diese Fassung wiederherstellen": "Restore this version",
    "Nicht wiederhergestellt: {error}": "Not restored: {error}",
    "Fassung wiederhergestellt; das ist eine neue Fassung im Verlauf, die bisherige ist dort "
    "ebenfalls gesichert.": "Version restored; it is a new version in the history, and the "
    "previous one is kept there too.",
}


def gettext(text: str, lang: str = DEFAULT_LANG, /, **values: Any) -> str:
    """`text` (German) in `lang`, with `{name}` placeholders filled from `values`."""
    out = GETTEXT_EN.get(text, text) if lang == "en" else text
    return out.format(**values) if values else out
