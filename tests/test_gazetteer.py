"""Gazetteer: district heuristic, German names and tolerant name matching."""

from __future__ import annotations

import math

import pytest

from equality_map.gazetteer import load_gazetteer, match_keys
from equality_map.schema import GERMANY_BBOX


@pytest.fixture(scope="module")
def gaz():
    return load_gazetteer()


@pytest.mark.parametrize(
    ("typed", "state", "status", "name", "land"),
    [
        ("Göttingen", None, "exact", "Göttingen", "NI"),
        ("Goettingen", None, "exact", "Göttingen", "NI"),
        ("GÖTTINGEN", None, "exact", "Göttingen", "NI"),
        ("  göttingen ", None, "exact", "Göttingen", "NI"),
        ("Stadt Göttingen", None, "exact", "Göttingen", "NI"),
        ("Hansestadt Rostock", None, "exact", "Rostock", "MV"),
        ("Landeshauptstadt München", None, "exact", "München", "BY"),
        ("Munich", None, "exact", "München", "BY"),
        ("Muenchen", None, "exact", "München", "BY"),
        ("Nuremberg", None, "exact", "Nürnberg", "BY"),
        ("Hann. Münden", None, "exact", "Hannoversch Münden", "NI"),
        ("Hann. Muenden", None, "exact", "Hannoversch Münden", "NI"),
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
        ("Mülheim", None, "ambiguous", "Mülheim an der Ruhr", "NW"),
        ("Freiburg i. Br.", None, "exact", "Freiburg im Breisgau", "BW"),
        ("Weiden i.d.OPf.", None, "exact", "Weiden in der Oberpfalz", "BY"),
        ("Neustadt a.d. Weinstraße", None, "exact", "Neustadt an der Weinstraße", "RP"),
        ("Neustadt/Weinstr.", None, "exact", "Neustadt an der Weinstraße", "RP"),
        ("Neustadt", None, "ambiguous", "Neustadt an der Weinstraße", "RP"),
        ("Neustadt", "SH", "exact", "Neustadt in Holstein", "SH"),
        ("St. Ingbert", None, "exact", "Sankt Ingbert", "SL"),
        ("Bad Homburg v. d. Höhe", None, "exact", "Bad Homburg vor der Höhe", "HE"),
        ("Offenbach", None, "ambiguous", "Offenbach am Main", "HE"),
        ("Offenbach am Main", None, "exact", "Offenbach am Main", "HE"),
        ("Berlin-Kreuzberg", None, "exact", "Kreuzberg", "BE"),
        ("Köln-Porz", None, "exact", "Porz am Rhein", "NW"),
        ("Frankfurt-Höchst", None, "ambiguous", "Frankfurt am Main", "HE"),
        ("Hamburg", "Bayern", "exact", "Hamburg", "HH"),  # wrong Land: found elsewhere, flagged
        # rejected: no such municipality
        ("Xyzzyhausen", None, "unknown", "", ""),
        ("Strasbourg", None, "unknown", "", ""),
        ("", None, "unknown", "", ""),
        ("Paris", "HE", "unknown", "", ""),
    ],
)
def test_lookup_table(gaz, typed, state, status, name, land):
    match = gaz.lookup(typed, state)
    assert (match.status, match.name, match.state) == (status, name, land)
    if status == "ambiguous":
        assert len(match.candidates) >= 2
        assert any(name in c for c in match.candidates)
    if status == "unknown":
        assert math.isnan(match.lat)
    else:
        la0, la1, lo0, lo1 = GERMANY_BBOX
        assert la0 <= match.lat <= la1
        assert lo0 <= match.lon <= lo1


def test_state_mismatch_is_flagged(gaz):
    assert gaz.lookup("Hamburg", "BY").state_mismatch
    assert not gaz.lookup("Hamburg", "HH").state_mismatch


def test_unknown_city_suggests_close_names(gaz):
    match = gaz.lookup("Göttigen")
    assert match.status == "unknown"
    assert "Göttingen" in match.suggestions


@pytest.mark.parametrize(
    ("name", "is_municipality", "parent"),
    [
        ("Berlin", True, ""),
        ("Hamburg", True, ""),
        ("Bremerhaven", True, ""),
        ("Wandsbek", False, "Hamburg"),
        ("Hamburg-Nord", False, "Hamburg"),
        ("Kreuzberg", False, "Berlin"),
        ("Nippes", False, "Köln"),
        ("Porz am Rhein", False, "Köln"),
        ("Bogenhausen", False, "München"),
        ("Neue Neustadt", False, "Magdeburg"),
        ("Offenbach am Main", True, ""),  # alternate "Frankfurt-Offenbach", yet its own city
        ("Fürth", True, ""),  # kreisfreie Stadt next to Nürnberg
        ("Unterhaching", True, ""),  # suburb of Munich, its own municipality
        ("München", True, ""),
        ("Nürnberg", True, ""),
    ],
)
def test_districts_are_told_from_municipalities(gaz, name, is_municipality, parent):
    rows = gaz.frame[gaz.frame["name"] == name].sort_values("population", ascending=False)
    assert not rows.empty, name
    row = rows.iloc[0]
    assert bool(row["is_municipality"]) is is_municipality
    assert row["parent"] == parent


def test_berlin_districts_know_their_bezirk(gaz):
    frame = gaz.frame.set_index("name")
    assert frame.loc["Kreuzberg", "borough"] == "Friedrichshain-Kreuzberg"
    assert frame.loc["Prenzlauer Berg", "borough"] == "Pankow"
    assert gaz.lookup("Kreuzberg").borough == "Friedrichshain-Kreuzberg"
    assert gaz.lookup("Kreuzberg").municipality == "Berlin"


def test_no_english_names_among_large_places(gaz):
    names = set(gaz.frame["name"])
    assert {"München", "Nürnberg", "Köln"} <= names
    assert not {"Munich", "Nuremberg", "Cologne"} & names


def test_municipalities_filters_districts_and_population(gaz):
    places = gaz.municipalities(min_population=1000)
    assert places["is_municipality"].all()
    assert (places["population"] >= 1000).all()
    assert "Wandsbek" not in set(places["name"])
    assert {"Berlin", "Hamburg", "Offenbach am Main"} <= set(places["name"])
    for column in ("name", "state", "population", "lat", "lon", "is_municipality", "parent"):
        assert column in places.columns


def test_municipalities_prefer_over_districts(gaz):
    # "Mitte" is a district in Berlin and Hannover; "Neustadt" must never land in a district
    assert gaz.lookup("Neustadt").is_municipality


def test_state_for(gaz):
    assert gaz.state_for("Göttingen") == "NI"
    assert gaz.state_for("Frankfurt") is None  # ambiguous: not guessed
    assert gaz.state_for("Xyzzyhausen") is None


@pytest.mark.parametrize(
    ("text", "keys"),
    [
        ("Frankfurt am Main", ("frankfurt am main", "frankfurt main", "frankfurt")),
        ("Frankfurt a. M.", ("frankfurt a m", "frankfurt main", "frankfurt")),
        ("Halle (Saale)", ("halle saale", "halle saale", "halle")),
        ("Stadt Göttingen", ("goettingen", "goettingen", "goettingen")),
    ],
)
def test_match_keys(text, keys):
    assert match_keys(text) == keys
