"""Texts of the Data page's table editor: column labels and help, search and filters."""

from __future__ import annotations

from equality_map.i18n.catalogue import Text

TEXTS: dict[str, Text] = {
    "mt.address_confidential": (
        "Adresse vertraulich",
        "Address confidential",
    ),
    "mt.category": (
        "Kategorie",
        "Category",
    ),
    "mt.edit_categories": (
        "Kategorien",
        "Categories",
    ),
    "mt.edit_cities": (
        "Städte / Gemeinden",
        "Cities / municipalities",
    ),
    "mt.edit_filter_locked": (
        "Die Auswahl ist gesperrt, solange es ungespeicherte Änderungen gibt: erst speichern "
        "oder die Seite neu laden.",
        "The selection is locked while there are unsaved changes: save first or reload the page.",
    ),
    "mt.edit_rows_shown": (
        "{shown} von {total} Zeilen in der Tabelle",
        "{shown} of {total} rows in the table",
    ),
    "mt.edit_search": (
        "Suchen (alle Spalten)",
        "Search (all columns)",
    ),
    "mt.empty_from_gazetteer": (
        "leer: aus dem Gemeindeverzeichnis",
        "empty: from the municipality directory",
    ),
    "mt.land": (
        "Land",
        "Land",
    ),
    "mt.languages": (
        "Sprachen",
        "Languages",
    ),
    "mt.last_verified": (
        "zuletzt geprüft",
        "last verified",
    ),
    "mt.latitude": (
        "Breite",
        "Latitude",
    ),
    "mt.longitude": (
        "Länge",
        "Longitude",
    ),
    "mt.networks": (
        "Netzwerke",
        "Networks",
    ),
    "mt.place": (
        "Ort",
        "Place",
    ),
    "mt.places": (
        "Plätze",
        "Places",
    ),
    "mt.precision": (
        "Genauigkeit",
        "Precision",
    ),
    "mt.source": (
        "Quelle",
        "Source",
    ),
    "mt.source_coordinates": (
        "Koordinatenquelle",
        "Source of coordinates",
    ),
    "mt.stable_identifier_leave_empty": (
        "Stabile Kennung; leer lassen, dann aus Name und Ort gebildet",
        "Stable identifier; leave empty to derive it from name and place",
    ),
    "mt.target_groups": (
        "Zielgruppen",
        "Target groups",
    ),
    "mt.topics": (
        "Themen",
        "Topics",
    ),
    "mt.website": (
        "Webseite",
        "Website",
    ),
    "mt.wheelchair_accessible": (
        "barrierefrei",
        "wheelchair accessible",
    ),
}
