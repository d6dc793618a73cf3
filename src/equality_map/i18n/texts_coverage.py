"""Texts of the coverage page: controls, method, tabs, gap lists, the stock report."""

from __future__ import annotations

from equality_map.i18n.catalogue import Text

TEXTS: dict[str, Text] = {
    "cov.title": (
        "Versorgung und Lücken",
        "Coverage and gaps",
    ),
    "cov.intro": (
        "Bestand, Bedarf und Erreichbarkeit von Frauenhäusern, Beratungsstellen und "
        "Gleichstellungsstellen je Kommune, Kreis und Land – mit amtlicher Einwohnerzahl. Leere "
        "Felder heißen „nicht erhoben“: Dort wurden die Daten nicht vollständig erfasst, eine "
        "Lücke ist dann nicht bekannt.",
        "Stock, need and reachability of women's shelters, counselling centres and equality "
        "offices per municipality, Kreis and Land – with official population figures. Empty "
        "cells mean “not surveyed”: the data there were not collected completely, so a gap is "
        "not known.",
    ),
    "cov.level": (
        "Ebene",
        "Level",
    ),
    "cov.level_municipality": (
        "Kommunen",
        "Municipalities",
    ),
    "cov.level_kreis": (
        "Kreise und kreisfreie Städte",
        "Kreise and kreisfreie Städte",
    ),
    "cov.level_land": (
        "Länder",
        "Länder",
    ),
    "cov.yardstick": (
        "Maßstab für den Bedarf",
        "Yardstick of need",
    ),
    "cov.yardstick_custom": (
        "Eigener Wert …",
        "Own value …",
    ),
    "cov.custom_amount": (
        "Anzahl",
        "Amount",
    ),
    "cov.custom_per": (
        "je Einwohner*innen (oder Frauen)",
        "per inhabitants (or women)",
    ),
    "cov.custom_unit": (
        "Einheit",
        "Unit",
    ),
    "cov.custom_base": (
        "Bezogen auf",
        "Relative to",
    ),
    "cov.unit_family_places": (
        "Familienplätze (Plätze für Frauen)",
        "family places (places for women)",
    ),
    "cov.unit_beds": (
        "Betten (Plätze für Frauen und Kinder)",
        "beds (places for women and children)",
    ),
    "cov.unit_facilities": (
        "Beratungsstellen",
        "counselling centres",
    ),
    "cov.base_inhabitants": (
        "Einwohner*innen",
        "inhabitants",
    ),
    "cov.base_women": (
        "Frauen",
        "women",
    ),
    "cov.threshold_1": (
        "Entfernung 1 (km, Luftlinie)",
        "Distance 1 (km, straight line)",
    ),
    "cov.threshold_2": (
        "Entfernung 2 (km, Luftlinie)",
        "Distance 2 (km, straight line)",
    ),
    "cov.min_population": (
        "Kommunen ab Einwohnerzahl (Kommunen mit Einträgen immer)",
        "Municipalities from population (those with entries always)",
    ),
    "cov.method": (
        "So wird gerechnet",
        "How the figures are computed",
    ),
    "cov.method_survey": (
        "**Erhoben oder nicht:** Eine Zahl, eine Lücke oder „fehlt“ erscheint nur, wo eine "
        "vollständige Erhebung das Gebiet und die Kategorie abdeckt (data/surveys.csv). Sonst "
        "steht „nicht erhoben“ – nie 0, nie eine Lücke. Erfasste Einträge zählen dort als "
        "„mindestens“.",
        "**Surveyed or not:** a number, a gap or “missing” appears only where a complete survey "
        "covers the area and the category (data/surveys.csv). Elsewhere the cell says “not "
        "surveyed” – never 0, never a gap. Recorded entries count there as “at least”.",
    ),
    "cov.method_places": (
        "**Plätze:** Plätze für Frauen, Plätze für Kinder und barrierefreie Plätze werden "
        "getrennt gezählt. Ein Frauenhaus ohne Platzangabe macht die Summe zur Untergrenze "
        "(„mind.“); eine Lücke ist dann nur bekannt, wenn schon die Untergrenze den Bedarf "
        "deckt.",
        "**Places:** places for women, places for children and barrier-free places are counted "
        "apart. A shelter without stated places makes the total a lower bound (“at least”); a "
        "gap is then only known when the lower bound already meets the need.",
    ),
    "cov.method_distance": (
        "**Entfernungen:** Luftlinie vom Mittelpunkt der Gemeinde (Destatis) zum nächsten "
        "erfassten Eintrag, eine Untergrenze des Weges. Sie gilt als Tatsache nur, wenn alle "
        "Gemeinden innerhalb dieser Entfernung erhoben sind; sonst ist sie eine Obergrenze "
        "(„höchstens x km; nähere Angebote sind vielleicht nicht erfasst“). Für Kreise und "
        "Länder: nach Frauen gewichteter Mittelwert und Anteil der Frauen jenseits der "
        "Schwellen, nur aus bekannten Entfernungen.",
        "**Distances:** straight line from the municipality's centre (Destatis) to the nearest "
        "recorded entry, a lower bound of the travel distance. It counts as a fact only when "
        "every municipality within that distance is surveyed; otherwise it is an upper bound "
        "(“at most x km; nearer services may not be recorded”). For Kreise and Länder: "
        "women-weighted mean and share of women beyond the thresholds, from known distances "
        "only.",
    ),
    "cov.method_yardstick": (
        "**Maßstab:** {label}. {note}",
        "**Yardstick:** {label}. {note}",
    ),
    "cov.method_source": (
        "Quelle des Maßstabs: {url}",
        "Source of the yardstick: {url}",
    ),
    "cov.method_law": (
        "**Pflicht zur Gleichstellungsstelle:** nach dem Gesetz des Landes aus Status (z. B. "
        "kreisfreie Stadt), Verband (amtsfrei, Einheitsgemeinde) und Einwohnerzahl; leer, wo es "
        "nicht entschieden werden kann (Tabelle im Reiter „Rechtsgrundlagen“).",
        "**Duty to have an equality office:** by the Land's law from status (e.g. kreisfreie "
        "Stadt), Verband (amtsfrei, Einheitsgemeinde) and population; empty where it cannot be "
        "decided (table in the “Legal rules” tab).",
    ),
    "cov.completeness": (
        "Wie vollständig sind die Daten?",
        "How complete are the data?",
    ),
    "cov.completeness_summary": (
        "Vollständig erhoben: {complete}. Alle übrigen Länder und Kategorien: nicht erhoben "
        "(leere Felder).",
        "Surveyed completely: {complete}. All other Länder and categories: not surveyed (empty "
        "cells).",
    ),
    "cov.completeness_open": (
        (
            "Darin ist {n} Kreis oder Gemeinde offen (gesucht, keine Quelle gefunden): dort "
            "steht „nicht erhoben“, siehe „Wie vollständig sind die Daten?“.",
            "Darin sind {n} Kreise und Gemeinden offen (gesucht, keine Quelle gefunden): dort "
            "steht „nicht erhoben“, siehe „Wie vollständig sind die Daten?“.",
        ),
        (
            "Within them {n} Kreis or municipality is open (searched, no source found): it reads "
            "“not surveyed”, see “How complete are the data?”.",
            "Within them {n} Kreise and municipalities are open (searched, no source found): "
            "they read “not surveyed”, see “How complete are the data?”.",
        ),
    ),
    "cov.completeness_none": (
        "Für kein Land ist eine vollständige Erhebung hinterlegt: alle Bestände sind "
        "Untergrenzen, Lücken sind nicht bekannt.",
        "No complete survey is recorded for any Land: all stocks are lower bounds, gaps are not "
        "known.",
    ),
    "cov.survey_complete": (
        "vollständig",
        "complete",
    ),
    "cov.survey_partial": (
        "teilweise",
        "partial",
    ),
    "cov.open_except": (
        "nicht erhoben: {areas}",
        "not surveyed: {areas}",
    ),
    "cov.survey_open": (
        "offen",
        "open",
    ),
    "cov.survey_not_surveyed": (
        "nicht erhoben",
        "not surveyed",
    ),
    "cov.not_surveyed": (
        "nicht erhoben",
        "not surveyed",
    ),
    "cov.at_least": (
        "mind. {value}",
        "at least {value}",
    ),
    "cov.at_most": (
        "höchstens {value}",
        "at most {value}",
    ),
    "cov.tab_table": (
        "Tabelle",
        "Table",
    ),
    "cov.tab_profile": (
        "Profil",
        "Profile",
    ),
    "cov.tab_map": (
        "Karte",
        "Map",
    ),
    "cov.tab_compare": (
        "Vergleich",
        "Compare",
    ),
    "cov.tab_gaps": (
        "Lücken",
        "Gaps",
    ),
    "cov.tab_region": (
        "Region",
        "Region",
    ),
    "cov.tab_report": (
        "Bestandsbericht",
        "Stock report",
    ),
    "cov.tab_law": (
        "Rechtsgrundlagen",
        "Legal rules",
    ),
    "cov.filter_state": (
        "Länder",
        "Länder",
    ),
    "cov.filter_size": (
        "Größenklassen",
        "Size classes",
    ),
    "cov.download": (
        "Tabelle als CSV herunterladen",
        "Download the table as CSV",
    ),
    "cov.rows_municipality": (
        (
            "{n} Kommune",
            "{n} Kommunen",
        ),
        (
            "{n} municipality",
            "{n} municipalities",
        ),
    ),
    "cov.rows_kreis": (
        (
            "{n} Kreis",
            "{n} Kreise",
        ),
        (
            "{n} Kreis",
            "{n} Kreise",
        ),
    ),
    "cov.rows_land": (
        (
            "{n} Land",
            "{n} Länder",
        ),
        (
            "{n} Land",
            "{n} Länder",
        ),
    ),
    "cov.pick_area": (
        "Gebiet wählen (Name, Schreibweise egal, oder AGS)",
        "Pick an area (name in any spelling, or AGS)",
    ),
    "cov.city_not_found": (
        "„{city}“ ist kein Gebiet dieser Ebene; bitte unten eines wählen.",
        "“{city}” is no area of this level; please pick one below.",
    ),
    "cov.entries": (
        "Einträge",
        "Entries",
    ),
    "cov.no_entries": (
        "Keine Einträge in den Daten.",
        "No entries in the data.",
    ),
    "cov.indicator": (
        "Kennzahl",
        "Indicator",
    ),
    "cov.map_note": (
        "Farbe nach gewählter Kennzahl; grau gestrichelt: nicht erhoben. Klick auf ein Gebiet "
        "öffnet sein Profil.",
        "Colour by the chosen indicator; grey, dashed: not surveyed. Click an area to open its "
        "profile.",
    ),
    "cov.map_note_municipality": (
        "Kreise nach Einwohnerzahl, Farbe nach gewählter Kennzahl; grau: nicht erhoben.",
        "Circles by population, colour by the chosen indicator; grey: not surveyed.",
    ),
    "cov.compare_pick": (
        "2 bis 5 Gebiete vergleichen",
        "Compare 2 to 5 areas",
    ),
    "cov.compare_hint": (
        "Bitte mindestens zwei Gebiete wählen.",
        "Please pick at least two areas.",
    ),
    "cov.gaps_office": (
        "Pflicht zur Gleichstellungsstelle, aber keine erfasst (nur erhobene Gebiete)",
        "Required to have an equality office, but none recorded (surveyed areas only)",
    ),
    "cov.gaps_shelter": (
        "Größte Lücken bei Frauenhausplätzen (nur bekannte Lücken)",
        "Largest shelter place gaps (known gaps only)",
    ),
    "cov.gaps_no_shelter": (
        "Erhobene Kreise ohne Frauenhaus",
        "Surveyed Kreise without any shelter",
    ),
    "cov.gaps_far": (
        "Die meisten Frauen jenseits von {km} km zum nächsten Frauenhaus",
        "Most women beyond {km} km from the nearest shelter",
    ),
    "cov.gaps_none": (
        "Keine bekannten Lücken in erhobenen Gebieten.",
        "No known gaps in surveyed areas.",
    ),
    "cov.region_intro": (
        "Kreise zu einer Planungsregion zusammenfassen: Bestand, Bedarf und Lücke werden "
        "gemeinsam gerechnet.",
        "Group Kreise into a planning region: stock, need and gap are computed together.",
    ),
    "cov.region_pick": (
        "Kreise der Region",
        "Kreise of the region",
    ),
    "cov.region_hint": (
        "Bitte mindestens einen Kreis wählen.",
        "Please pick at least one Kreis.",
    ),
    "cov.report_intro": (
        "Ein Arbeitsbuch (Excel, LibreOffice) mit Bestand je Kreis und Land, Bedarf und Lücken "
        "je Maßstab, Erreichbarkeit und Methode (Formeln, Quellen, Datenstand, Erhebungsstand, "
        "Quellenvermerke) – die Bestandsaufnahme nach § 8 Gewalthilfegesetz.",
        "A workbook (Excel, LibreOffice) with stock per Kreis and Land, need and gaps per "
        "yardstick, reachability and method (formulas, sources, data dates, survey status, "
        "source notes) – the stocktaking of § 8 Gewalthilfegesetz.",
    ),
    "cov.report_stichtag": (
        "Stichtag",
        "Reference date",
    ),
    "cov.report_download": (
        "Bestandsbericht herunterladen (.xlsx)",
        "Download the stock report (.xlsx)",
    ),
    "cov.law_note": (
        "Leer heißt unbekannt: Dort entscheidet etwas, das im Verzeichnis nicht steht, oder das "
        "Gesetz verlangt keine Stelle als solche. Quellen je Land in der Tabelle.",
        "Empty means unknown: something the directory does not hold decides there, or the law "
        "does not demand an office as such. Sources per Land in the table.",
    ),
    "cov.source_notes": (
        "Quellen: Einwohnerzahlen und Gemeinden: © Daten (im Auftrag der "
        "Herausgebergemeinschaft Statistische Ämter des Bundes und der Länder) Statistisches "
        "Bundesamt (Destatis), 2023. Vervielfältigung und Verbreitung, auch auszugsweise, mit "
        "Quellenangabe gestattet (Daten verändert). Grenzen: © GeoBasis-DE / BKG 2021 (Daten "
        "verändert). Einwohner*innen am 31.12.2022, Gebietsstand 30.11.2023.",
        "Sources: population and municipalities: © Daten (im Auftrag der "
        "Herausgebergemeinschaft Statistische Ämter des Bundes und der Länder) Statistisches "
        "Bundesamt (Destatis), 2023. Vervielfältigung und Verbreitung, auch auszugsweise, mit "
        "Quellenangabe gestattet (data changed). Boundaries: © GeoBasis-DE / BKG 2021 (Daten "
        "verändert). Population on 31 Dec 2022, territory of 30 Nov 2023.",
    ),
    "cov.unattributed": (
        (
            "{n} Eintrag ließ sich keiner Gemeinde zuordnen und zählt nirgends (Prüfbericht auf "
            "der Datenseite).",
            "{n} Einträge ließen sich keiner Gemeinde zuordnen und zählen nirgends (Prüfbericht "
            "auf der Datenseite).",
        ),
        (
            "{n} entry could not be placed in a municipality and counts nowhere (see the Data "
            "page's report).",
            "{n} entries could not be placed in a municipality and count nowhere (see the Data "
            "page's report).",
        ),
    ),
    "cov.score_formula_body": (
        "Der Versorgungswert (0–100) ist der Mittelwert der bekannten von vier Teilen, jeweils "
        "0 bis 1: (1) Gleichstellungsstelle: 1, wenn eine erfasst ist, 0, wenn in einem "
        "erhobenen Gebiet keine erfasst ist. (2) Frauenhausplätze: Bestand ÷ Bedarf nach dem "
        "gewählten Maßstab, höchstens 1, nur wenn die Lücke bekannt ist. (3) Beratung: 1 bei 0 "
        "km, linear fallend bis 0 bei {zero_km} km zur nächsten Beratungsstelle, nur bei "
        "bekannter Entfernung. (4) Aktualität: Anteil der Einträge, die in den letzten {months} "
        "Monaten geprüft wurden. Unbekannte Teile zählen nicht, weder als 0 noch als 1; wie "
        "viele Teile bekannt sind, steht dabei.",
        "The coverage score (0–100) is the mean of the known ones of four parts, each 0 to 1: "
        "(1) equality office: 1 if one is recorded, 0 if none is recorded in a surveyed area. "
        "(2) Shelter places: stock ÷ need by the chosen yardstick, at most 1, only where the "
        "gap is known. (3) Counselling: 1 at 0 km, falling linearly to 0 at {zero_km} km to the "
        "nearest counselling centre, only where the distance is known. (4) Freshness: share of "
        "entries verified within the last {months} months. Unknown parts count neither as 0 nor "
        "as 1; the number of known parts is shown with the score.",
    ),
    "report.stock": ("Bestand", "stock"),
    "report.target": ("Bedarf", "target"),
    "report.gap": ("Lücke", "gap"),
    "report.municipality": ("Gemeinden", "municipalities"),
    "report.kreis": ("Kreise", "Kreise"),
    "report.land": ("Länder", "Länder"),
    "report.sheet_stock": ("Bestand {level}", "Stock {level}"),
    "report.sheet_need": ("Bedarf {level}", "Need {level}"),
    "report.sheet_reach": ("Erreichbarkeit {level}", "Reach {level}"),
    "report.sheet_method": ("Methode", "Method"),
    "report.stichtag": ("Stichtag", "Reference date"),
    "report.date_entries": ("Einträge", "Entries"),
    "report.date_population": ("Gemeinden und Einwohnerzahlen", "Municipalities and population"),
    "report.date_population_text": (
        "Destatis Gemeindeverzeichnis: Gebietsstand 30.11.2023, Einwohner 31.12.2022",
        "Destatis municipality directory: territory 30.11.2023, population 31.12.2022",
    ),
    "report.date_boundaries": ("Grenzen", "Boundaries"),
    "report.date_boundaries_text": (
        "BKG VG5000, Stand 01.01.2021 (für Entfernungen und Karten)",
        "BKG VG5000, as of 01.01.2021 (for distances and maps)",
    ),
}
