"""Texts of the About page and the standalone HTML export: sources, privacy, corrections."""

from __future__ import annotations

from equality_map.i18n.catalogue import Text

TEXTS: dict[str, Text] = {
    "about_heading": (
        "Über diese Karte",
        "About this map",
    ),
    "about_body": (
        "Die Karte zeigt Gleichstellungsstellen, Frauen- und Mädcheneinrichtungen sowie "
        "Bündnisse und Partner in deutschen Kommunen; die Seite „Abdeckung“ misst Bestand, "
        "Bedarf und Erreichbarkeit je Gemeinde, Kreis und Land.\n\n"
        "**Einträge.** Aus öffentlichen Webseiten der Organisationen; jede Zeile nennt ihre "
        "Quelle, das Datum der Quelle und das Datum der letzten Prüfung.",
        "The map shows equality offices, women's and girls' facilities, and alliances and "
        "partners in German municipalities; the Coverage page measures stock, need and reach "
        "per municipality, Kreis and Land.\n\n"
        "**Entries.** Compiled from the organisations' public web pages; each row names its "
        "source, the date of that source and the date it was last checked.",
    ),
    "about_sources": (
        "**Gemeinden, Kreise, Einwohnerzahlen.** © Daten (im Auftrag der "
        "Herausgebergemeinschaft Statistische Ämter des Bundes und der Länder) Statistisches "
        "Bundesamt (Destatis), 2023. Vervielfältigung und Verbreitung, auch auszugsweise, mit "
        "Quellenangabe gestattet. (Daten verändert; Gebietsstand 30.11.2023, Einwohner "
        "31.12.2022.)\n\n"
        "**Grenzen.** [© GeoBasis-DE / BKG 2021 (Daten verändert)](https://www.bkg.bund.de), "
        "Datenlizenz Deutschland – Namensnennung – 2.0; Stand 01.01.2021.\n\n"
        "**Weitere Ortsnamen.** [GeoNames](https://www.geonames.org/) (CC BY 4.0).\n\n"
        "**Kartenhintergrund.** © [OpenStreetMap](https://www.openstreetmap.org/copyright)-"
        "Mitwirkende (ODbL), sofern nicht anders eingestellt.",
        "**Municipalities, Kreise, population.** © Daten (im Auftrag der "
        "Herausgebergemeinschaft Statistische Ämter des Bundes und der Länder) Statistisches "
        "Bundesamt (Destatis), 2023. Vervielfältigung und Verbreitung, auch auszugsweise, mit "
        "Quellenangabe gestattet. (Data changed; territory 30.11.2023, population "
        "31.12.2022.)\n\n"
        "**Boundaries.** [© GeoBasis-DE / BKG 2021 (Daten verändert)](https://www.bkg.bund.de), "
        "Data licence Germany – attribution – 2.0; as of 01.01.2021.\n\n"
        "**Other place names.** [GeoNames](https://www.geonames.org/) (CC BY 4.0).\n\n"
        "**Base map.** © [OpenStreetMap](https://www.openstreetmap.org/copyright) contributors "
        "(ODbL), unless configured otherwise.",
    ),
    "about_privacy": (
        "**Datenschutz.** Adressen von Frauenhäusern sind vertraulich und werden nur auf "
        "Ortsebene gezeigt. Die Karte lädt keine Skripte oder Schriften von Drittanbietern, nur "
        "die Kacheln des eingestellten Kartenservers.",
        "**Privacy.** Women's shelter addresses are confidential and shown at city level only. "
        "The map loads no scripts or fonts from third parties, only the tiles of the configured "
        "tile server.",
    ),
    "about_corrections": (
        "**Korrekturen.** Fehler oder fehlende Einträge melden Sie bitte an {link}, mit einer "
        "öffentlichen Quelle. Adressen von Frauenhäusern bitte nie senden.",
        "**Corrections.** Please report errors or missing entries to {link}, with a public "
        "source. Never send a women's shelter's address.",
    ),
    "about_corrections_none": (
        "**Korrekturen.** Fehler oder fehlende Einträge melden Sie bitte den Betreibern dieser "
        "Seite, mit einer öffentlichen Quelle. Adressen von Frauenhäusern bitte nie senden.",
        "**Corrections.** Please report errors or missing entries to the operators of this "
        "site, with a public source. Never send a women's shelter's address.",
    ),
    "about_licence": (
        "**Lizenz.** Code: MIT. Zusammenstellung der Daten: CC BY 4.0.",
        "**Licence.** Code: MIT. Compilation of the data: CC BY 4.0.",
    ),
    "export_contact": (
        "Korrekturen an: {contact}",
        "Corrections to: {contact}",
    ),
    "export_title": (
        "Gleichstellungsinfrastruktur",
        "Equality infrastructure",
    ),
    "export_map_label": (
        "Karte",
        "Map",
    ),
    "export_generated": (
        "Erstellt am {date} mit equality-map.",
        "Generated on {date} by equality-map.",
    ),
    "export_attribution": (
        "Quellen und Lizenzen",
        "Sources and licences",
    ),
    "export_tiles": (
        "Kartenhintergrund: {attribution}",
        "Base map: {attribution}",
    ),
    "export_destatis": (
        "Ortsmitten der Gemeinden: © Daten (im Auftrag der Herausgebergemeinschaft Statistische "
        "Ämter des Bundes und der Länder) Statistisches Bundesamt (Destatis), 2023. "
        "Vervielfältigung und Verbreitung, auch auszugsweise, mit Quellenangabe gestattet.",
        "Centres of municipalities: © Daten (im Auftrag der Herausgebergemeinschaft Statistische "
        "Ämter des Bundes und der Länder) Statistisches Bundesamt (Destatis), 2023. "
        "Vervielfältigung und Verbreitung, auch auszugsweise, mit Quellenangabe gestattet.",
    ),
    "export_data_source": (
        "Einträge aus öffentlichen Angaben der Organisationen; jede Zeile nennt ihre Quelle. "
        "Adressen von Frauenhäusern sind vertraulich und nur auf Ortsebene angegeben.",
        "Entries compiled from the organisations' public information; each entry names its "
        "source. Women's shelter addresses are confidential and given at city level only.",
    ),
    "export_no_location": (
        "ohne Kartenposition",
        "not on the map",
    ),
    "site_boundaries": (
        "Grenzen: © GeoBasis-DE / BKG 2021 (Daten verändert), https://www.bkg.bund.de",
        "Boundaries: © GeoBasis-DE / BKG 2021 (Daten verändert), https://www.bkg.bund.de",
    ),
    "site_directory_intro": (
        "Karten einzelner Gemeinden und Kreise (zum Einbetten in eine Webseite):",
        "Maps of single municipalities and Kreise (to embed in a web page):",
    ),
    "site_kreise": (
        "Kreise und kreisfreie Städte",
        "Kreise and kreisfreie Städte",
    ),
    "site_download_csv": (
        "Alle Einträge als CSV",
        "All entries as CSV",
    ),
    "site_download_geojson": (
        "Alle Einträge als GeoJSON",
        "All entries as GeoJSON",
    ),
}
