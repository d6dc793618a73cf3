"""The survey records: what they accept, what they reject, and what they make known."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from equality_map.surveys import SurveyIndex, SurveysError, load_surveys, parse_survey

HEADER = "area,scope,status,as_of,source_url,notes,min_population\n"


def write(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "surveys.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ({"area": "Hessenland", "scope": "womens_shelter", "status": "complete"}, "column area"),
        ({"area": "0663", "scope": "womens_shelter", "status": "complete"}, "column area"),
        ({"area": "HE", "scope": "shelters", "status": "complete"}, "column scope"),
        ({"area": "HE", "scope": "womens_shelter", "status": "done"}, "column status"),
        (
            {"area": "HE", "scope": "womens_shelter", "status": "complete", "as_of": "soon"},
            "column as_of",
        ),
        (
            {
                "area": "HE",
                "scope": "equality_office",
                "status": "complete",
                "min_population": "20k",
            },
            "column min_population",
        ),  # fmt: skip
    ],
)
def test_a_bad_row_is_named_with_its_column(row: dict, message: str) -> None:
    with pytest.raises(SurveysError, match=message) as err:
        parse_survey(row, "surveys.csv:7")
    assert "surveys.csv:7" in str(err.value)


def test_land_names_groups_and_dates_are_read(tmp_path: Path) -> None:
    surveys = load_surveys(
        write(tmp_path, "Hessen,womens_facility,complete,30.11.2026,https://x.de,,\n")
    )
    (survey,) = surveys
    assert survey.area == "HE"
    assert {"womens_shelter", "counselling_centre"} <= survey.categories
    assert survey.as_of.isoformat() == "2026-11-30"


def test_a_named_file_must_exist_and_have_the_columns(tmp_path: Path) -> None:
    with pytest.raises(SurveysError, match="no such file"):
        load_surveys(tmp_path / "nope.csv")
    bad = tmp_path / "bad.csv"
    bad.write_text("area,scope\nHE,womens_shelter\n", encoding="utf-8")
    with pytest.raises(SurveysError, match="missing columns"):
        load_surveys(bad)


AGS = pd.Series(["06611000", "06631009", "06632001", "03241001"])
POP = pd.Series([200_000, 68_000, 5_000, 500_000])


def index(tmp_path: Path, body: str) -> SurveyIndex:
    return SurveyIndex(load_surveys(write(tmp_path, body)))


def test_a_complete_land_makes_its_municipalities_known(tmp_path: Path) -> None:
    idx = index(tmp_path, "HE,womens_shelter,complete,2026-11-30,,,\n")
    assert list(idx.municipalities_known("womens_shelter", AGS, POP)) == [1, 1, 1, 0]
    assert list(idx.municipalities_known("equality_office", AGS, POP)) == [0, 0, 0, 0]


def test_min_population_limits_a_survey_to_larger_municipalities(tmp_path: Path) -> None:
    idx = index(tmp_path, "HE,equality_office,complete,2026-11-30,,,20000\n")
    assert list(idx.municipalities_known("equality_office", AGS, POP)) == [1, 1, 0, 0]
    kreise = pd.Series(["06611", "06631"])
    assert list(idx.kreise_known("equality_office", kreise)) == [True, True]


def test_open_areas_stay_unknown_inside_a_complete_survey(tmp_path: Path) -> None:
    idx = index(
        tmp_path,
        "HE,equality_office,complete,2026-11-30,,,\n"
        "06631,equality_office,open,2026-11-30,,searched: no page names the Kreis office,\n"
        "06611000,equality_office,open,2026-11-30,,,\n",
    )
    assert list(idx.municipalities_known("equality_office", AGS, POP)) == [0, 0, 1, 0]
    kreise = pd.Series(["06611", "06631", "06632"])
    # the town's open row does not make its Kreis unknown; the Kreis's own row does
    assert list(idx.kreise_known("equality_office", kreise)) == [True, False, True]
    assert list(idx.laender_known("equality_office", pd.Series(["HE", "NI"]))) == [False, False]
    assert list(idx.laender_known("womens_shelter", pd.Series(["HE"]))) == [False]
    assert set(idx.status_rows()["status"]) == {"complete", "open"}


def test_an_open_row_does_not_touch_other_categories(tmp_path: Path) -> None:
    idx = index(
        tmp_path,
        "HE,womens_facility,complete,2026-11-30,,,\n06631,womens_shelter,open,2026-11-30,,,\n",
    )
    assert list(idx.municipalities_known("counselling_centre", AGS, POP)) == [1, 1, 1, 0]
    assert list(idx.municipalities_known("womens_shelter", AGS, POP)) == [1, 0, 1, 0]
    assert list(idx.laender_known("counselling_centre", pd.Series(["HE"]))) == [True]
