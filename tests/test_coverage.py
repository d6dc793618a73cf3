"""Coverage indicators: hand-computed small examples for every indicator, rules, distances."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from equality_map import coverage as cov
from equality_map import geo
from equality_map import legal_rules as lr
from equality_map import schema as s
from equality_map.exports import neutralise_cell, safe_csv_bytes
from equality_map.load import load_facilities
from equality_map.places import Places

DATA = Path(__file__).parent / "data"
TODAY = date(2026, 1, 1)
R = 6371.0088
KM_PER_DEGREE = R * math.pi / 180  # 111.1951 km


def _gazetteer() -> pd.DataFrame:
    rows = [
        ("Alpha", "NW", 12_000, 51.0, 7.0, ""),
        ("Beta", "NW", 10_000, 51.1, 7.0, ""),  # exactly at NW's "> 10,000": not required
        ("Gamma", "NW", 10_001, 51.2, 7.0, ""),  # just above: required
        ("Delta", "BW", 50_000, 48.5, 9.0, ""),  # BW ">= 50,000": required
        ("Epsilon", "BW", 49_999, 48.6, 9.0, ""),  # just below: not required
        ("Zeta", "HE", 30_000, 50.5, 8.5, ""),  # Hessen: unknown (comparable measures)
        ("Hof", "BY", 45_000, 50.3, 11.9, ""),  # kreisfreie Stadt: required by status
        ("Hofheim", "BY", 20_000, 50.1, 10.5, ""),  # kreisangehörig: not required
        ("Small", "NW", 500, 51.05, 7.05, ""),  # below min_population but has an entry
        ("Hamlet", "NW", 200, 51.3, 7.0, ""),  # below min_population, no entry: no row
        ("Sankt Wendel", "SL", 26_904, 49.47, 7.17, ""),
        ("Munich", "BY", 1_500_000, 48.14, 11.58, "München|Muenchen"),
        ("Hamburg", "HH", 1_900_000, 53.55, 10.0, ""),
    ]
    frame = pd.DataFrame(rows, columns=["name", "state", "population", "lat", "lon", "alt"])
    frame["alternatenames"] = frame.pop("alt").map(lambda v: v.split("|") if v else [])
    return frame


def _places() -> Places:
    return Places.from_frame(_gazetteer())


@pytest.fixture(scope="module")
def rules() -> dict[str, lr.LegalRule]:
    return lr.load_legal_rules()


@pytest.fixture(scope="module")
def entries() -> pd.DataFrame:
    result = load_facilities(DATA / "coverage_small.csv", today=TODAY)
    assert not result.errors
    return result.frame


@pytest.fixture(scope="module")
def table(entries: pd.DataFrame, rules: dict[str, lr.LegalRule]) -> pd.DataFrame:
    return cov.coverage_by_city(entries, _places(), rules, today=TODAY)


def row(table: pd.DataFrame, city: str) -> pd.Series:
    found = table[table["city"] == city]
    assert len(found) == 1, f"{city}: {len(found)} rows"
    return found.iloc[0]


# --- rows and counts ---------------------------------------------------------------------------


def test_row_set_keeps_gaps_and_places_with_entries(table: pd.DataFrame) -> None:
    cities = set(table["city"])
    assert {"Alpha", "Beta", "Gamma", "Delta", "Epsilon", "Zeta", "Hof", "Hofheim"} <= cities
    assert "Small" in cities  # 500 inhabitants, but it has an entry
    assert "Nowhere" in cities  # not in the gazetteer, but it has an entry
    assert "Hamlet" not in cities
    assert list(table.columns[:15]) == list(cov.CITY_COLUMNS[:15])


def test_counts_per_group_and_category(table: pd.DataFrame) -> None:
    alpha = row(table, "Alpha")
    assert alpha["n_entries"] == 5
    assert alpha["n_equality_office"] == 1
    assert alpha["n_womens_facility"] == 3
    assert alpha["n_alliance_partner"] == 1
    assert alpha["n_cat_womens_shelter"] == 2
    assert alpha["n_cat_counselling_centre"] == 1
    assert alpha["networks"] == "Netz A; Netz B"
    assert alpha["n_networks"] == 2


def test_per_capita(table: pd.DataFrame) -> None:
    alpha = row(table, "Alpha")
    assert alpha["per100k_equality_office"] == pytest.approx(1 / 12_000 * 100_000, abs=1e-3)
    assert alpha["per100k_womens_facility"] == pytest.approx(3 / 12_000 * 100_000, abs=1e-3)
    nowhere = row(table, "Nowhere")
    assert pd.isna(nowhere["population"])
    assert math.isnan(nowhere["per100k_equality_office"])
    assert not nowhere["in_gazetteer"]


def test_city_without_entries_is_a_gap_not_missing(table: pd.DataFrame) -> None:
    gamma = row(table, "Gamma")
    assert gamma["n_entries"] == 0
    assert gamma["n_equality_office"] == 0
    assert not gamma["has_equality_office"]
    assert gamma["shelter_places"] == 0
    assert gamma["shelter_places_gap"] == pytest.approx(1.0001)
    assert gamma["share_verified_24m"] != gamma["share_verified_24m"]  # NaN: no entries


# --- legal rules -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("city", "required"),
    [
        ("Beta", False),  # NW: 10,000 is not "> 10,000"
        ("Gamma", True),  # 10,001
        ("Delta", True),  # BW: 50,000 is ">= 50,000"
        ("Epsilon", False),  # 49,999
        ("Hof", True),  # BY kreisfreie Stadt
        ("Hofheim", False),  # BY kreisangehörig: may, not must
        ("Munich", True),  # status list says "München": matched through alternate names
        ("Small", False),
        ("Zeta", None),  # HE: Frauenbüro or comparable measures, left unknown
        ("Hamburg", None),  # city-state: unknown
        ("Nowhere", None),  # population unknown
    ],
)
def test_equality_office_required(table: pd.DataFrame, city: str, required: bool | None) -> None:
    value = row(table, city)["equality_office_required"]
    if required is None:
        assert pd.isna(value)
    else:
        assert bool(value) is required


def test_missing_office_only_where_required(table: pd.DataFrame) -> None:
    missing = set(table.loc[table["equality_office_missing"].fillna(False), "city"])
    assert missing == {"Gamma", "Delta", "Munich", "Sankt Wendel"}


def test_shipped_rules_cover_every_land_and_cite_a_law(rules: dict[str, lr.LegalRule]) -> None:
    assert set(rules) == {
        "BW", "BY", "BE", "BB", "HB", "HH", "HE", "MV", "NI", "NW", "RP", "SL", "SN", "ST",
        "SH", "TH",
    }  # fmt: skip
    for code, rule in rules.items():
        assert rule.law, code
        if code not in ("HB", "HH"):
            assert rule.source_url.startswith(("http://", "https://")), code
    assert rules["HB"].required(500_000) is None
    assert rules["HE"].required(500_000) is None
    assert rules["NI"].threshold == 20_000
    assert rules["NI"].threshold_operator == ">"
    assert rules["ST"].threshold_operator == ">="


def test_status_municipalities_resolve_in_bundled_gazetteer(
    rules: dict[str, lr.LegalRule],
) -> None:
    from equality_map.places import load_places

    found, missing = cov.status_positions(rules, load_places())
    assert missing == []
    assert len(found) == 25 + 12 + 1  # BY and RP kreisfreie Städte, Berlin


GOOD = {
    "state": "NW",
    "who_must_appoint": "x",
    "threshold": "10000",
    "threshold_operator": ">",
    "status_municipalities": "",
    "otherwise_required": "false",
    "law": "§ 5 GO NRW",
}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"state": "Atlantis"}, "not a Land code"),
        ({"threshold": "10.000"}, "whole number"),
        ({"threshold": "-5"}, "whole number"),
        ({"threshold_operator": "=>"}, "'>' or '>='"),
        ({"threshold_operator": ""}, "'>' or '>='"),
        ({"otherwise_required": "maybe"}, "true, false or empty"),
    ],
)
def test_parse_rule_rejects(change: dict[str, str], message: str) -> None:
    with pytest.raises(lr.LegalRulesError, match=message):
        lr.parse_rule({**GOOD, **change})


def test_parse_rule_accepts_and_decides() -> None:
    rule = lr.parse_rule({**GOOD, "state": "Nordrhein-Westfalen"})
    assert rule.state == "NW"
    assert (rule.required(10_000), rule.required(10_001), rule.required(None)) == (
        False,
        True,
        None,
    )
    status = lr.parse_rule({**GOOD, "threshold": "", "status_municipalities": "A; B"})
    assert status.status_municipalities == ("A", "B")
    assert status.required(1, has_status=True) is True
    assert status.required(1) is False


def test_load_legal_rules_rejects_missing_columns(tmp_path: Path) -> None:
    bad = tmp_path / "rules.csv"
    bad.write_text("state,law\nNW,x\n", encoding="utf-8")
    with pytest.raises(lr.LegalRulesError, match="missing columns"):
        lr.load_legal_rules(bad)


# --- shelter places ----------------------------------------------------------------------------


def test_shelter_places_target_and_gap(table: pd.DataFrame) -> None:
    alpha = row(table, "Alpha")
    assert alpha["shelter_places"] == 3  # the shelter without capacity adds nothing ...
    assert alpha["n_womens_shelter_without_capacity"] == 1  # ... and is counted here
    assert alpha["shelter_places_target"] == pytest.approx(1.2)
    assert alpha["shelter_places_gap"] == 0
    assert alpha["shelter_beds_target_de"] == pytest.approx(3.0)  # 2.5 per 10,000
    delta = row(table, "Delta")
    assert delta["shelter_places"] == 2
    assert delta["shelter_places_target"] == pytest.approx(5.0)
    assert delta["shelter_places_gap"] == pytest.approx(3.0)


def test_shelter_gap_unknown_when_a_capacity_is_missing_and_the_known_places_fall_short(
    entries: pd.DataFrame, rules: dict[str, lr.LegalRule]
) -> None:
    more = entries.copy()
    # Delta (2 known places, target 5) gets a shelter without capacity: its gap is not known.
    extra = more[(more[s.CITY] == "Delta") & (more[s.CATEGORY] == "womens_shelter")].iloc[[0]]
    extra = extra.assign(**{s.ID: "delta-extra", s.CAPACITY: pd.NA})
    t = cov.coverage_by_city(
        pd.concat([more, extra], ignore_index=True), _places(), rules, today=TODAY
    )
    delta = row(t, "Delta")
    assert delta["n_womens_shelter_without_capacity"] == 1
    assert pd.isna(delta["shelter_places_gap"])
    from equality_map import coverage_view as cv

    assert "Delta" not in set(cv.gap_lists(t)["shelter"]["city"])


# --- distances ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("a", "b", "km"),
    [
        ((0.0, 0.0), (0.0, 1.0), 111.1951),
        ((0.0, 0.0), (1.0, 0.0), 111.1951),
        ((51.0, 7.0), (51.1, 7.0), 11.1195),
        ((90.0, 0.0), (-90.0, 0.0), 20015.0868),
        ((0.0, 0.0), (0.0, 180.0), 20015.0868),
        ((52.52, 13.405), (52.52, 13.405), 0.0),
    ],
)
def test_haversine_km(a: tuple[float, float], b: tuple[float, float], km: float) -> None:
    assert float(geo.haversine_km(a[0], a[1], b[0], b[1])) == pytest.approx(km, abs=0.05)


def test_nearest_distances_in_table(table: pd.DataFrame) -> None:
    alpha, gamma, beta = row(table, "Alpha"), row(table, "Gamma"), row(table, "Beta")
    assert alpha["nearest_counselling_centre_km"] == pytest.approx(0.0, abs=0.05)
    assert gamma["nearest_counselling_centre_km"] == pytest.approx(0.1 * KM_PER_DEGREE, abs=0.05)
    assert gamma["nearest_counselling_centre_city"] == "Beta"
    assert beta["nearest_equality_office_km"] == pytest.approx(11.1, abs=0.1)
    assert beta["nearest_equality_office_city"] == "Alpha"
    # the entry in "Nowhere" has no coordinates and no gazetteer point: never a target
    assert row(table, "Zeta")["nearest_equality_office_city"] in {"Alpha", "Hof"}
    assert math.isnan(row(table, "Nowhere")["nearest_counselling_centre_km"])


def test_nearest_km_matches_naive_double_loop() -> None:
    rng = np.random.default_rng(7)
    points = np.column_stack((rng.uniform(47, 55, 300), rng.uniform(6, 15, 300)))
    targets = np.column_stack((rng.uniform(47, 55, 80), rng.uniform(6, 15, 80)))
    targets[3] = (np.nan, np.nan)
    points[5] = (np.nan, 8.0)
    dist, idx = geo.nearest_km(points, targets)
    naive = geo.naive_nearest_km([tuple(p) for p in points], [tuple(t) for t in targets])
    assert idx[5] == -1
    assert math.isnan(dist[5])
    ok = ~np.isnan(points).any(axis=1)
    np.testing.assert_allclose(dist[ok], np.array(naive)[ok], atol=1e-6)
    assert not (idx == 3).any()


def test_nearest_km_without_targets() -> None:
    dist, idx = geo.nearest_km(np.array([[50.0, 8.0]]), np.empty((0, 2)))
    assert math.isnan(dist[0])
    assert idx[0] == -1


# --- freshness and score -----------------------------------------------------------------------


def test_freshness(table: pd.DataFrame) -> None:
    # Alpha: 2025-06-01 fresh; 2024-01-01 is 731 days before 2026-01-01 (> 730): stale
    alpha = row(table, "Alpha")
    assert alpha["n_verified_24m"] == 1
    assert alpha["share_verified_24m"] == pytest.approx(0.2)


@pytest.mark.parametrize(
    ("city", "score"),
    [
        ("Alpha", 80.0),  # 25 × (office 1 + shelter min(1, 3/1.2) + counselling 1 + fresh 0.2)
        ("Beta", 50.0),  # 25 × (0 + 0 + 1 + 1)
        ("Gamma", 19.4),  # 25 × (1 − 11.1195/50)
        ("Delta", 10.0),  # 25 × 2/5; no counselling centre within 50 km
        ("Nowhere", None),  # population unknown
    ],
)
def test_coverage_score(table: pd.DataFrame, city: str, score: float | None) -> None:
    value = row(table, city)["coverage_score"]
    if score is None:
        assert math.isnan(value)
    else:
        assert value == pytest.approx(score)


def test_score_formula_text_names_all_parts() -> None:
    for lang, words in (("en", ("25", "10,000", "50 km", "24")), ("de", ("25", "10.000"))):
        text = cov.score_formula_text(lang)
        for word in words:
            assert word in text


# --- matching ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("city", "state", "expected"),
    [
        ("St. Wendel", "SL", "Sankt Wendel"),
        ("München", "BY", "Munich"),
        ("MUNICH", "BY", "Munich"),
        ("small", "NW", "Small"),
        ("Alpha", "", "Alpha"),  # no Land given: matched by name
        ("Alpha", "BY", None),  # wrong Land: not matched
        ("Atlantis", "NW", None),
    ],
)
def test_match_cities(city: str, state: str, expected: str | None) -> None:
    places = _places()
    pos = places.positions([city], [state])[0]
    assert (places.frame["name"].iloc[pos] if pos >= 0 else None) == expected


def test_min_population_and_empty_frame(rules: dict[str, lr.LegalRule]) -> None:
    from equality_map.load import empty_frame

    table = cov.coverage_by_city(empty_frame(), _places(), rules, min_population=20_000)
    assert set(table["city"]) == {"Delta", "Zeta", "Hof", "Hofheim", "Sankt Wendel", "Munich",
                                  "Hamburg", "Epsilon"}  # fmt: skip
    assert (table["n_entries"] == 0).all()
    with pytest.raises(ValueError, match="min_population"):
        cov.coverage_by_city(empty_frame(), _places(), rules, min_population=-1)


# --- per Land ----------------------------------------------------------------------------------


def test_coverage_by_state(table: pd.DataFrame) -> None:
    states = cov.coverage_by_state(table).set_index("state")
    nw = states.loc["NW"]
    assert nw["n_entries"] == 8  # Alpha 5, Beta 1, Small 1, Nowhere 1
    assert nw["population"] == 12_000 + 10_000 + 10_001 + 500
    assert nw["n_equality_office_required"] == 2  # Alpha (has one), Gamma (has none)
    assert nw["n_equality_office_missing"] == 1
    bw = states.loc["BW"]
    assert bw["shelter_places"] == 2
    assert bw["shelter_places_target"] == pytest.approx(9.9999)
    assert bw["shelter_places_gap"] == pytest.approx(7.9999)


# --- exports -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ('=HYPERLINK("x")', '\'=HYPERLINK("x")'),
        ("+49 30 1234", "'+49 30 1234"),
        ("-1+1", "'-1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("Göttingen", "Göttingen"),
        ("", ""),
    ],
)
def test_neutralise_cell_for_tables(cell: str, expected: str) -> None:
    assert neutralise_cell(cell) == expected


def test_safe_csv_bytes_keeps_numbers_and_neutralises_text() -> None:
    frame = pd.DataFrame(
        {"city": ["=cmd|' /C calc'!A0", "Kassel"], "gap": [-1.5, float("nan")], "ok": [True, False]}
    )
    text = safe_csv_bytes(frame).decode("utf-8").splitlines()
    assert text[1].startswith("'=cmd|")
    assert text[1].endswith(",-1.5,true")
    assert text[2] == "Kassel,,false"
