"""`equality-map coverage FILE --level municipality|kreis|land [--yardstick] [--surveys]`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from equality_map.cli import main
from equality_map.coverage import CONTRACT, KEYS

DATA = Path(__file__).parent / "data"
FIXTURE = DATA / "map_fixture.csv"


def read(path: Path) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(path.read_text(encoding="utf-8"))))


@pytest.mark.parametrize(
    ("level", "n_min", "n_max", "key"),
    [
        ("municipality", 1500, 2500, "ags"),
        ("kreis", 400, 400, "kreis_ags"),
        ("land", 16, 16, "state"),
    ],
)
def test_each_level_has_its_rows_and_keeps_the_contract_columns(
    tmp_path: Path, level: str, n_min: int, n_max: int, key: str
) -> None:
    out = tmp_path / f"{level}.csv"
    code = main(["coverage", str(DATA / "coverage_small.csv"), "--level", level,
                 "--output", str(out)])  # fmt: skip
    assert code == 0
    rows = read(out)
    assert n_min <= len(rows) <= n_max
    header = list(rows[0])
    assert header[: len(KEYS[level])] == list(KEYS[level])
    assert header[len(KEYS[level]) : len(KEYS[level]) + len(CONTRACT)] == list(CONTRACT)
    assert key in header
    assert all(r["population"] and r["population_female"] for r in rows)


def test_unsurveyed_areas_are_empty_cells_and_a_survey_makes_them_known(tmp_path: Path) -> None:
    out = tmp_path / "kreis.csv"
    assert main(["coverage", str(DATA / "coverage_small.csv"), "--level", "kreis",
                 "--surveys", str(tmp_path / "none.csv"), "--output", str(out)]) == 2  # fmt: skip
    surveys = tmp_path / "surveys.csv"
    surveys.write_text(
        "area,scope,status,as_of,source_url,notes\n"
        "BY,womens_facility,complete,2026-11-30,https://example.org,test\n",
        encoding="utf-8",
    )
    assert main(["coverage", str(DATA / "coverage_small.csv"), "--level", "kreis",
                 "--surveys", str(surveys), "--output", str(out)]) == 0  # fmt: skip
    rows = {r["kreis_ags"]: r for r in read(out)}
    assert rows["09464"]["n_womens_facility"] != ""  # Hof (Stadt), Bayern: surveyed
    assert rows["09464"]["shelter_places_gap"] != ""
    hamburg = rows["02000"]  # not surveyed, no entries: empty, never 0
    assert hamburg["n_womens_facility"] == ""
    assert hamburg["shelter_places_gap"] == ""


def test_yardstick_changes_target_and_gap_units(tmp_path: Path) -> None:
    family, beds = tmp_path / "f.csv", tmp_path / "b.csv"
    for stick, path in (("coe_family_place_10k", family), ("de_beds_2_5_per_10k", beds)):
        assert main(["coverage", str(DATA / "coverage_small.csv"), "--level", "land",
                     "--yardstick", stick, "--output", str(path)]) == 0  # fmt: skip
    f = {r["state"]: float(r["shelter_places_target"]) for r in read(family)}
    b = {r["state"]: float(r["shelter_places_target"]) for r in read(beds)}
    assert b["BY"] == pytest.approx(2.5 * f["BY"])


def test_coverage_json_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["coverage", str(DATA / "coverage_small.csv"), "--format", "json",
                 "--min-population", "1000000"])  # fmt: skip
    assert code == 0
    records = json.loads(capsys.readouterr().out)
    by_city = {r["city"]: r for r in records}
    assert {"Berlin", "Hamburg", "Hof"} <= set(by_city)
    assert by_city["Hamburg"]["equality_office_required"] is None
    assert by_city["Hof"]["ags"] == "09464000"


def test_coverage_csv_neutralises_formulas(tmp_path: Path) -> None:
    src = tmp_path / "evil.csv"
    src.write_text(
        'name,category,city,state,networks\nX,equality_office,Köln,NW,"=HYPERLINK(""http://x"")"\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    assert main(["coverage", str(src), "--output", str(out), "--min-population", "10000000"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text
    assert ",=" not in text


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["coverage", "does-not-exist.csv"], 2, "not found"),
        (["coverage", str(DATA / "coverage_small.csv"), "--min-population", "-1"], 2, "0 or more"),
        (["coverage", str(DATA / "coverage_small.csv"), "--yardstick", "nope"], 2,
         "coe_family_place_10k"),
        (["coverage", str(DATA / "coverage_small.csv"), "--thresholds", "a,b"], 2, "30,50"),
    ],
)  # fmt: skip
def test_coverage_rejects(argv, code, message, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == code
    assert message in capsys.readouterr().err


def test_report_writes_a_german_workbook_with_data_dates(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from equality_map.cli import main

    out = tmp_path / "bericht.xlsx"
    assert main(["report", str(FIXTURE), "--output", str(out), "--stichtag", "31.12.2026"]) == 0
    book = load_workbook(out)
    assert book.sheetnames[:2] == ["Bestand Kreise", "Bestand Länder"]
    need = [c.value for c in book["Bedarf Kreise"][1]]
    assert any(str(h).endswith(": Lücke") and h.startswith("Europarat") for h in need)
    reach = book["Erreichbarkeit Kreise"]
    headers = [str(c.value) for c in reach[1]]
    assert not [h for h in headers if h.startswith(("share_", "nearest_"))]  # all labelled
    shares = [i for i, h in enumerate(headers, 1) if h.startswith("Frauen >")]
    assert shares
    assert reach.cell(row=2, column=shares[0]).number_format == "0.0 %"
    method = "\n".join(str(c.value) for row in book["Methode"].iter_rows() for c in row if c.value)
    assert "31.12.2026" in method
    assert "Einwohner 31.12.2022" in method
    assert "Stand der Daten" in method


def test_report_levels_and_bad_input(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    from equality_map.cli import main

    out = tmp_path / "l.xlsx"
    assert main(["report", str(FIXTURE), "--output", str(out), "--level", "land"]) == 0
    assert "Bestand Kreise" not in load_workbook(out).sheetnames
    assert main(["report", str(FIXTURE), "--output", str(out), "--level", "municipality",
                 "--lang", "en"]) == 0  # fmt: skip
    assert load_workbook(out).sheetnames[0] == "Stock municipalities"
    assert main(["report", str(FIXTURE), "--output", str(out), "--yardstick", "x"]) == 1
