"""Columns, categories, groups, Länder and the aliases that map what people type onto them.

This module is the single source of truth for the CSV contract (see docs/DESIGN.md and
data/README.md). It holds only constants and tiny pure helpers; it imports nothing heavy.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from dataclasses import dataclass

from equality_map.schema_aliases import COLUMN_ALIASES

# --- columns -----------------------------------------------------------------------------------

ID = "id"
NAME = "name"
CATEGORY = "category"
ORGANISATION = "organisation"
STREET = "street"
POSTCODE = "postcode"
CITY = "city"
STATE = "state"
AGS = "ags"
AREA_AGS = "area_ags"
LAT = "lat"
LON = "lon"
GEOCODE_PRECISION = "geocode_precision"
GEOCODE_SOURCE = "geocode_source"
ADDRESS_CONFIDENTIAL = "address_confidential"
PHONE = "phone"
EMAIL = "email"
WEBSITE = "website"
TARGET_GROUPS = "target_groups"
TOPICS = "topics"
NETWORKS = "networks"
LANGUAGES = "languages"
WHEELCHAIR_ACCESSIBLE = "wheelchair_accessible"
PLACES_WOMEN = "places_women"
PLACES_CHILDREN = "places_children"
PLACES_BARRIER_FREE = "places_barrier_free"
#: The old name of places_women (files with a `capacity` column are read as places_women).
CAPACITY = PLACES_WOMEN
PARTNER_SINCE = "partner_since"
SOURCE_URL = "source_url"
SOURCE_DATE = "source_date"
LAST_VERIFIED = "last_verified"
NOTES = "notes"
#: Derived when entries are placed (not stored in the data file).
KREIS_AGS = "kreis_ags"
MUNICIPALITY = "municipality"
DERIVED_COLUMNS: tuple[str, ...] = (KREIS_AGS, MUNICIPALITY)

#: Canonical column order of the CSV data source.
COLUMNS: tuple[str, ...] = (
    ID,
    NAME,
    CATEGORY,
    ORGANISATION,
    STREET,
    POSTCODE,
    CITY,
    STATE,
    AGS,
    AREA_AGS,
    LAT,
    LON,
    GEOCODE_PRECISION,
    GEOCODE_SOURCE,
    ADDRESS_CONFIDENTIAL,
    PHONE,
    EMAIL,
    WEBSITE,
    TARGET_GROUPS,
    TOPICS,
    NETWORKS,
    LANGUAGES,
    WHEELCHAIR_ACCESSIBLE,
    PLACES_WOMEN,
    PLACES_CHILDREN,
    PLACES_BARRIER_FREE,
    PARTNER_SINCE,
    SOURCE_URL,
    SOURCE_DATE,
    LAST_VERIFIED,
    NOTES,
)
REQUIRED_COLUMNS: tuple[str, ...] = (NAME, CATEGORY, CITY)
LIST_COLUMNS: tuple[str, ...] = (TARGET_GROUPS, TOPICS, NETWORKS, LANGUAGES)
URL_COLUMNS: tuple[str, ...] = (WEBSITE, SOURCE_URL)
#: Plain text columns (str, "" when empty) after loading.
TEXT_COLUMNS: tuple[str, ...] = (
    ID,
    NAME,
    CATEGORY,
    ORGANISATION,
    STREET,
    POSTCODE,
    CITY,
    STATE,
    AGS,
    AREA_AGS,
    GEOCODE_PRECISION,
    GEOCODE_SOURCE,
    PHONE,
    EMAIL,
    WEBSITE,
    WHEELCHAIR_ACCESSIBLE,
    PARTNER_SINCE,
    SOURCE_URL,
    SOURCE_DATE,
    NOTES,
)
#: Whole numbers (nullable: empty means unknown, never 0).
COUNT_COLUMNS: tuple[str, ...] = (PLACES_WOMEN, PLACES_CHILDREN, PLACES_BARRIER_FREE)
#: Dates.
DATE_COLUMNS: tuple[str, ...] = (LAST_VERIFIED,)
#: Dates that may be given as a year or a month only; kept as ISO text (2021, 2021-03, ...).
PARTIAL_DATE_COLUMNS: tuple[str, ...] = (PARTNER_SINCE, SOURCE_DATE)
#: Columns whose content must never leave the app for a confidential address.
CONFIDENTIAL_ADDRESS_COLUMNS: tuple[str, ...] = (STREET, POSTCODE)

# --- categories and groups ---------------------------------------------------------------------


@dataclass(frozen=True)
class Group:
    """A layer of the map: one of the three kinds of actors."""

    key: str
    label_de: str
    label_en: str


@dataclass(frozen=True)
class Category:
    """A category key with its group, labels and accepted input spellings."""

    key: str
    group: str
    label_de: str
    label_en: str
    aliases: tuple[str, ...] = ()


GROUPS: dict[str, Group] = {
    g.key: g
    for g in (
        Group("equality_office", "Gleichstellungsstellen", "Equality offices"),
        Group(
            "womens_facility", "Frauen- und Mädcheneinrichtungen", "Women's and girls' facilities"
        ),
        Group("alliance_partner", "Bündnisse und Partner", "Alliances and partners"),
    )
}

CATEGORIES: dict[str, Category] = {
    c.key: c
    for c in (
        Category(
            "equality_office",
            "equality_office",
            "Gleichstellungsstelle",
            "Equality office",
            (
                "gleichstellungsstelle",
                "gleichstellungsbeauftragte",
                "gleichstellungsbeauftragter",
                "gleichstellungsbuero",
                "frauenbuero",
                "frauenbeauftragte",
                "amt fuer chancengleichheit",
                "chancengleichheit",
                "kommunale gleichstellungsstelle",
                "equality office",
                "gender equality office",
            ),
        ),
        Category(
            "labour_market_equality",
            "equality_office",
            "Beauftragte für Chancengleichheit am Arbeitsmarkt",
            "Equal opportunities officer (labour market)",
            (
                "beauftragte fuer chancengleichheit am arbeitsmarkt",
                "bca",
                "chancengleichheit am arbeitsmarkt",
                "jobcenter",
                "agentur fuer arbeit",
                "labour market equality",
                "labor market equality",
            ),
        ),
        Category(
            "womens_shelter",
            "womens_facility",
            "Frauenhaus",
            "Women's shelter",
            (
                "frauenhaus",
                "frauenhaeuser",
                "frauenschutzwohnung",
                "schutzwohnung",
                "frauenschutzhaus",
                "womens shelter",
                "women shelter",
                "shelter",
            ),
        ),
        Category(
            "counselling_centre",
            "womens_facility",
            "Frauenberatungsstelle",
            "Counselling centre",
            (
                "frauenberatungsstelle",
                "beratungsstelle",
                "frauennotruf",
                "notruf",
                "fachberatungsstelle",
                "interventionsstelle",
                "counselling centre",
                "counseling center",
                "counselling center",
            ),
        ),
        Category(
            "girls_facility",
            "womens_facility",
            "Mädcheneinrichtung",
            "Girls' facility",
            (
                "maedchentreff",
                "maedchenhaus",
                "maedchenzentrum",
                "maedcheneinrichtung",
                "girls facility",
            ),
        ),
        Category(
            "womens_centre",
            "womens_facility",
            "Frauenzentrum",
            "Women's centre",
            (
                "frauenzentrum",
                "frauentreff",
                "frauenkommunikationszentrum",
                "womens centre",
                "womens center",
            ),
        ),
        Category(
            "antidiscrimination_office",
            "womens_facility",
            "Antidiskriminierungsstelle",
            "Anti-discrimination office",
            (
                "antidiskriminierungsstelle",
                "antidiskriminierungsbuero",
                "antidiskriminierungsberatung",
                "anti discrimination office",
                "antidiscrimination office",
            ),
        ),
        Category(
            "alliance_partner",
            "alliance_partner",
            "Bündnispartner*in",
            "Alliance partner",
            (
                "buendnispartner",
                "buendnispartnerin",
                "buendnispartner in",
                "netzwerkpartner",
                "netzwerkpartnerin",
                "netzwerkpartner in",
                "partner",
                "partnerin",
                "alliance partner",
            ),
        ),
        Category(
            "initiative",
            "alliance_partner",
            "Bündnis / Initiative",
            "Alliance / initiative",
            ("buendnis", "initiative", "netzwerk", "alliance", "network", "runder tisch"),
        ),
    )
}

# --- Länder ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class State:
    """A German Land: ISO 3166-2 suffix, German and English name, GeoNames admin1 code."""

    code: str
    name_de: str
    name_en: str
    geonames_admin1: str


STATES: dict[str, State] = {
    s.code: s
    for s in (
        State("BW", "Baden-Württemberg", "Baden-Württemberg", "01"),
        State("BY", "Bayern", "Bavaria", "02"),
        State("BE", "Berlin", "Berlin", "16"),
        State("BB", "Brandenburg", "Brandenburg", "11"),
        State("HB", "Bremen", "Bremen", "03"),
        State("HH", "Hamburg", "Hamburg", "04"),
        State("HE", "Hessen", "Hesse", "05"),
        State("MV", "Mecklenburg-Vorpommern", "Mecklenburg-Western Pomerania", "12"),
        State("NI", "Niedersachsen", "Lower Saxony", "06"),
        State("NW", "Nordrhein-Westfalen", "North Rhine-Westphalia", "07"),
        State("RP", "Rheinland-Pfalz", "Rhineland-Palatinate", "08"),
        State("SL", "Saarland", "Saarland", "09"),
        State("SN", "Sachsen", "Saxony", "13"),
        State("ST", "Sachsen-Anhalt", "Saxony-Anhalt", "14"),
        State("SH", "Schleswig-Holstein", "Schleswig-Holstein", "10"),
        State("TH", "Thüringen", "Thuringia", "15"),
    )
}
#: The first two digits of an AGS -> Land code.
LAND_BY_AGS: dict[str, str] = {
    "01": "SH", "02": "HH", "03": "NI", "04": "HB", "05": "NW", "06": "HE", "07": "RP",
    "08": "BW", "09": "BY", "10": "SL", "11": "BE", "12": "BB", "13": "MV", "14": "SN",
    "15": "ST", "16": "TH",
}  # fmt: skip
STATE_BY_GEONAMES_ADMIN1: dict[str, str] = {s.geonames_admin1: s.code for s in STATES.values()}

_STATE_EXTRA_ALIASES: dict[str, str] = {
    "nrw": "NW",
    "nordrhein westfalen": "NW",
    "bawue": "BW",
    "freistaat bayern": "BY",
    "freistaat sachsen": "SN",
    "freistaat thueringen": "TH",
    "freie hansestadt bremen": "HB",
    "freie und hansestadt hamburg": "HH",
    "mv": "MV",
    "meck pomm": "MV",
    "rlp": "RP",
    "sachsen anhalt": "ST",
    "lsa": "ST",
    "de bw": "BW",
}

WHEELCHAIR_VALUES: tuple[str, ...] = ("yes", "no", "partial", "unknown")
GEOCODE_PRECISIONS: tuple[str, ...] = ("address", "street", "postcode", "city")
GEOCODE_SOURCES: tuple[str, ...] = ("csv", "cache", "nominatim", "municipality", "gazetteer")

#: Bounding box of Germany with a small margin (WGS84).
GERMANY_BBOX = (47.2, 55.1, 5.8, 15.1)  # lat_min, lat_max, lon_min, lon_max

# --- normalisation helpers ---------------------------------------------------------------------

_UMLAUTS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "ẞ": "ss"})
_NON_ALNUM = re.compile(r"[^0-9a-z]+")


def fold(text: str) -> str:
    """Fold text for matching: NFC, casefold, German umlauts -> ae/oe/ue/ss, accents dropped."""
    text = unicodedata.normalize("NFC", text).casefold().translate(_UMLAUTS)
    text = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in text if not unicodedata.combining(ch))


def header_key(text: str) -> str:
    """Match key for a column header or label: folded, punctuation and '*' as single spaces."""
    return _NON_ALNUM.sub(" ", fold(text)).strip()


def _build_lookup() -> tuple[dict[str, str], dict[str, str], dict[str, str]]:
    columns: dict[str, str] = {}
    for col, aliases in COLUMN_ALIASES.items():
        columns[header_key(col)] = col
        for alias in aliases:
            columns[header_key(alias)] = col
    categories: dict[str, str] = {}
    for cat in CATEGORIES.values():
        for spelling in (cat.key, cat.label_de, cat.label_en, *cat.aliases):
            categories[header_key(spelling)] = cat.key
    states: dict[str, str] = {}
    for st in STATES.values():
        for spelling in (st.code, st.name_de, st.name_en, f"DE-{st.code}"):
            states[header_key(spelling)] = st.code
    for alias, code in _STATE_EXTRA_ALIASES.items():
        states[header_key(alias)] = code
    return columns, categories, states


_COLUMN_LOOKUP, _CATEGORY_LOOKUP, _STATE_LOOKUP = _build_lookup()


def canonical_column(header: str) -> str | None:
    """Return the canonical column for a header as typed (German or English), or None."""
    return _COLUMN_LOOKUP.get(header_key(header))


def canonical_category(label: str) -> str | None:
    """Return the category key for a German or English label or key, or None."""
    return _CATEGORY_LOOKUP.get(header_key(label))


#: Never suggested for an unknown category: following a wrong suggestion would hide the
#: entry's address and count shelter places. A shelter has to be named as such.
NEVER_SUGGESTED: frozenset[str] = frozenset({"womens_shelter"})


def suggest_category(label: str) -> str | None:
    """The category whose spelling is closest to `label`, if one is close and unambiguous.

    Only a suggestion within one group: when close spellings belong to categories of
    different groups ("Frauencafe" is near "Frauenhaus" and "Frauenzentrum"), none is made.
    Shelters are never suggested (`NEVER_SUGGESTED`).
    """
    spellings = [k for k, v in _CATEGORY_LOOKUP.items() if v not in NEVER_SUGGESTED]
    close = difflib.get_close_matches(header_key(label), spellings, n=4, cutoff=0.6)
    keys = list(dict.fromkeys(_CATEGORY_LOOKUP[c] for c in close))
    if not keys or len({CATEGORIES[k].group for k in keys}) > 1:
        return None
    return keys[0]


def canonical_state(value: str) -> str | None:
    """Return the 2-letter code for a Land name, English name or code, or None."""
    return _STATE_LOOKUP.get(header_key(value))


def suggest_state(value: str) -> str | None:
    """Return the Land code closest to a misspelt name, if any is close."""
    match = difflib.get_close_matches(header_key(value), list(_STATE_LOOKUP), n=1, cutoff=0.7)
    return _STATE_LOOKUP[match[0]] if match else None


def group_of(category: str) -> str:
    """Return the group key of a category key."""
    return CATEGORIES[category].group


def column_alias_hint(column: str) -> str:
    """A short list of accepted header spellings for a column, for error messages."""
    return ", ".join([column, *COLUMN_ALIASES.get(column, ())[:4]])
