"""The header spellings people use for each column, in German and English spreadsheets.

Keys are the canonical column names of `schema`; values are matched after
`schema.header_key` (case, umlauts and punctuation folded).
"""

from __future__ import annotations

#: Column aliases people use in German and English spreadsheets (matched after `header_key`).
COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "id": ("id", "nr", "kennung", "schluessel", "identifier"),
    "name": ("name", "bezeichnung", "einrichtung", "titel", "title", "stelle"),
    "category": ("category", "kategorie", "art", "typ", "type", "einrichtungsart"),
    "organisation": ("organisation", "organization", "traeger", "organisation traeger", "operator"),
    "street": ("street", "strasse", "adresse", "anschrift", "address", "strasse und hausnummer"),
    "postcode": ("postcode", "plz", "postleitzahl", "zip", "postal code"),
    "city": ("city", "stadt", "ort", "gemeinde", "kommune", "municipality", "town"),
    "state": ("state", "bundesland", "land", "federal state"),
    "ags": (
        "ags",
        "gemeindeschluessel",
        "amtlicher gemeindeschluessel",
        "gemeindekennziffer",
        "municipality key",
    ),
    "area_ags": (
        "area ags",
        "zustaendig fuer",
        "zustaendigkeitsgebiet",
        "gebiet ags",
        "responsible for",
        "serves",
    ),
    "lat": ("lat", "latitude", "breitengrad", "breite", "geogr breite"),
    "lon": ("lon", "lng", "long", "longitude", "laengengrad", "laenge", "geogr laenge"),
    "geocode_precision": ("geocode precision", "genauigkeit", "geokodierung genauigkeit"),
    "geocode_source": ("geocode source", "geokodierung quelle", "koordinatenquelle"),
    "address_confidential": (
        "address confidential",
        "adresse vertraulich",
        "vertraulich",
        "anonym",
        "confidential",
    ),
    "phone": ("phone", "telefon", "tel", "telefonnummer", "telephone"),
    "email": ("email", "e mail", "mail", "e mail adresse"),
    "website": ("website", "webseite", "internet", "homepage", "url", "internetseite"),
    "target_groups": ("target groups", "zielgruppen", "zielgruppe"),
    "topics": ("topics", "themen", "thema", "schwerpunkte"),
    "networks": ("networks", "netzwerke", "buendnisse", "netzwerk", "buendnis", "alliances"),
    "languages": ("languages", "sprachen", "sprache"),
    "wheelchair_accessible": (
        "wheelchair accessible",
        "barrierefrei",
        "rollstuhlgerecht",
        "barrierefreiheit",
        "accessible",
    ),
    "places_women": (
        "places women",
        "plaetze frauen",
        "frauenplaetze",
        "capacity",
        "plaetze",
        "kapazitaet",
        "platzzahl",
        "places",
    ),
    "places_children": ("places children", "plaetze kinder", "kinderplaetze"),
    "places_barrier_free": (
        "places barrier free",
        "barrierefreie plaetze",
        "plaetze barrierefrei",
        "rollstuhlgerechte plaetze",
    ),
    "partner_since": ("partner since", "partner seit", "mitglied seit", "beitritt", "joined"),
    "source_date": ("source date", "datum der quelle", "quelldatum", "stand der quelle"),
    "source_url": ("source url", "quelle", "source", "quellen url", "nachweis"),
    "last_verified": (
        "last verified",
        "zuletzt geprueft",
        "geprueft am",
        "stand",
        "pruefdatum",
        "verified",
    ),
    "notes": ("notes", "hinweise", "bemerkungen", "anmerkungen", "notizen", "hinweis"),
}
