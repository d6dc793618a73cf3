"""Sentences of an area's profile on the coverage page and in embeds (`cov.s_*`)."""

from __future__ import annotations

from equality_map.i18n.catalogue import Text

TEXTS: dict[str, Text] = {
    "cov.s_population": (
        "{population} Einwohner*innen, davon {women} Frauen ({place}).",
        "{population} inhabitants, {women} of them women ({place}).",
    ),
    "cov.s_office_listed": (
        "Eine Gleichstellungsstelle ist erfasst",
        "An equality office is recorded",
    ),
    "cov.s_office_none": (
        "Keine Gleichstellungsstelle erfasst (erhoben)",
        "No equality office recorded (surveyed)",
    ),
    "cov.s_office_not_surveyed": (
        "Gleichstellungsstelle: nicht erhoben",
        "Equality office: not surveyed",
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
        "; keine eigene Pflicht nach {law}",
        "; not required itself by {law}",
    ),
    "cov.s_municipal_offices": (
        "Gemeinden mit Pflicht zur Gleichstellungsstelle: {required}; davon mit erfasster "
        "Stelle: {present}; ohne Stelle (erhoben): {missing}; nicht erhoben: {unknown}.",
        "Municipalities required to have an equality office: {required}; with a recorded "
        "office: {present}; without one (surveyed): {missing}; not surveyed: {unknown}.",
    ),
    "cov.s_shelters": (
        "Frauenhäuser: {n}; Plätze für Frauen: {women}, für Kinder: {children}, davon "
        "barrierefrei: {barrier}.",
        "Women's shelters: {n}; places for women: {women}, for children: {children}, "
        "barrier-free: {barrier}.",
    ),
    "cov.s_shelters_not_surveyed": (
        "Frauenhäuser: nicht erhoben.",
        "Women's shelters: not surveyed.",
    ),
    "cov.s_need": (
        "Bedarf nach {yardstick}: {target} {unit}; vorhanden: {stock}; Lücke: {gap}.",
        "Need by {yardstick}: {target} {unit}; present: {stock}; gap: {gap}.",
    ),
    "cov.s_gap_unknown": (
        "nicht bekannt",
        "not known",
    ),
    "cov.s_counselling": (
        "Beratungsstellen: {n}.",
        "Counselling centres: {n}.",
    ),
    "cov.s_nearest_exact": (
        "Nächste(s) {what}: {km} km Luftlinie, in {where}.",
        "Nearest {what}: {km} km straight line, in {where}.",
    ),
    "cov.s_nearest_upper": (
        "Nächste(s) erfasste(s) {what}: höchstens {km} km, in {where}; näher gelegene sind "
        "vielleicht nicht erfasst.",
        "Nearest recorded {what}: at most {km} km, in {where}; nearer ones may not be recorded.",
    ),
    "cov.s_nearest_none": (
        "{what}: keines erfasst.",
        "{what}: none recorded.",
    ),
    "cov.s_beyond": (
        "{what}: {share} der Frauen wohnen mehr als {km} km (Luftlinie) vom nächsten entfernt; "
        "für {unknown} ist die Entfernung nicht bekannt.",
        "{what}: {share} of women live more than {km} km (straight line) from the nearest; for "
        "{unknown} the distance is not known.",
    ),
    "cov.what_womens_shelter": (
        "Frauenhaus",
        "women's shelter",
    ),
    "cov.what_counselling_centre": (
        "Beratungsstelle",
        "counselling centre",
    ),
    "cov.what_equality_office": (
        "Gleichstellungsstelle",
        "equality office",
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
        "Versorgungswert: {score} von 100 ({parts} von 4 Teilen bekannt).",
        "Coverage score: {score} of 100 ({parts} of 4 parts known).",
    ),
    "cov.s_score_unknown": (
        "Versorgungswert: nicht bekannt (kein Teil erhoben).",
        "Coverage score: not known (no part surveyed).",
    ),
    "cov.kreis_type_41": (
        "kreisfreie Stadt",
        "kreisfreie Stadt",
    ),
    "cov.kreis_type_42": (
        "Stadtkreis",
        "Stadtkreis",
    ),
    "cov.kreis_type_43": (
        "Kreis",
        "Kreis",
    ),
    "cov.kreis_type_44": (
        "Landkreis",
        "Landkreis",
    ),
    "cov.kreis_type_45": (
        "Regionalverband",
        "Regionalverband",
    ),
    "cov.beyond_womens_shelter": ("Frauen > {km} km Frauenhaus", "Women > {km} km to shelter"),
    "cov.beyond_counselling_centre": (
        "Frauen > {km} km Beratung",
        "Women > {km} km to counselling",
    ),
    "cov.beyond_equality_office": (
        "Frauen > {km} km Gleichstellung",
        "Women > {km} km to equality office",
    ),
}
