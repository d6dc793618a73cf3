"""Texts of the coverage page: headings, notes and column labels."""

from __future__ import annotations

from equality_map.i18n.catalogue import Text

TEXTS: dict[str, Text] = {
    "cov.title": (
        "Versorgung nach Kommunen",
        "Coverage by municipality",
    ),
    "cov.intro": (
        "Welche Kommunen haben keine Gleichstellungsstelle, obwohl sie eine haben müssen? Wo "
        "fehlen Frauenhausplätze? Wie weit ist die nächste Beratungsstelle?",
        "Which municipalities lack an equality office they are obliged to have? Where are "
        "shelter places missing? How far is the nearest counselling centre?",
    ),
    "cov.min_population": (
        "Kommunen ab Einwohnerzahl",
        "Municipalities from population",
    ),
    "cov.tab_ranking": (
        "Rangliste",
        "Ranking",
    ),
    "cov.tab_profile": (
        "Kommunenprofil",
        "City profile",
    ),
    "cov.tab_map": (
        "Karte",
        "Map",
    ),
    "cov.tab_compare": (
        "Vergleich",
        "Compare",
    ),
    "cov.tab_states": (
        "Länder",
        "Länder",
    ),
    "cov.tab_gaps": (
        "Lücken",
        "Gaps",
    ),
    "cov.tab_law": (
        "Rechtsgrundlagen",
        "Legal rules",
    ),
    "cov.filter_state": (
        "Land",
        "Land",
    ),
    "cov.filter_size": (
        "Größenklasse",
        "Size class",
    ),
    "cov.score_formula": (
        "So wird der Versorgungswert berechnet",
        "How the coverage score works",
    ),
    "cov.download": (
        "Tabelle als CSV herunterladen",
        "Download the table as CSV",
    ),
    "cov.rows_shown": (
        "{n} Kommunen",
        "{n} municipalities",
    ),
    "cov.pick_city": (
        "Kommune wählen",
        "Pick a municipality",
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
        "Kreisgröße nach Einwohnerzahl, Farbe nach gewählter Kennzahl.",
        "Circle size by population, colour by the chosen indicator.",
    ),
    "cov.compare_pick": (
        "2 bis 5 Kommunen vergleichen",
        "Compare 2 to 5 municipalities",
    ),
    "cov.compare_hint": (
        "Bitte mindestens zwei Kommunen wählen.",
        "Please pick at least two.",
    ),
    "cov.gaps_office": (
        "Pflicht zur Gleichstellungsstelle, aber keine in den Daten",
        "Required to have an equality office, but none in the data",
    ),
    "cov.gaps_shelter": (
        "Größte Lücken bei Frauenhausplätzen",
        "Largest shelter place gaps",
    ),
    "cov.gaps_counselling": (
        "Weiteste Wege zur nächsten Beratungsstelle",
        "Longest distances to the nearest counselling centre",
    ),
    "cov.states_score": (
        "Mittlerer Versorgungswert je Land",
        "Mean coverage score per Land",
    ),
    "cov.states_shelter": (
        "Frauenhausplätze je 10.000 Einwohner*innen (Soll 1)",
        "Shelter places per 10,000 inhabitants (target 1)",
    ),
    "cov.states_office": (
        "Anteil der verpflichteten Kommunen mit Gleichstellungsstelle",
        "Share of obliged municipalities with an equality office",
    ),
    "cov.law_note": (
        "Leer heißt unbekannt: Dort entscheidet der Status der Kommune (z. B. verbandsfrei) "
        "oder das Gesetz verlangt keine Stelle als solche. Quellen je Land in der Tabelle.",
        "Empty means unknown: there the municipality's status decides (e.g. verbandsfrei) or "
        "the law does not demand an office as such. Sources per Land in the table.",
    ),
    "cov.shelter_note": (
        "Soll nach Europarat: 1 Familienplatz je 10.000 Einwohner*innen. In Deutschland wird "
        "ein Familienplatz meist als 2,5 Plätze für Frauen und Kinder gerechnet; die Spalte "
        "„Plätze (Frauen und Kinder, Soll)“ zeigt diesen Wert nur zum Vergleich, weil die Daten "
        "Plätze für Frauen zählen.",
        "Council of Europe target: 1 family place per 10,000 inhabitants. German practice "
        "counts a family place as 2.5 places for women and children; the column 'beds (women "
        "and children, target)' shows that figure for reference only, since the data count "
        "places for women.",
    ),
    "cov.distance_note": (
        "Entfernungen: Luftlinie vom Gemeindemittelpunkt (Gazetteer) zum nächsten Eintrag mit "
        "Koordinaten, auch über Landesgrenzen. Einträge ohne Koordinaten zählen mit dem "
        "Mittelpunkt ihrer Kommune.",
        "Distances: great-circle from the municipality's gazetteer point to the nearest entry "
        "with coordinates, across borders. Entries without coordinates count at their "
        "municipality's point.",
    ),
    "cov.unknown": (
        "unbekannt",
        "unknown",
    ),
    "label.city": (
        "Kommune",
        "Municipality",
    ),
    "label.state": (
        "Land",
        "Land",
    ),
    "label.population": (
        "Einwohner*innen",
        "Population",
    ),
    "label.size_class": (
        "Größenklasse",
        "Size class",
    ),
    "label.coverage_score": (
        "Versorgungswert",
        "Coverage score",
    ),
    "label.mean_coverage_score": (
        "Mittlerer Versorgungswert",
        "Mean coverage score",
    ),
    "label.n_municipalities": (
        "Kommunen",
        "Municipalities",
    ),
    "label.nearest_counselling_centre_city": (
        "Nächste Beratung in",
        "Nearest counselling in",
    ),
    "label.n_entries": (
        "Einträge",
        "Entries",
    ),
    "label.n_equality_office": (
        "Gleichstellung",
        "Equality offices",
    ),
    "label.n_womens_facility": (
        "Frauen-/Mädcheneinr.",
        "Women's facilities",
    ),
    "label.n_alliance_partner": (
        "Bündnisse/Partner",
        "Alliances/partners",
    ),
    "label.per100k_equality_office": (
        "Gleichst. je 100.000",
        "Equality per 100,000",
    ),
    "label.per100k_womens_facility": (
        "Frauen-/Mädch. je 100.000",
        "Women's fac. per 100,000",
    ),
    "label.per100k_alliance_partner": (
        "Bündnisse je 100.000",
        "Alliances per 100,000",
    ),
    "label.has_equality_office": (
        "Gleichstellungsstelle",
        "Equality office",
    ),
    "label.equality_office_required": (
        "Pflicht",
        "Required",
    ),
    "label.equality_office_missing": (
        "Fehlt trotz Pflicht",
        "Missing though required",
    ),
    "label.equality_office_law": (
        "Rechtsgrundlage",
        "Law",
    ),
    "label.shelter_places": (
        "Frauenhausplätze",
        "Shelter places",
    ),
    "label.shelter_places_target": (
        "Soll-Plätze",
        "Target places",
    ),
    "label.shelter_places_gap": (
        "Fehlende Plätze",
        "Missing places",
    ),
    "label.shelter_beds_target_de": (
        "Plätze (Frauen und Kinder, Soll)",
        "Beds (women and children, target)",
    ),
    "label.nearest_equality_office_km": (
        "Nächste Gleichst. (km)",
        "Nearest equality office (km)",
    ),
    "label.nearest_womens_shelter_km": (
        "Nächstes Frauenhaus (km)",
        "Nearest shelter (km)",
    ),
    "label.nearest_counselling_centre_km": (
        "Nächste Beratung (km)",
        "Nearest counselling (km)",
    ),
    "label.share_verified_24m": (
        "Aktuell geprüft",
        "Verified ≤ 24 months",
    ),
    "label.n_networks": (
        "Netzwerke",
        "Networks",
    ),
    "label.networks": (
        "Netzwerke/Bündnisse",
        "Networks/alliances",
    ),
    "cov.score_formula_body": (
        "Der Versorgungswert (0–100) hat vier gleich gewichtete Teile zu je 25 Punkten: (1) "
        "Gleichstellungsstelle: 25 Punkte, wenn die Daten für die Kommune mindestens eine "
        "Gleichstellungsstelle enthalten, sonst 0. (2) Frauenhausplätze: 25 × Plätze ÷ "
        "Soll-Plätze (1 Familienplatz je 10.000 Einwohner*innen), höchstens 25. (3) Beratung: "
        "25 Punkte, wenn eine Frauenberatungsstelle am Ort ist (0 km), linear abnehmend bis 0 "
        "Punkte bei {zero_km} km Entfernung zur nächsten. (4) Aktualität: 25 × Anteil der "
        "Einträge der Kommune, die in den letzten {months} Monaten geprüft wurden (0 ohne "
        "Einträge). Ohne bekannte Einwohnerzahl bleibt der Wert leer.",
        "The coverage score (0–100) has four equally weighted parts of 25 points each: (1) "
        "Equality office: 25 points if the data hold at least one equality office in the "
        "municipality, else 0. (2) Shelter places: 25 × places ÷ target places (1 family place "
        "per 10,000 inhabitants), at most 25. (3) Counselling: 25 points if a counselling "
        "centre is in the place (0 km), falling linearly to 0 points at {zero_km} km to the "
        "nearest one. (4) Freshness: 25 × share of the municipality's entries verified within "
        "the last {months} months (0 without entries). Without a known population the score is "
        "empty.",
    ),
    "cov.s_population_unknown": (
        "Einwohnerzahl unbekannt (nicht im Gazetteer).",
        "Population unknown (not in the gazetteer).",
    ),
    "cov.s_population": (
        "{population} Einwohner*innen ({state}).",
        "{population} inhabitants ({state}).",
    ),
    "cov.s_office_listed": (
        "Eine Gleichstellungsstelle ist erfasst",
        "An equality office is listed",
    ),
    "cov.s_office_none": (
        "Keine Gleichstellungsstelle erfasst",
        "No equality office listed",
    ),
    "cov.s_duty_unknown": (
        "; ob eine Pflicht besteht, ist unbekannt",
        "; whether one is required is unknown",
    ),
    "cov.s_duty_yes": (
        "; Pflicht nach {law}",
        "; required by {law}",
    ),
    "cov.s_duty_no": (
        "; keine Pflicht nach {law}",
        "; not required by {law}",
    ),
    "cov.s_shelter_places": (
        "{places} von {goal} empfohlenen Frauenhausplätzen (Europarat: 1 je 10.000; deutsche "
        "Praxis {per} Plätze für Frauen und Kinder je 10.000 = {beds}).",
        "{places} of {goal} recommended shelter places (Council of Europe: 1 per 10,000; German "
        "practice {per} places for women and children per 10,000 = {beds}).",
    ),
    "cov.s_shelter_no_capacity": (
        (
            "{n} Frauenhaus ohne Platzangabe.",
            "{n} Frauenhäuser ohne Platzangabe.",
        ),
        (
            "{n} shelter without a capacity.",
            "{n} shelters without a capacity.",
        ),
    ),
    "cov.s_nearest_counselling_centre": (
        "Nächste Beratungsstelle: {km} km, in {where}.",
        "Nearest counselling centre: {km} km, in {where}.",
    ),
    "cov.s_nearest_womens_shelter": (
        "Nächstes Frauenhaus: {km} km, in {where}.",
        "Nearest women's shelter: {km} km, in {where}.",
    ),
    "cov.s_nearest_equality_office": (
        "Nächste Gleichstellungsstelle: {km} km, in {where}.",
        "Nearest equality office: {km} km, in {where}.",
    ),
    "cov.s_none_counselling_centre": (
        "Keine Beratungsstelle mit Koordinaten in den Daten.",
        "No counselling centre with coordinates in the data.",
    ),
    "cov.s_none_womens_shelter": (
        "Kein Frauenhaus mit Koordinaten in den Daten.",
        "No women's shelter with coordinates in the data.",
    ),
    "cov.s_none_equality_office": (
        "Keine Gleichstellungsstelle mit Koordinaten in den Daten.",
        "No equality office with coordinates in the data.",
    ),
    "cov.s_verified": (
        "{share} der Einträge in den letzten 24 Monaten geprüft.",
        "{share} of entries verified within 24 months.",
    ),
    "cov.s_networks": (
        "Netzwerke/Bündnisse: {networks}.",
        "Networks/alliances: {networks}.",
    ),
    "cov.s_score": (
        "Versorgungswert: {score} von 100.",
        "Coverage score: {score} of 100.",
    ),
    "cov.city_not_found": (
        "„{city}“ ist keine Kommune dieser Tabelle; bitte unten eine wählen.",
        "“{city}” is not a municipality of this table; please pick one below.",
    ),
}
