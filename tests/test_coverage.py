"""Coverage by hand-computed small cases: known vs not surveyed, places and yardsticks,
women-weighted reach, Kreis and Land tables, regions; and the bundled data at scale."""

from __future__ import annotations

import math
from datetime import date

import numpy as np
import pandas as pd
import pytest

from equality_map import coverage as cov
from equality_map import coverage_view as cv
from equality_map import schema as s
from equality_map.coverage_areas import region
from equality_map.legal_rules import load_legal_rules
from equality_map.load import empty_frame
from equality_map.places import Places
from equality_map.surveys import Survey, SurveyIndex
from equality_map.yardsticks import custom, load_yardsticks

TODAY = date(2026, 11, 30)
STICKS = load_yardsticks()


def _places() -> Places:
    """Three municipalities in two Kreise of Niedersachsen (all Einheitsgemeinden)."""
    mun = pd.DataFrame(
        {
            "ags": ["03001001", "03001002", "03002001"],
            "name": ["A, Stadt", "B", "C"],
            "display_name": ["A", "B", "C"],
            "status": ["63", "64", "64"],
            "land": ["NI", "NI", "NI"],
            "kreis_ags": ["03001", "03001", "03002"],
            "verband_type": ["50", "50", "52"],
            "population": [150_000, 20_000, 50_000],
            "population_female": [76_000, 10_000, 25_000],
            "lat": [52.0, 52.0, 52.5],
            "lon": [10.0, 10.5, 10.0],
        }
    ).set_index("ags", drop=False)
    kreise = pd.DataFrame(
        {
            "kreis_ags": ["03001", "03002"],
            "display_name": ["Kreis Eins", "Kreis Zwei"],
            "type": ["44", "44"],
            "land": ["NI", "NI"],
            "population": [170_000, 50_000],
            "population_female": [86_000, 25_000],
            "lat": [52.0, 52.5],
            "lon": [10.1, 10.0],
        }
    ).set_index("kreis_ags", drop=False)
    laender = pd.DataFrame(
        {
            "land": ["NI"],
            "name": ["Niedersachsen"],
            "population": [220_000],
            "population_female": [111_000],
        }  # fmt: skip
    ).set_index("land", drop=False)
    return Places(mun, kreise, laender)


def _entries(*rows: dict) -> pd.DataFrame:
    frame = empty_frame()
    records = [{c: "" for c in s.COLUMNS} | {s.ADDRESS_CONFIDENTIAL: False} | r for r in rows]
    out = pd.DataFrame(records, columns=list(s.COLUMNS))
    for column in s.COUNT_COLUMNS:
        out[column] = pd.array([r.get(column) or None for r in records], dtype="Int64")
    out[s.LAST_VERIFIED] = pd.to_datetime(
        pd.Series([r.get(s.LAST_VERIFIED) or None for r in records])
    )
    for column in s.LIST_COLUMNS:
        out[column] = [r.get(column, []) for r in records]
    out[s.KREIS_AGS] = out[s.AGS].str[:5]
    out.index = pd.RangeIndex(2, len(out) + 2)
    del frame
    return out


SHELTER_A = {s.ID: "sa", s.NAME: "FH A", s.CATEGORY: "womens_shelter", s.CITY: "A",
             s.AGS: "03001001", s.PLACES_WOMEN: 10, s.PLACES_CHILDREN: 15}  # fmt: skip
COUNSEL_A = {s.ID: "ca", s.NAME: "BS A", s.CATEGORY: "counselling_centre", s.CITY: "A",
             s.AGS: "03001001"}  # fmt: skip
OFFICE_B = {s.ID: "ob", s.NAME: "GB B", s.CATEGORY: "equality_office", s.CITY: "B",
            s.AGS: "03001002"}  # fmt: skip
KREIS_OFFICE = {s.ID: "ok", s.NAME: "GB Kreis Eins", s.CATEGORY: "equality_office", s.CITY: "A",
                s.AGS: "03001001", s.AREA_AGS: "03001"}  # fmt: skip

SURVEY_KREIS_EINS = SurveyIndex(
    [
        Survey(
            "03001",
            frozenset({"womens_shelter", "counselling_centre", "equality_office"}),
            "complete",
            TODAY,
            "",
            "",
        )
    ]  # fmt: skip
)


def compute(*rows: dict, stick: str = "coe_family_place_10k", surveys=SURVEY_KREIS_EINS):
    yardstick = STICKS[stick] if isinstance(stick, str) else stick
    options = cov.Options(yardstick, min_population=0, today=TODAY)
    return cov.compute(_entries(*rows), _places(), load_legal_rules(), surveys, options)


def mun(result, ags: str) -> pd.Series:
    table = result.municipalities
    return table[table["ags"] == ags].iloc[0]


# --- known vs not surveyed -----------------------------------------------------------------------


def test_an_unsurveyed_area_never_shows_0_a_gap_or_missing():
    c = mun(compute(SHELTER_A, OFFICE_B), "03002001")  # C: Kreis Zwei, not surveyed
    assert pd.isna(c["n_cat_womens_shelter"])
    assert pd.isna(c["n_cat_equality_office"])
    assert pd.isna(c["has_equality_office"])
    assert not bool(c["equality_office_missing"])  # a Samtgemeinde member: not required itself
    assert pd.isna(c["shelter_places_gap"])
    assert pd.isna(c["n_womens_facility"])
    kreis = compute(SHELTER_A).kreise.set_index("kreis_ags").loc["03002"]
    assert pd.isna(kreis["n_cat_womens_shelter"])
    assert pd.isna(kreis["shelter_places_gap"])


def test_a_surveyed_town_with_none_shows_0_and_its_gap():
    b = mun(compute(SHELTER_A, OFFICE_B), "03001002")  # B: surveyed, no shelter
    assert b["n_cat_womens_shelter"] == 0
    assert b["shelter_places_gap"] == pytest.approx(2.0)  # 20,000 / 10,000
    a = mun(compute(SHELTER_A), "03001001")  # A: surveyed, no office, required (NKomVG)
    assert bool(a["has_equality_office"]) is False
    assert bool(a["equality_office_required"]) is True
    assert bool(a["equality_office_missing"]) is True


def test_recorded_entries_in_unsurveyed_areas_count_as_at_least():
    shelter_c = SHELTER_A | {s.ID: "sc", s.CITY: "C", s.AGS: "03002001"}
    c = mun(compute(shelter_c), "03002001")
    assert c["n_cat_womens_shelter"] == 1
    assert bool(c["shelter_places_lower_bound"]) is True
    assert c["shelter_places_gap"] == 0  # 10 >= 5 already: a known fact even unsurveyed
    small = shelter_c | {s.PLACES_WOMEN: 2}
    assert pd.isna(mun(compute(small), "03002001")["shelter_places_gap"])  # 2 < 5: unknown


# --- places and yardsticks ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stick", "target", "gap"),
    [
        ("coe_family_place_10k", 15.0, 5.0),  # 150,000 / 10,000 family places vs 10 (women)
        ("de_beds_2_5_per_10k", 37.5, 12.5),  # 2.5 beds per 10,000 vs 10 + 15 beds
        ("coe_bed_7500", 20.0, 0.0),  # 150,000 / 7,500 beds vs 25
    ],
)
def test_each_yardstick_in_its_own_unit(stick: str, target: float, gap: float):
    a = mun(compute(SHELTER_A, stick=stick), "03001001")
    assert a["shelter_places_target"] == pytest.approx(target)
    assert a["shelter_places_gap"] == pytest.approx(gap)


def test_rape_crisis_yardstick_counts_facilities_per_women():
    kreis = compute(COUNSEL_A, stick="coe_rape_crisis_200k_women").kreise.set_index("kreis_ags")
    eins = kreis.loc["03001"]
    assert eins["shelter_places_target"] == pytest.approx(86_000 / 200_000)
    assert eins["shelter_places_gap"] == 0  # one centre for 86,000 women


def test_a_custom_yardstick():
    stick = custom(2, 10_000, "beds")
    a = mun(compute(SHELTER_A, stick=stick), "03001001")
    assert a["shelter_places_target"] == pytest.approx(30.0)
    assert a["shelter_places_gap"] == pytest.approx(5.0)


def test_a_shelter_without_places_makes_totals_a_lower_bound():
    unknown = SHELTER_A | {s.ID: "sx", s.PLACES_WOMEN: None, s.PLACES_CHILDREN: None}
    a = mun(compute(SHELTER_A, unknown), "03001001")
    assert a["n_cat_womens_shelter"] == 2
    assert a["places_women"] == 10
    assert bool(a["shelter_places_lower_bound"]) is True
    assert pd.isna(a["shelter_places_gap"])  # 10 < 15: the real gap is not known
    kreis = compute(SHELTER_A, unknown).kreise.set_index("kreis_ags").loc["03001"]
    assert bool(kreis["shelter_places_lower_bound"]) is True


def test_beds_need_childrens_places():
    no_children = SHELTER_A | {s.PLACES_CHILDREN: None}
    a = mun(compute(no_children, stick="de_beds_2_5_per_10k"), "03001001")
    assert bool(a["shelter_places_lower_bound"]) is True
    assert pd.isna(a["shelter_places_gap"])
    family = mun(compute(no_children), "03001001")
    assert family["shelter_places_gap"] == pytest.approx(5.0)  # family places need no children


# --- reach ------------------------------------------------------------------------------------


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (math.sin((p2 - p1) / 2) ** 2
         + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2)  # fmt: skip
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def test_distances_are_facts_only_where_every_area_within_is_surveyed():
    result = compute(SHELTER_A)
    b = mun(result, "03001002")
    assert b["nearest_womens_shelter_km"] == pytest.approx(_km(52.0, 10.5, 52.0, 10.0), rel=1e-6)
    # C (unsurveyed) lies 55.6 km from A but B is 34.2 km: B's distance is a fact only if no
    # unsurveyed centre is nearer than 34.2 km to B: C is 62 km from B
    assert bool(b["nearest_womens_shelter_exact"]) is True
    c = mun(result, "03002001")
    assert bool(c["nearest_womens_shelter_exact"]) is False  # itself not surveyed: at most


def test_women_weighted_shares_on_three_municipalities():
    result = compute(SHELTER_A, COUNSEL_A)
    kreise = result.kreise.set_index("kreis_ags")
    eins = kreise.loc["03001"]
    # A 0 km (76,000 women), B 34.2 km (10,000 women): beyond 30 km = 10,000 / 86,000
    assert eins["share_women_beyond_30km_womens_shelter"] == pytest.approx(10_000 / 86_000)
    assert eins["share_women_beyond_50km_womens_shelter"] == pytest.approx(0.0)
    assert eins["share_women_distance_unknown_womens_shelter"] == pytest.approx(0.0)
    mean = 10_000 * _km(52.0, 10.5, 52.0, 10.0) / 86_000
    assert eins["nearest_womens_shelter_km"] == pytest.approx(mean, rel=1e-6)
    zwei = kreise.loc["03002"]  # C not surveyed: its distance is only an upper bound
    assert pd.isna(zwei["share_women_beyond_50km_womens_shelter"])
    assert zwei["share_women_distance_unknown_womens_shelter"] == pytest.approx(1.0)
    land = result.laender.set_index("state").loc["NI"]
    assert land["share_women_beyond_30km_womens_shelter"] == pytest.approx(10_000 / 111_000)
    assert land["share_women_distance_unknown_womens_shelter"] == pytest.approx(25_000 / 111_000)


# --- Kreis, Land, region -----------------------------------------------------------------------


def test_kreis_office_counts_for_the_kreis_not_its_seat():
    result = compute(KREIS_OFFICE)
    assert bool(result.kreise.set_index("kreis_ags").loc["03001", "has_equality_office"])
    a = mun(result, "03001001")
    assert bool(a["has_equality_office"]) is False  # the Kreis office is not the town's


def test_municipal_offices_per_kreis():
    kreis = compute(OFFICE_B).kreise.set_index("kreis_ags")
    eins = kreis.loc["03001"]
    assert (eins["n_offices_required"], eins["n_offices_present"],
            eins["n_offices_missing"]) == (2, 1, 1)  # fmt: skip
    zwei = kreis.loc["03002"]  # C is a Samtgemeinde member: not itself required
    assert zwei["n_offices_required"] == 0


def test_municipal_office_counts_without_survey_are_lower_bounds_never_0():
    eins = compute(OFFICE_B, surveys=SurveyIndex([])).kreise.set_index("kreis_ags").loc["03001"]
    assert eins["n_offices_required"] == 2
    assert eins["n_offices_present"] == 1  # recorded: a fact, shown as "mind. 1"
    assert pd.isna(eins["n_offices_missing"])  # A was not surveyed: not "0 missing"
    assert eins["n_offices_not_surveyed"] == 1
    shown, unknown = cv.display(compute(OFFICE_B, surveys=SurveyIndex([])).kreise, "kreis", "de")
    row = shown.iloc[0]
    assert row[cv.label("n_offices_present", "de")] == "mind. 1"
    assert row[cv.label("n_offices_missing", "de")] == "nicht erhoben"
    nothing = compute(surveys=SurveyIndex([])).kreise.set_index("kreis_ags").loc["03001"]
    assert pd.isna(nothing["n_offices_present"])


def test_region_pools_kreise():
    result = compute(SHELTER_A)
    pooled = region(result.kreise, ["03001", "03002"], result.options)
    assert pooled["population"] == 220_000
    assert pooled["shelter_places_target"] == pytest.approx(22.0)
    assert bool(pooled["shelter_places_lower_bound"]) is True  # Kreis Zwei not surveyed
    assert pd.isna(pooled["shelter_places_gap"])
    alone = region(result.kreise, ["03001"], result.options)
    assert alone["shelter_places_gap"] == pytest.approx(7.0)  # 17 - 10


def test_score_uses_known_parts_only():
    result = compute(SHELTER_A, COUNSEL_A, OFFICE_B)
    c = mun(result, "03002001")
    assert c["score_parts_known"] == 0
    assert pd.isna(c["coverage_score"])
    a = mun(result, "03001001")
    assert a["score_parts_known"] >= 3


def test_completeness_per_land_and_category():
    table = compute(SHELTER_A).completeness
    assert set(table["survey"]) <= {"complete", "partial", "not_surveyed"}
    assert len(table) == 3  # one Land, three categories


def test_entries_without_municipality_count_nowhere():
    lost = SHELTER_A | {s.ID: "x", s.AGS: ""}
    assert compute(lost).unattributed == 1


# --- the bundled data ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def bundled():
    from equality_map.geocode import geocode_offline
    from equality_map.load import load_facilities
    from equality_map.settings import DATA_DIR

    located, _ = geocode_offline(load_facilities(DATA_DIR / "facilities.csv").frame)
    return cov.compute_with_files(located, cov.Options(STICKS["coe_family_place_10k"]))


def test_bundled_levels_have_all_areas(bundled):
    assert len(bundled.kreise) == 400
    assert len(bundled.laender) == 16
    assert len(bundled.municipalities) >= 1500
    assert bundled.unattributed == 0


def test_no_unsurveyed_area_has_a_zero_or_a_gap(bundled):
    for level in cov.LEVELS:
        table = bundled.table(level)
        unsurveyed = ~table["surveyed_womens_shelter"].astype(bool)
        counts = table.loc[unsurveyed, "n_cat_womens_shelter"]
        assert not (counts == 0).any(), level
        gaps = table.loc[unsurveyed, "shelter_places_gap"].dropna()
        assert (gaps == 0).all(), level  # only "already enough" is known there
        if "n_offices_not_surveyed" in table.columns:
            open_ = table["n_offices_not_surveyed"] > 0
            for column in ("n_offices_present", "n_offices_missing"):
                assert not (table.loc[open_, column] == 0).any(), (level, column)


def test_contract_columns_come_first_at_every_level(bundled):
    for level in cov.LEVELS:
        columns = list(bundled.table(level).columns)
        assert columns[len(cov.KEYS[level]) : len(cov.KEYS[level]) + len(cov.CONTRACT)] == list(
            cov.CONTRACT
        )
        assert np.isin(["population", "population_female"], columns).all()
