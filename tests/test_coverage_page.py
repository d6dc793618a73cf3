"""AppTest for pages/coverage.py: ranking, city profile, compare, map, gaps and download."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
PAGE = str(ROOT / "pages" / "coverage.py")
FIXTURE = Path(__file__).parent / "data" / "coverage_page.csv"


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch) -> AppTest:
    monkeypatch.setenv("EQUALITY_MAP_DATA", str(FIXTURE))
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.query_params["city"] = "Göttingen"
    at.run()
    assert not at.exception, at.exception
    return at


def _frame(at: AppTest, column: str) -> pd.DataFrame:
    """The first dataframe on the page that has `column` (AppTest keeps no dataframe keys)."""
    for element in at.dataframe:
        if column in element.value.columns:
            return element.value
    raise AssertionError(f"no dataframe with column {column!r}")


def _markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


def test_city_profile_in_plain_german_sentences(app: AppTest) -> None:
    assert app.selectbox(key="cov_city").value == "Göttingen (NI)"
    text = _markdown(app)
    assert "10 von 12 empfohlenen Frauenhausplätzen" in text  # 122.149 / 10.000 = 12,2
    assert "Nächste Beratungsstelle: 0,9 km, in Göttingen." in text or "km, in Göttingen" in text
    assert "Pflicht nach § 8 NKomVG" in text
    assert "122.149 Einwohner*innen" in text  # German thousands separator


def test_city_profile_hides_confidential_shelter_address(app: AppTest) -> None:
    entries = _frame(app, "phone")
    assert "Frauenhaus Göttingen" in set(entries["name"])
    assert "Geheimweg 7" not in entries.to_string()
    assert "Hiroshimaplatz 1" in set(entries["street"])


def test_pick_city_without_entries(app: AppTest) -> None:
    app.selectbox(key="cov_city").set_value("Hamburg (HH)").run()
    assert not app.exception
    text = _markdown(app)
    assert "Keine Gleichstellungsstelle erfasst; ob eine Pflicht besteht, ist unbekannt" in text
    assert any("Keine Einträge" in i.value for i in app.info)


def test_compare_two_to_five(app: AppTest) -> None:
    compare = app.multiselect(key="cov_compare")
    compare.set_value(["Göttingen (NI)", "Kassel (HE)"]).run()
    assert not app.exception
    table = _frame(app, "Göttingen (NI)")
    assert list(table.columns) == ["Göttingen (NI)", "Kassel (HE)"]
    compare = app.multiselect(key="cov_compare")
    compare.set_value(["Kassel (HE)"]).run()
    assert any("mindestens zwei" in i.value for i in app.info)


def test_ranking_filter_and_download(app: AppTest) -> None:
    app.multiselect(key="cov_states").set_value(["NI"]).run()
    ranking = _frame(app, "size_class")
    assert set(ranking["state"]) == {"NI"}
    assert ranking.iloc[0]["city"] == "Göttingen"  # the only NI city with entries ranks first
    download = app.get("download_button")[0]
    assert download.proto.label == "Tabelle als CSV herunterladen"


def test_gap_lists_and_law(app: AppTest) -> None:
    office_gaps = _frame(app, "Rechtsgrundlage")
    assert "Hannover" in set(office_gaps["Kommune"])  # > 20,000 in NI, no office in the data
    assert "Kassel" not in set(office_gaps["Kommune"])  # Hessen: unknown, not "missing"
    rules = _frame(app, "who_must_appoint")
    assert len(rules) == 16


def test_english(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EQUALITY_MAP_DATA", str(FIXTURE))
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.query_params["lang"] = "en"
    at.query_params["city"] = "Göttingen"
    at.run()
    assert not at.exception
    text = _markdown(at)
    assert "10 of 12 recommended shelter places" in text
    assert "122,149 inhabitants" in text


@pytest.mark.parametrize(
    ("city", "picked"),
    [
        ("Marburg", "Marburg an der Lahn (HE)"),  # was: silently another city's profile
        ("Goettingen", "Göttingen (NI)"),
        ("Hann. Münden", "Hannoversch Münden (NI)"),
    ],
)
def test_city_in_the_url_opens_that_municipality(
    monkeypatch: pytest.MonkeyPatch, city: str, picked: str
) -> None:
    monkeypatch.setenv("EQUALITY_MAP_DATA", str(FIXTURE))
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.query_params["city"] = city
    at.run()
    assert not at.exception
    assert at.selectbox(key="cov_city").value == picked


def test_unknown_city_in_the_url_opens_no_other_profile(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("EQUALITY_MAP_DATA", str(FIXTURE))
    at = AppTest.from_file(PAGE, default_timeout=60)
    at.query_params["city"] = "Atlantis"
    at.run()
    assert not at.exception
    assert at.selectbox(key="cov_city").value is None
    assert any("Atlantis" in w.value for w in at.warning)
