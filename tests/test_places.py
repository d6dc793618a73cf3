"""The one place matcher: typed names -> municipality, used by coverage, pickers, URLs, CLI."""

from __future__ import annotations

import pandas as pd
import pytest

from equality_map.places import load_places, resolve_entry_cities, select_many


@pytest.fixture(scope="module")
def places():
    return load_places()


@pytest.fixture(scope="module")
def table(places):
    """A coverage-like table: one row per municipality (name as the directory spells it)."""
    frame = places.municipalities(20_000)[["name", "state"]].rename(columns={"name": "city"})
    return frame.reset_index(drop=True)


@pytest.mark.parametrize(
    ("query", "city", "state"),
    [
        ("Marburg", "Marburg an der Lahn", "HE"),  # the bug: opened another city
        ("Goettingen", "Göttingen", "NI"),
        ("göttingen", "Göttingen", "NI"),
        ("Hann. Münden", "Hannoversch Münden", "NI"),
        ("Frankfurt a. M.", "Frankfurt am Main", "HE"),
        ("Kassel (HE)", "Kassel", "HE"),
        ("Halle (Saale)", "Halle (Saale)", "ST"),
    ],
)
def test_select_finds_the_municipality(places, table, query, city, state):
    found = places.select(query, table)
    assert found.found, query
    rows = table.loc[list(found.rows)]
    assert list(rows["city"]) == [city]
    assert list(rows["state"]) == [state]


@pytest.mark.parametrize("query", ["Atlantis", "", "Kass", "Münd"])
def test_select_never_matches_by_substring(places, table, query):
    assert not places.select(query, table).found


def test_select_many_reports_what_it_could_not_find(places, table):
    rows, missing = select_many(places, ["Marburg", "Atlantis", "Marburg"], table)
    assert list(table.loc[rows, "city"]) == ["Marburg an der Lahn"]
    assert [m.query for m in missing] == ["Atlantis"]


def test_entry_cities_are_matched_through_the_municipality(places):
    frame = pd.DataFrame(
        {
            "city": ["Hann. Münden", "Hannoversch Münden", "Göttingen", "Köln"],
            "state": ["NI", "NI", "NI", "NW"],
        }
    )
    found, missing = resolve_entry_cities(
        places, ["Hannoversch Münden", "KOELN", "Atlantis"], frame
    )
    assert sorted(found) == ["Hann. Münden", "Hannoversch Münden", "Köln"]
    assert [m.query for m in missing] == ["Atlantis"]
