from datetime import date

import pytest

from equality_map.filters import Filter, category_counts, filter_options
from equality_map.load import load_facilities
from equality_map.schema import CATEGORIES

FIXTURE = "tests/data/map_fixture.csv"


@pytest.fixture(scope="module")
def frame():
    return load_facilities(FIXTURE, today=date(2026, 1, 1)).frame


@pytest.fixture(scope="module")
def options(frame):
    return filter_options(frame)


@pytest.mark.parametrize(
    "flt",
    [
        Filter(),
        Filter(groups=("equality_office",)),
        Filter(categories=("girls_facility", "womens_shelter"), states=("BY", "HE")),
        Filter(cities=("Kassel",), q="frauen haus"),
        Filter(target_groups=("girls",), topics=("career_choice",)),
        Filter(networks=("Bündnis für Alleinerziehende",), languages=("en",)),
        Filter(wheelchair=True, verified_months=18),
    ],
)
def test_round_trip(flt, options):
    assert Filter.from_query_params(flt.to_query_params(), options) == flt


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"group": ["nonsense", "equality_office"]}, Filter(groups=("equality_office",))),
        ({"category": "Frauenhaus"}, Filter()),  # keys only, labels are not URL values
        ({"category": ["WOMENS_SHELTER"]}, Filter(categories=("womens_shelter",))),
        ({"state": ["Hessen", "XX", "by"]}, Filter(states=("BY", "HE"))),
        ({"city": ["Atlantis", "Kassel"]}, Filter(cities=("Kassel",))),
        ({"verified": "0"}, Filter()),
        ({"verified": "-3"}, Filter()),
        ({"verified": "12abc"}, Filter()),
        ({"verified": "9999"}, Filter()),
        ({"verified": "6"}, Filter(verified_months=6)),
        ({"wheelchair": "1"}, Filter(wheelchair=True)),
        ({"wheelchair": "maybe"}, Filter()),
        ({"q": "  a   b "}, Filter(q="a b")),
        ({"q": "x" * 500}, Filter(q="x" * 200)),
        ({"network": ["<script>"]}, Filter()),
        ({"unknown": "1", "lang": "en"}, Filter()),
        ({"group": ["equality_office", "equality_office"]}, Filter(groups=("equality_office",))),
    ],
)
def test_invalid_values_dropped(params, expected, options):
    assert Filter.from_query_params(params, options) == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"target": "Frauen"}, ("women",)),  # a German label in a link means the key
        ({"target": "women"}, ("women",)),
        ({"topic": "Gewaltschutz"}, ("violence_protection",)),
        ({"language": "Arabisch"}, ("ar",)),
    ],
)
def test_labels_in_links_mean_their_keys(params, expected):
    flt = Filter.from_query_params(params)
    assert (flt.target_groups or flt.topics or flt.languages) == expected


def test_data_values_unchecked_without_options():
    assert Filter.from_query_params({"city": "Atlantis"}).cities == ("Atlantis",)


@pytest.mark.parametrize(
    ("flt", "ids"),
    [
        (Filter(), {"ks-gs", "ks-fh", "ks-xss", "b-gs", "m-mt", "h-bp", "d-nocoord"}),
        (Filter(groups=("equality_office",)), {"ks-gs", "b-gs"}),
        (Filter(categories=("womens_shelter",)), {"ks-fh"}),
        (Filter(states=("BE", "BY")), {"b-gs", "m-mt"}),
        (Filter(cities=("Kassel",), categories=("equality_office",)), {"ks-gs"}),
        (Filter(q="mädchentreff"), {"m-mt"}),
        (Filter(q="VEREIN"), {"h-bp", "d-nocoord"}),
        (Filter(target_groups=("girls", "single_parents")), {"ks-gs", "m-mt", "h-bp"}),
        (Filter(topics=("violence_protection",)), {"ks-fh", "ks-xss"}),
        (Filter(networks=("Initiative Klischeefrei",)), {"m-mt"}),
        (Filter(languages=("ar",)), {"b-gs"}),
        (Filter(wheelchair=True), {"ks-gs", "m-mt"}),
        (Filter(verified_months=6), {"ks-xss", "m-mt"}),
    ],
)
def test_apply(frame, flt, ids):
    assert set(flt.apply(frame, today=date(2026, 1, 1))["id"]) == ids


def test_counts_cover_all_categories(frame):
    counts = category_counts(Filter(groups=("equality_office",)).apply(frame))
    assert set(counts) == set(CATEGORIES)
    assert counts["equality_office"] == 2
    assert counts["womens_shelter"] == 0
