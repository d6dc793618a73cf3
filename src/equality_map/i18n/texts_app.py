"""Texts of the app shell, map, list, popups, embed and static export."""

from __future__ import annotations

from equality_map.i18n.catalogue import Text

TEXTS: dict[str, Text] = {
    "app_title": (
        "Gleichstellungskarte",
        "Equality map",
    ),
    "nav_map": (
        "Karte",
        "Map",
    ),
    "nav_coverage": (
        "Abdeckung",
        "Coverage",
    ),
    "nav_data": (
        "Daten",
        "Data",
    ),
    "nav_embed": (
        "Einbetten",
        "Embed",
    ),
    "nav_about": (
        "Über",
        "About",
    ),
    "language": (
        "Sprache",
        "Language",
    ),
    "lang_de": (
        "Deutsch",
        "Deutsch",
    ),
    "lang_en": (
        "English",
        "English",
    ),
    "data_unreadable": (
        "Die Datenquelle {file} konnte nicht gelesen werden: {message}",
        "The data source {file} could not be read: {message}",
    ),
    "data_unavailable": (
        "Die Daten sind zurzeit nicht verfügbar. Bitte versuchen Sie es später noch einmal.",
        "The data is not available at the moment. Please try again later.",
    ),
    "data_issues": (
        "Datenprüfung: ausgelassene Zeilen mit Fehlern: {errors}; Hinweise: {warnings}.",
        "Data check: rows left out because of errors: {errors}; warnings: {warnings}.",
    ),
    "data_issue_details": (
        "Details zu den Datenproblemen",
        "Details of the data problems",
    ),
    "coming_soon": (
        "Diese Seite folgt in einer späteren Version.",
        "This page follows in a later version.",
    ),
    "filters": (
        "Filter",
        "Filters",
    ),
    "f_group": (
        "Bereich",
        "Area",
    ),
    "f_category": (
        "Kategorie",
        "Category",
    ),
    "f_state": (
        "Bundesland",
        "Land",
    ),
    "f_city": (
        "Stadt / Gemeinde",
        "City / municipality",
    ),
    "f_q": (
        "Suche (Name, Träger, Hinweise)",
        "Search (name, organisation, notes)",
    ),
    "f_target": (
        "Zielgruppe",
        "Target group",
    ),
    "f_topic": (
        "Thema",
        "Topic",
    ),
    "f_network": (
        "Netzwerk / Bündnis",
        "Network / alliance",
    ),
    "f_language": (
        "Sprache des Angebots",
        "Language offered",
    ),
    "f_wheelchair": (
        "Nur rollstuhlgerecht",
        "Wheelchair accessible only",
    ),
    "f_verified": (
        "Geprüft in den letzten … Monaten (0 = egal)",
        "Verified within the last … months (0 = any)",
    ),
    "f_reset": (
        "Filter zurücksetzen",
        "Reset filters",
    ),
    "f_any": (
        "alle",
        "all",
    ),
    "counts_heading": (
        "Anzahl je Kategorie",
        "Count per category",
    ),
    "map_heading": (
        "Karte der Gleichstellungsinfrastruktur",
        "Map of equality infrastructure",
    ),
    "f_city_unknown": (
        "Nicht gefunden: {names}",
        "Not found: {names}",
    ),
    "choose_option": (
        "Bitte wählen",
        "Choose an option",
    ),
    "n_entries": (
        ("{n} Eintrag", "{n} Einträge"),
        ("{n} entry", "{n} entries"),
    ),
    "n_unmapped": (
        "Ohne Koordinaten, daher nur in der Liste: {n}",
        "Without coordinates, so only in the list: {n}",
    ),
    "list_heading": (
        "Liste der Einträge",
        "List of entries",
    ),
    "download_csv": (
        "Gefilterte Einträge als CSV",
        "Filtered entries as CSV",
    ),
    "download_geojson": (
        "Gefilterte Einträge als GeoJSON",
        "Filtered entries as GeoJSON",
    ),
    "no_entries": (
        "Keine Einträge für diese Auswahl.",
        "No entries for this selection.",
    ),
    "share_hint": (
        "Die Adresse dieser Seite enthält die Filter: kopieren und teilen.",
        "This page's address holds the filters: copy and share it.",
    ),
    "list_sort": (
        "Sortieren nach",
        "Sort by",
    ),
    "list_desc": (
        "absteigend",
        "descending",
    ),
    "list_page": (
        "Seite (von {pages})",
        "Page (of {pages})",
    ),
    "list_caption": (
        "Einträge {first}–{last} von {total}, sortiert nach {sort} ({order})",
        "Entries {first}–{last} of {total}, sorted by {sort} ({order})",
    ),
    "list_ascending": (
        "aufsteigend",
        "ascending",
    ),
    "col_name": (
        "Name",
        "Name",
    ),
    "col_category": (
        "Kategorie",
        "Category",
    ),
    "col_organisation": (
        "Träger",
        "Organisation",
    ),
    "col_address": (
        "Adresse",
        "Address",
    ),
    "col_city": (
        "Ort",
        "City",
    ),
    "col_state": (
        "Bundesland",
        "Land",
    ),
    "col_phone": (
        "Telefon",
        "Phone",
    ),
    "col_email": (
        "E-Mail",
        "E-mail",
    ),
    "col_website": (
        "Webseite",
        "Website",
    ),
    "col_networks": (
        "Netzwerke",
        "Networks",
    ),
    "col_target_groups": (
        "Zielgruppen",
        "Target groups",
    ),
    "col_topics": (
        "Themen",
        "Topics",
    ),
    "col_languages": (
        "Sprachen",
        "Languages",
    ),
    "col_wheelchair": (
        "Barrierefrei",
        "Wheelchair accessible",
    ),
    "col_capacity": (
        "Plätze",
        "Places",
    ),
    "col_last_verified": (
        "Zuletzt geprüft",
        "Last verified",
    ),
    "col_source": (
        "Quelle",
        "Source",
    ),
    "address_confidential": (
        "Adresse vertraulich",
        "Address confidential",
    ),
    "address_city_only": (
        "in {city}, genaue Adresse nicht erfasst",
        "in {city}, exact address not recorded",
    ),
    "address_city_point": (
        "{address} (Kartenpunkt: Ortsmitte)",
        "{address} (map point: town centre)",
    ),
    "wheelchair_yes": (
        "ja",
        "yes",
    ),
    "wheelchair_no": (
        "nein",
        "no",
    ),
    "wheelchair_partial": (
        "teilweise",
        "partly",
    ),
    "wheelchair_unknown": (
        "unbekannt",
        "unknown",
    ),
    "legend": (
        "Legende",
        "Legend",
    ),
    "fullscreen": (
        "Vollbild",
        "Full screen",
    ),
    "assets_missing": (
        "Die Karte kann nicht angezeigt werden, weil eine Bibliothek fehlt. Bitte "
        "`make install` ausführen. ({detail})",
        "The map cannot be shown because a library is missing. Please run `make install`. "
        "({detail})",
    ),
    "map_panels": (
        "Legende und Ebenen",
        "Legend and layers",
    ),
    "loading": (
        "Lädt …",
        "Loading …",
    ),
    "embed_heading": (
        "Karte einbetten",
        "Embed the map",
    ),
    "embed_intro": (
        "Für Webteams: Wählen Sie Städte, Kategorien, Sprache und Ansicht. Die Vorschau zeigt, "
        "was Besucherinnen und Besucher sehen; den Code kopieren Sie in Ihre Seite. Die "
        "eingebettete Ansicht ist schreibgeschützt und lädt nichts von Drittanbietern außer den "
        "Kacheln des eingestellten Kartenservers.",
        "For web teams: choose cities, categories, language and view. The preview shows what "
        "visitors see; copy the code into your page. The embedded view is read-only and loads "
        "nothing from third parties except the tiles of the configured tile server.",
    ),
    "embed_cities": (
        "Städte / Gemeinden",
        "Cities / municipalities",
    ),
    "embed_categories": (
        "Kategorien",
        "Categories",
    ),
    "embed_groups": (
        "Bereiche",
        "Areas",
    ),
    "embed_lang": (
        "Sprache der Einbettung",
        "Language of the embed",
    ),
    "embed_view": (
        "Ansicht",
        "View",
    ),
    "embed_height": (
        "Höhe in Pixeln",
        "Height in pixels",
    ),
    "embed_title": (
        "Titel des iframes (für Screenreader)",
        "iframe title (for screen readers)",
    ),
    "view_map": (
        "Karte",
        "Map",
    ),
    "view_list": (
        "Liste",
        "List",
    ),
    "view_coverage": (
        "Abdeckung",
        "Coverage",
    ),
    "embed_preview": (
        "Vorschau",
        "Preview",
    ),
    "embed_snippet": (
        "HTML-Code zum Einfügen",
        "HTML code to paste",
    ),
    "embed_snippet_help": (
        "Ersetzen Sie YOUR-HOST durch die Adresse dieser App, oder setzen Sie "
        "EQUALITY_MAP_PUBLIC_URL beim Betrieb.",
        "Replace YOUR-HOST with this app's address, or set EQUALITY_MAP_PUBLIC_URL when deploying.",
    ),
    "embed_static": (
        "Eine HTML-Datei genau dieser Auswahl (von Hand erzeugt)",
        "One HTML file of exactly this selection (made by hand)",
    ),
    "embed_static_help": (
        "Dieser Befehl schreibt dieselbe Auswahl als eine eigenständige HTML-Datei, die jeder "
        "Webserver ausliefern kann; sie bleibt beim Stand ihres Aufrufs.",
        "This command writes the same selection as one self-contained HTML file that any web "
        "server can serve; it keeps the data of the moment it was made.",
    ),
    "embed_this_selection": (
        "Diese Auswahl auf einer Website einbetten",
        "Embed this selection on a website",
    ),
    "embed_which": (
        "Für die Website der Stadt die **statische Seite** nehmen: sie wird nach jedem Speichern "
        "neu veröffentlicht, braucht keinen App-Server und trägt auch großen Andrang. Die "
        "**Live-App** kann zusätzlich nach Kategorie filtern und die Abdeckung zeigen, kostet "
        "aber je Besuch Rechenzeit (hinter nginx etwa sechs neue Besuche pro Sekunde je Kern): für "
        "Intranet, Planung und Seiten mit wenig Besuch.",
        "For the city's website use the **static page**: it is republished after every save, "
        "needs no app server and carries heavy traffic. The **live app** can also "
        "filter by category and show coverage, but every visit costs server time (behind "
        "nginx about six new visits per second per core): for intranets, planning and pages "
        "with little traffic.",
    ),
    "embed_static_site": (
        "Statische Seite (öffentliche Website, viel Besuch)",
        "Static page (public website, high traffic)",
    ),
    "embed_static_site_help": (
        "Die Seite zeigt alle Einträge des Ortes ohne Kategorienfilter, in der Sprache der "
        "veröffentlichten Website ({lang}).",
        "The page shows all entries of the place without a category filter, in the language "
        "of the published site ({lang}).",
    ),
    "embed_static_no_page": (
        "„{city}“ hat keine eigene Seite auf der statischen Website (keiner Gemeinde "
        "zugeordnet); die Startseite zeigt alle Einträge.",
        "“{city}” has no page of its own on the static site (not matched to a municipality); "
        "the start page shows all entries.",
    ),
    "embed_static_unset": (
        "Noch keine statische Website eingerichtet: mit EQUALITY_MAP_PUBLISH_DIR und "
        "EQUALITY_MAP_STATIC_URL wird sie nach jedem Speichern veröffentlicht, und hier stehen "
        "dann die Codes für ihre Seiten (README, „Running it for a city“).",
        "No static site set up yet: with EQUALITY_MAP_PUBLISH_DIR and EQUALITY_MAP_STATIC_URL "
        "it is published after every save, and the codes for its pages appear here (README, "
        "“Running it for a city”).",
    ),
    "embed_live": (
        "Live-App (Intranet, Planung, wenig Besuch)",
        "Live app (intranet, planning, little traffic)",
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
    "skip_to_list": (
        "Zur Liste der Einträge",
        "Skip to the list of entries",
    ),
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
    "freshness": (
        "Stand der Daten: Einträge geprüft zwischen {oldest} und {newest} (Median {median}); "
        "{undated} ohne Prüfdatum.",
        "Data as of: entries checked between {oldest} and {newest} (median {median}); "
        "{undated} without a check date.",
    ),
    "freshness_one_day": (
        "Stand der Daten: Einträge geprüft am {newest}; {undated} ohne Prüfdatum.",
        "Data as of: entries checked on {newest}; {undated} without a check date.",
    ),
    "freshness_none": (
        "Stand der Daten: keiner der gezeigten Einträge hat ein Prüfdatum.",
        "Data as of: none of the entries shown has a check date.",
    ),
    "selection_title_in": (
        "Gleichstellungsinfrastruktur in {places}",
        "Equality infrastructure in {places}",
    ),
    "joined_and": (
        "{first} und {last}",
        "{first} and {last}",
    ),
    "export_boundaries": (
        "Ländergrenzen: {note}",
        "Länder boundaries: {note}",
    ),
    "yes": (
        "ja",
        "yes",
    ),
    "no": (
        "nein",
        "no",
    ),
    "unknown": (
        "unbekannt",
        "unknown",
    ),
}
