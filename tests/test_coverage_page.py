"""AppTest for pages/coverage.py: levels, profile by URL (one place matcher), German numbers,
not surveyed, URL state, the stock report."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook
from streamlit.testing.v1 import AppTest

ROOT = Path(__file__).resolve().parents[1]
PAGE = str(ROOT / "pages" / "coverage.py")
FIXTURE = Path(__file__).parent / "data" / "coverage_page.csv"


def run(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, **params: str | list[str]) -> AppTest:
    monkeypatch.setenv("EQUALITY_MAP_DATA", str(FIXTURE))
    surveys = tmp_path / "surveys.csv"
    surveys.write_text(
        "area,scope,status,as_of,source_url,notes\n"
        "NI,womens_facility,complete,2026-11-30,https://example.org/ni,test\n"
        "NI,equality_office,complete,2026-11-30,https://example.org/ni,test\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("EQUALITY_MAP_SURVEYS", str(surveys))
    at = AppTest.from_file(PAGE, default_timeout=90)
    for key, value in params.items():
        at.query_params[key] = value
    at.run()
    assert not at.exception, at.exception
    return at


def markdown(at: AppTest) -> str:
    return "\n".join(m.value for m in at.markdown)


@pytest.mark.parametrize(
    ("area", "picked"),
    [
        ("Marburg", "Marburg (HE)"),  # was: silently another city's profile
        ("Goettingen", "Göttingen (NI)"),
        ("Hann. Münden", "Hann. Münden (NI)"),
        ("Hannoversch Münden", "Hann. Münden (NI)"),
        ("03159016", "Göttingen (NI)"),
    ],
)
def test_area_in_the_url_opens_that_municipality(monkeypatch, tmp_path, area, picked):
    at = run(monkeypatch, tmp_path, level="municipality", area=area)
    assert at.selectbox(key="cov_area_municipality").value == picked


def test_unknown_area_opens_no_other_profile(monkeypatch, tmp_path):
    at = run(monkeypatch, tmp_path, level="municipality", area="Atlantis")
    assert at.selectbox(key="cov_area_municipality").value is None
    assert any("Atlantis" in w.value for w in at.warning)


def test_kreis_profile_in_german_sentences(monkeypatch, tmp_path):
    at = run(monkeypatch, tmp_path, level="kreis", area="Landkreis Göttingen")
    assert at.selectbox(key="cov_area_kreis").value == "Göttingen (NI)"
    text = markdown(at)
    assert "Einwohner*innen, davon" in text
    assert "Frauenhäuser:" in text
    assert "Bedarf nach Europarat" in text


def test_unsurveyed_kreis_says_so(monkeypatch, tmp_path):
    at = run(monkeypatch, tmp_path, level="kreis", area="Passau")
    text = markdown(at)
    assert "Frauenhäuser: nicht erhoben." in text
    assert "Lücke: nicht bekannt" in text


def test_completeness_is_said(monkeypatch, tmp_path):
    at = run(monkeypatch, tmp_path)
    assert any("Vollständig erhoben: Niedersachsen" in i.value for i in at.info)


def test_english_page(monkeypatch, tmp_path):
    at = run(monkeypatch, tmp_path, lang="en", level="kreis", area="Göttingen")
    text = markdown(at)
    assert "inhabitants" in text
    assert "Einwohner" not in text


def test_yardstick_and_thresholds_come_from_the_url(monkeypatch, tmp_path):
    at = run(monkeypatch, tmp_path, yardstick="de_beds_2_5_per_10k", km=["20", "60"])
    assert at.selectbox(key="cov_yardstick").value == "de_beds_2_5_per_10k"
    assert at.number_input(key="cov_km1").value == 20
    assert at.number_input(key="cov_km2").value == 60
    assert at.query_params["yardstick"] == "de_beds_2_5_per_10k"


def test_custom_yardstick_round_trip(monkeypatch, tmp_path):
    at = run(monkeypatch, tmp_path, yardstick="custom", amount="2", per="10000", unit="beds")
    assert at.number_input(key="cov_amount").value == 2
    assert at.selectbox(key="cov_unit").value == "beds"
    text = markdown(at)
    assert "Eigener Wert" in text or at.selectbox(key="cov_yardstick").value == "custom"


def test_changing_the_level_writes_the_url(monkeypatch, tmp_path):
    at = run(monkeypatch, tmp_path)
    at.radio(key="cov_level").set_value("land").run()
    assert not at.exception
    assert at.query_params["level"] == "land"


def test_stock_report_is_a_workbook_with_its_sheets(monkeypatch, tmp_path):
    from datetime import date

    from equality_map import coverage as cov
    from equality_map.geocode import geocode_offline
    from equality_map.load import load_facilities
    from equality_map.report import build_report
    from equality_map.yardsticks import load_yardsticks

    located, _ = geocode_offline(load_facilities(FIXTURE).frame)
    sticks = load_yardsticks()
    result = cov.compute_with_files(located, cov.Options(sticks["coe_family_place_10k"]))
    data = build_report(result, sticks, stichtag=date(2026, 12, 31), lang="de")
    book = load_workbook(io.BytesIO(data))
    assert book.sheetnames == ["Bestand Kreise", "Bestand Länder", "Bedarf Kreise",
                               "Bedarf Länder", "Erreichbarkeit Kreise",
                               "Erreichbarkeit Länder", "Methode"]  # fmt: skip
    kreise = book["Bestand Kreise"]
    assert kreise.max_row == 401  # header + 400 Kreise
    headers = [c.value for c in kreise[1]]
    assert "Plätze Frauen" in headers
    method = "\n".join(str(c.value) for row in book["Methode"].iter_rows() for c in row if c.value)
    assert "31.12.2026" in method
    assert "Destatis" in method or "Daten" in method
    need = [c.value for c in book["Bedarf Kreise"][1]]
    assert any("Deutsche Praxis" in str(h) and str(h).endswith(": Lücke") for h in need)
