"""The one place identity: typed names and points -> official municipality (AGS)."""

from __future__ import annotations

import math

import pandas as pd
import pytest

from equality_map.names import match_keys
from equality_map.places import load_places, select_many
from equality_map.schema import GERMANY_BBOX


@pytest.fixture(scope="module")
def places():
    return load_places()


@pytest.mark.parametrize(
    ("typed", "land", "status", "name", "code"),
    [
        ("Göttingen", None, "exact", "Göttingen", "NI"),
        ("Goettingen", None, "exact", "Göttingen", "NI"),
        ("GÖTTINGEN", None, "exact", "Göttingen", "NI"),
        ("  göttingen ", None, "exact", "Göttingen", "NI"),
        ("Stadt Göttingen", None, "exact", "Göttingen", "NI"),
        ("03159016", None, "exact", "Göttingen", "NI"),  # the AGS itself
        ("Hansestadt Rostock", None, "exact", "Rostock", "MV"),
        ("Landeshauptstadt München", None, "exact", "München", "BY"),
        ("Munich", None, "exact", "München", "BY"),
        ("Muenchen", None, "exact", "München", "BY"),
        ("Nuremberg", None, "exact", "Nürnberg", "BY"),
        ("Hann. Münden", None, "exact", "Hann. Münden", "NI"),
        ("Hannoversch Münden", None, "exact", "Hann. Münden", "NI"),
        ("Hann. Muenden", None, "exact", "Hann. Münden", "NI"),
        ("Marburg", None, "exact", "Marburg", "HE"),
        ("Universitätsstadt Marburg", None, "exact", "Marburg", "HE"),
        ("Frankfurt a. M.", None, "exact", "Frankfurt am Main", "HE"),
        ("Frankfurt (Main)", None, "exact", "Frankfurt am Main", "HE"),
        ("Frankfurt/Main", None, "exact", "Frankfurt am Main", "HE"),
        ("Frankfurt (Oder)", None, "exact", "Frankfurt (Oder)", "BB"),
        ("Frankfurt/O.", None, "exact", "Frankfurt (Oder)", "BB"),
        ("Frankfurt", None, "ambiguous", "Frankfurt am Main", "HE"),
        ("Frankfurt", "BB", "exact", "Frankfurt (Oder)", "BB"),
        ("Frankfurt", "Brandenburg", "exact", "Frankfurt (Oder)", "BB"),
        ("Halle (Saale)", None, "exact", "Halle (Saale)", "ST"),
        ("Halle/Saale", None, "exact", "Halle (Saale)", "ST"),
        ("Halle (Westf.)", None, "exact", "Halle (Westf.)", "NW"),
        ("Halle", None, "ambiguous", "Halle (Saale)", "ST"),
        ("Halle", "NW", "exact", "Halle (Westf.)", "NW"),
        ("Mülheim a.d. Ruhr", None, "exact", "Mülheim an der Ruhr", "NW"),
        ("Muelheim an der Ruhr", None, "exact", "Mülheim an der Ruhr", "NW"),
        ("Freiburg i. Br.", None, "exact", "Freiburg im Breisgau", "BW"),
        ("Weiden i.d.OPf.", None, "exact", "Weiden i.d.OPf.", "BY"),
        ("Weiden in der Oberpfalz", None, "exact", "Weiden i.d.OPf.", "BY"),
        ("Neustadt a.d. Weinstraße", None, "exact", "Neustadt an der Weinstraße", "RP"),
        ("Neustadt", None, "ambiguous", "Neustadt an der Weinstraße", "RP"),
        ("St. Ingbert", None, "exact", "St. Ingbert", "SL"),
        ("Sankt Ingbert", None, "exact", "St. Ingbert", "SL"),
        ("Sankt Wendel", None, "exact", "St. Wendel", "SL"),
        ("Bad Homburg v. d. Höhe", None, "exact", "Bad Homburg v. d. Höhe", "HE"),
        ("Bad Homburg vor der Höhe", None, "exact", "Bad Homburg v. d. Höhe", "HE"),
        # districts, Ortsteile and former towns resolve to their municipality
        ("Berlin-Kreuzberg", None, "exact", "Berlin", "BE"),
        ("Charlottenburg", "BE", "exact", "Berlin", "BE"),
        ("Westerland", None, "exact", "Sylt", "SH"),
        ("Wolfen", None, "exact", "Bitterfeld-Wolfen", "ST"),
        ("Halle-Neustadt", None, "exact", "Halle (Saale)", "ST"),
        ("Biebrich", "HE", "exact", "Wiesbaden", "HE"),
        ("Köln-Porz", None, "exact", "Köln", "NW"),
        ("Frankfurt-Höchst", None, "ambiguous", "Frankfurt am Main", "HE"),
        ("Berlin-Charlottenburg", None, "exact", "Berlin", "BE"),
        # merged towns missing from GeoNames are in the official list
        ("Sylt", None, "exact", "Sylt", "SH"),
        ("Rödermark", None, "exact", "Rödermark", "HE"),
        ("Weinstadt", None, "exact", "Weinstadt", "BW"),
        ("Geestland", None, "exact", "Geestland", "NI"),
        ("Eisenach", "TH", "exact", "Eisenach", "TH"),
        ("Hamburg", "Bayern", "exact", "Hamburg", "HH"),  # wrong Land: found elsewhere, flagged
        # rejected: no such municipality
        ("Xyzzyhausen", None, "unknown", "", ""),
        ("Strasbourg", None, "unknown", "", ""),
        ("", None, "unknown", "", ""),
        ("Paris", "HE", "unknown", "", ""),
        ("99999999", None, "unknown", "", ""),
    ],
)
def test_resolve_table(places, typed, land, status, name, code):
    match = places.resolve(typed, land)
    assert (match.status, match.name, match.land) == (status, name, code)
    if status == "ambiguous":
        assert len(match.candidates) >= 2
    if status == "unknown":
        assert math.isnan(match.lat)
        assert match.ags == ""
    else:
        la0, la1, lo0, lo1 = GERMANY_BBOX
        assert la0 <= match.lat <= la1
        assert lo0 <= match.lon <= lo1
        assert match.kreis_ags == match.ags[:5] or match.kreis_ags  # Eisenach: 16063
        assert len(match.ags) == 8


def test_state_mismatch_is_flagged(places):
    assert places.resolve("Hamburg", "BY").state_mismatch
    assert not places.resolve("Hamburg", "HH").state_mismatch


def test_unknown_city_suggests_close_names(places):
    match = places.resolve("Göttigen")
    assert match.status == "unknown"
    assert "Göttingen" in match.suggestions


def test_alias_says_which_name_matched(places):
    assert places.resolve("Westerland").alias == "Westerland"
    assert places.resolve("Göttingen").alias == ""


@pytest.mark.parametrize(
    ("lat", "lon", "name"),
    [
        (51.5413, 9.9158, "Göttingen"),  # the old town
        (50.8100, 8.7700, "Marburg"),
        (54.9078, 8.3088, "Sylt"),  # Westerland
        (52.4990, 13.4030, "Berlin"),  # Kreuzberg
        (50.9774, 10.3224, "Eisenach"),
    ],
)
def test_a_point_resolves_to_the_municipality_around_it(places, lat, lon, name):
    ags = places.resolve_point(lat, lon)
    assert places.municipalities.at[ags, "display_name"] == name


def test_a_point_outside_germany_resolves_to_nothing(places):
    assert places.resolve_point(48.8566, 2.3522) == ""  # Paris
    assert places.resolve_point(float("nan"), 9.0) == ""


@pytest.mark.parametrize(
    ("text", "kreis"),
    [
        ("Landkreis Göttingen", "03159"),
        ("Göttingen", "03159"),  # the city lies in the Landkreis
        ("Kassel", "06611"),  # the kreisfreie Stadt
        ("Landkreis Kassel", "06633"),
        ("Region Hannover", "03241"),
        ("Eisenach", "16063"),  # since 1.7.2021 in the Wartburgkreis
        ("16063", "16063"),
        ("Atlantis", ""),
    ],
)
def test_resolve_kreis(places, text, kreis):
    assert places.resolve_kreis(text) == kreis


@pytest.fixture(scope="module")
def table(places):
    frame = places.municipalities[places.municipalities["population"] >= 20_000]
    return frame[["ags", "display_name", "land"]].reset_index(drop=True)


@pytest.mark.parametrize(
    ("query", "ags"),
    [
        ("Marburg", "06534014"),  # the bug: opened another city
        ("Goettingen", "03159016"),
        ("Hann. Münden", "03159017"),
        ("Hannoversch Münden", "03159017"),
        ("06534014", "06534014"),
        ("Kassel (HE)", "06611000"),
    ],
)
def test_select_finds_the_row(places, table, query, ags):
    found = places.select(query, table)
    assert list(table.loc[list(found.rows), "ags"]) == [ags]


@pytest.mark.parametrize("query", ["Atlantis", "", "Kass", "Münd", "Niederkass"])
def test_select_never_matches_by_substring(places, table, query):
    assert not places.select(query, table).found


def test_select_many_reports_what_it_could_not_find(places, table):
    rows, missing = select_many(places, ["Marburg", "Atlantis", "Marburg"], table)
    assert list(table.loc[rows, "ags"]) == ["06534014"]
    assert [m.query for m in missing] == ["Atlantis"]


def test_kreis_tables_select_by_kreis(places):
    kreise = places.kreise.reset_index(drop=True)
    found = places.select("Landkreis Kassel", kreise, key_column="kreis_ags")
    assert list(kreise.loc[list(found.rows), "kreis_ags"]) == ["06633"]


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("Frankfurt am Main", ("frankfurt am main", "frankfurt main", "frankfurt")),
        ("Hann. Münden", ("hann muenden", "hannoversch muenden", "hann muenden")),
        ("Halle (Saale)", ("halle saale", "halle saale", "halle")),
    ],
)
def test_match_keys(text: str, keys: tuple[str, str, str]):
    assert match_keys(text) == keys


def test_resolving_20000_entries_is_fast(places):
    """Not a benchmark (see bench/coverage_bench.py): a guard that resolving is memoised."""
    cities = pd.Series(places.municipalities["display_name"].to_numpy()[:2000]).repeat(10)
    matches = places.resolve_many(list(cities), [""] * len(cities))
    assert sum(m.found for m in matches) == len(cities)
