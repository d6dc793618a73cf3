"""Column labels of the coverage tables, the stock report and short lists (`label.<column>`)."""

from __future__ import annotations

from equality_map.i18n.catalogue import Text

TEXTS: dict[str, Text] = {
    "label.city": (
        "Kommune",
        "Municipality",
    ),
    "label.state": (
        "Land",
        "Land",
    ),
    "label.name": (
        "Land",
        "Land",
    ),
    "label.kreis": (
        "Kreis",
        "Kreis",
    ),
    "label.kreis_type": (
        "Art",
        "Type",
    ),
    "label.ags": (
        "AGS",
        "AGS",
    ),
    "label.kreis_ags": (
        "Kreis-AGS",
        "Kreis AGS",
    ),
    "label.population": (
        "Einwohner*innen",
        "Population",
    ),
    "label.population_female": (
        "Frauen",
        "Women",
    ),
    "label.size_class": (
        "Größenklasse",
        "Size class",
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
    "label.n_offices_required": (
        "Gemeinden mit Pflicht",
        "Municipalities required",
    ),
    "label.n_offices_present": (
        "davon mit Stelle",
        "with an office",
    ),
    "label.n_offices_missing": (
        "ohne Stelle (erhoben)",
        "without (surveyed)",
    ),
    "label.n_offices_not_surveyed": (
        "nicht erhoben",
        "not surveyed",
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
    "label.n_cat_womens_shelter": (
        "Frauenhäuser",
        "Shelters",
    ),
    "label.n_cat_counselling_centre": (
        "Beratungsstellen",
        "Counselling centres",
    ),
    "label.n_cat_equality_office": (
        "Gleichstellungsstellen",
        "Equality offices",
    ),
    "label.places_women": (
        "Plätze Frauen",
        "Places women",
    ),
    "label.places_children": (
        "Plätze Kinder",
        "Places children",
    ),
    "label.places_barrier_free": (
        "Plätze barrierefrei",
        "Places barrier-free",
    ),
    "label.shelter_places": (
        "Frauenhausplätze",
        "Shelter places",
    ),
    "label.shelter_places_stock": (
        "Bestand",
        "Stock",
    ),
    "label.shelter_places_target": (
        "Bedarf",
        "Need",
    ),
    "label.shelter_places_gap": (
        "Lücke",
        "Gap",
    ),
    "label.places_per10k": (
        "Bestand je 10.000 Einw.",
        "Stock per 10,000 inh.",
    ),
    "label.places_per10k_women": (
        "Bestand je 10.000 Frauen",
        "Stock per 10,000 women",
    ),
    "label.per10k_womens_facility": (
        "Frauen-/Mädcheneinr. je 10.000",
        "Women's fac. per 10,000",
    ),
    "label.per10k_women_womens_facility": (
        "Frauen-/Mädcheneinr. je 10.000 Frauen",
        "Women's fac. per 10,000 women",
    ),
    "label.nearest_equality_office_km": (
        "Gleichstellung (km)",
        "Equality office (km)",
    ),
    "label.nearest_womens_shelter_km": (
        "Frauenhaus (km)",
        "Shelter (km)",
    ),
    "label.nearest_counselling_centre_km": (
        "Beratung (km)",
        "Counselling (km)",
    ),
    "label.share_women_beyond_30km_womens_shelter": (
        "Frauen > 30 km Frauenhaus",
        "Women > 30 km to shelter",
    ),
    "label.share_women_beyond_50km_womens_shelter": (
        "Frauen > 50 km Frauenhaus",
        "Women > 50 km to shelter",
    ),
    "label.share_women_beyond_30km_counselling_centre": (
        "Frauen > 30 km Beratung",
        "Women > 30 km to counselling",
    ),
    "label.share_women_beyond_50km_counselling_centre": (
        "Frauen > 50 km Beratung",
        "Women > 50 km to counselling",
    ),
    "label.share_women_distance_unknown_counselling_centre": (
        "Entfernung unbekannt (Beratung)",
        "Distance unknown (counselling)",
    ),
    "label.share_women_distance_unknown_equality_office": (
        "Entfernung unbekannt (Gleichstellungsstelle)",
        "Distance unknown (equality office)",
    ),
    "label.share_women_distance_unknown_womens_shelter": (
        "Entfernung unbekannt (Frauenhaus)",
        "Distance unknown (shelter)",
    ),
    "label.share_verified_24m": (
        "Aktuell geprüft",
        "Verified ≤ 24 months",
    ),
    "label.coverage_score": (
        "Versorgungswert",
        "Coverage score",
    ),
    "label.score_parts_known": (
        "Teile bekannt",
        "Parts known",
    ),
    "label.networks": (
        "Netzwerke/Bündnisse",
        "Networks/alliances",
    ),
    "label.survey": (
        "Erhebung",
        "Survey",
    ),
    "label.as_of": (
        "Stand",
        "As of",
    ),
    "label.category": (
        "Kategorie",
        "Category",
    ),
    "label.min_population": (
        "ab Einwohnerzahl",
        "from population",
    ),
    "label.open_areas": (
        "offen (ohne Quelle, daher nicht erhoben)",
        "open (no source found, so not surveyed)",
    ),
    "label.source_url": (
        "Quelle",
        "Source",
    ),
    "label.n_recorded": (
        "Einträge",
        "Entries",
    ),
    "label.n_kreise": (
        "Kreise",
        "Kreise",
    ),
    "label.kreise": (
        "Kreise",
        "Kreise",
    ),
    "label.who_must_appoint": (
        "Wer bestellen muss",
        "Who must appoint",
    ),
    "label.threshold": (
        "Schwelle",
        "Threshold",
    ),
    "label.threshold_operator": (
        "Vergleich",
        "Comparison",
    ),
    "label.status_codes": (
        "Status (Destatis)",
        "Status (Destatis)",
    ),
    "label.verband_types": (
        "Verbandsart (Destatis)",
        "Verband type (Destatis)",
    ),
    "label.kreis_required": (
        "Kreise verpflichtet",
        "Kreise required",
    ),
    "label.law": (
        "Gesetz",
        "Law",
    ),
    "label.wording_checked": (
        "Wortlaut geprüft",
        "Wording checked",
    ),
    "label.notes": (
        "Hinweise",
        "Notes",
    ),
}
