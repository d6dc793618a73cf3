"""`equality-map coverage FILE [--output OUT] [--format csv|json]`."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from equality_map.cli import main
from equality_map.coverage import CITY_COLUMNS

DATA = Path(__file__).parent / "data"


def test_coverage_csv_to_file(tmp_path: Path) -> None:
    out = tmp_path / "coverage.csv"
    assert main(["coverage", str(DATA / "coverage_small.csv"), "--output", str(out)]) == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert list(rows[0])[:15] == list(CITY_COLUMNS[:15])
    hof = next(r for r in rows if r["city"] == "Hof")
    assert hof["state"] == "BY"
    assert hof["has_equality_office"] == "true"
    assert hof["equality_office_required"] == "true"
    assert len(rows) > 1500  # every municipality >= 10,000 of the bundled gazetteer


def test_coverage_json_to_stdout(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["coverage", str(DATA / "coverage_small.csv"), "--format", "json",
                 "--min-population", "1000000"])  # fmt: skip
    assert code == 0
    records = json.loads(capsys.readouterr().out)
    by_city = {r["city"]: r for r in records}
    assert {"Berlin", "Hamburg", "Hof", "Nowhere"} <= set(by_city)
    assert by_city["Hamburg"]["equality_office_required"] is None
    assert by_city["Nowhere"]["population"] is None
    assert by_city["Hof"]["n_equality_office"] == 1


def test_coverage_csv_neutralises_formulas(tmp_path: Path) -> None:
    src = tmp_path / "evil.csv"
    src.write_text(
        'name,category,city,state\nX,equality_office,"=HYPERLINK(""http://x"")",NW\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.csv"
    assert main(["coverage", str(src), "--output", str(out), "--min-population", "10000000"]) == 0
    text = out.read_text(encoding="utf-8")
    assert "'=HYPERLINK" in text
    assert "\n=" not in text
    assert ",=" not in text


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["coverage", "does-not-exist.csv"], 2),
        (["coverage", str(DATA / "coverage_small.csv"), "--min-population", "-1"], 2),
    ],
)
def test_coverage_rejects(argv: list[str], code: int, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(argv) == code
    assert capsys.readouterr().err
