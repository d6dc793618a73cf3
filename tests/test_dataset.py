"""The bundled dataset stays real and broad: floors per Land and group, seeds, shelter privacy.

A bad edit that drops rows, or a shelter that gains an address, fails CI.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from equality_map import schema as s
from equality_map.load import load_facilities

DATA = Path(__file__).resolve().parents[1] / "data" / "facilities.csv"
#: Lower bounds, set a little below the counts of the compiled dataset (data/DATASET_NOTES.md).
MIN_TOTAL = 430
MIN_PER_STATE = 12
MIN_PER_GROUP = {"equality_office": 170, "womens_facility": 215, "alliance_partner": 28}
SEEDS = [
    ("Kassel", "equality_office", "Amt für Chancengleichheit"),
    ("Kassel", "antidiscrimination_office", "Antidiskriminierungsstelle"),
    ("Herten", "equality_office", "Gleichstellungsbeauftragte"),
    ("Göttingen", "equality_office", "Gleichstellungsbüro"),
    ("Göttingen", "initiative", "Bündnis für Alleinerziehende"),
    ("Göttingen", "alliance_partner", "Bildung und Teilhabe"),
    ("Hann. Münden", "equality_office", "Gleichstellungsbeauftragte"),
    ("Duisburg", "labour_market_equality", "obcenter"),
    (None, "alliance_partner", "Deutscher Städtetag"),
    (None, "initiative", "Initiative Klischeefrei"),
]


@pytest.fixture(scope="module")
def frame():
    result = load_facilities(DATA)
    assert result.errors == []
    return result.frame


def test_size_and_spread(frame):
    assert len(frame) >= MIN_TOTAL
    per_state = frame[s.STATE].value_counts()
    assert set(per_state.index) == set(s.STATES), "every Land must be present"
    assert per_state.min() >= MIN_PER_STATE, per_state.to_dict()
    per_group = frame[s.CATEGORY].map(s.group_of).value_counts()
    for group, floor in MIN_PER_GROUP.items():
        assert per_group.get(group, 0) >= floor, (group, per_group.to_dict())
    assert set(frame[s.CATEGORY]) == set(s.CATEGORIES)


@pytest.mark.parametrize(("city", "category", "fragment"), SEEDS)
def test_seed_entries_present(frame, city, category, fragment):
    rows = frame[(frame[s.CATEGORY] == category) & frame[s.NAME].str.contains(fragment)]
    if city is not None:
        rows = rows[rows[s.CITY] == city]
    assert len(rows) >= 1


def test_herten_seed_has_its_documented_facts(frame):
    row = frame[(frame[s.CITY] == "Herten") & (frame[s.CATEGORY] == "equality_office")].iloc[0]
    assert row[s.POSTCODE] == "45699"
    assert row[s.PHONE] == "02366 303-0"
    assert "Netzwerk Frühe Hilfen und Kinderschutz" in row[s.NETWORKS]


def test_shelters_never_carry_an_address(frame):
    shelters = frame[frame[s.CATEGORY] == "womens_shelter"]
    assert len(shelters) >= 40
    assert shelters[s.ADDRESS_CONFIDENTIAL].all()
    assert (shelters[s.STREET] == "").all()
    assert (shelters[s.POSTCODE] == "").all()


def test_every_added_entry_names_its_source(frame):
    without = frame[(frame[s.SOURCE_URL] == "") & ~frame[s.NOTES].str.contains("source doc")]
    assert without[s.ID].tolist() == []


def test_no_duplicate_name_and_city(frame):
    keys = frame[s.NAME].map(s.fold) + "|" + frame[s.CITY].map(s.fold)
    assert not keys.duplicated().any()


def test_every_city_over_100000_has_a_womens_shelter(frame):
    """Else the coverage page reports 0 shelter places for Berlin, München, ... (passes 3-4)."""
    from equality_map.places import load_places

    places = load_places()
    directory = places.municipalities
    big = directory[directory["population"] >= 100_000]
    assert len(big) >= 75
    shelters = frame[frame[s.CATEGORY] == "womens_shelter"]
    # Matched by the one place matcher, as coverage does ("Oldenburg" + Niedersachsen).
    pairs = zip(shelters[s.CITY], shelters[s.STATE], strict=True)
    with_shelter = {places.resolve(city, state).ags for city, state in pairs}
    missing = sorted(big.loc[~big["ags"].isin(with_shelter), "display_name"])
    assert missing == [], missing
