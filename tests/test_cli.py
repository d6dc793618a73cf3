"""The command line: exit codes and the FILE:ROW: column COLUMN: message contract."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from equality_map.cli import main

DATA = Path(__file__).resolve().parents[1] / "data" / "facilities.csv"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "equality_map", *args], capture_output=True, text=True, check=False
    )


def test_bundled_data_validates():
    result = run("validate", str(DATA))
    assert result.returncode == 0, result.stdout
    assert " 0 errors" in result.stderr


def test_errors_exit_1_with_row_and_column(tmp_path: Path):
    path = tmp_path / "bad.csv"
    path.write_bytes(
        "Name;Kategorie;Stadt;Webseite\nA;Frauenhaus;Kassel;javascript:alert(1)\n".encode("cp1252")
    )
    result = run("validate", str(path))
    assert result.returncode == 1
    # the column as the file names it
    assert result.stdout.startswith(f"{path}:2: column Webseite: error: ")
    assert "Traceback" not in result.stderr


@pytest.mark.parametrize("content", [b"", b"\x00\x01\x02" * 100, b"name,category,city\n"])
def test_unreadable_exit_2(tmp_path: Path, content: bytes):
    path = tmp_path / "x.csv"
    path.write_bytes(content)
    result = run("validate", str(path))
    assert result.returncode == 2
    assert result.stdout.startswith(f"{path}: error: ")
    assert "Traceback" not in result.stderr


def test_missing_file_exit_2(tmp_path: Path):
    assert main(["validate", str(tmp_path / "none.csv")]) == 2


def test_json_format(tmp_path: Path, capsys: pytest.CaptureFixture[str]):
    path = tmp_path / "bad.csv"
    path.write_text("name,category,city,postcode\nA,Frauenhaus,Kassel,123\n", "utf-8")
    assert main(["--lang", "de", "validate", str(path), "--format", "json"]) == 1
    item, derived_id = json.loads(capsys.readouterr().out)
    assert derived_id["severity"] == "warning"
    assert item["row"] == 2
    assert item["column"] == "postcode"
    assert item["value"] == "123"
    assert item["severity"] == "error"
    assert "PLZ" in item["message"]
    assert item["file"] == str(path)


def test_demo_data_is_deterministic_and_valid(tmp_path: Path):
    a, b, c = tmp_path / "a.csv", tmp_path / "b.csv", tmp_path / "c.csv"
    assert main(["demo-data", "--rows", "300", "--output", str(a), "--seed", "7"]) == 0
    assert main(["demo-data", "--rows", "300", "--output", str(b), "--seed", "7"]) == 0
    assert main(["demo-data", "--rows", "300", "--output", str(c), "--seed", "8"]) == 0
    assert a.read_bytes() == b.read_bytes() != c.read_bytes()
    assert main(["validate", str(a)]) == 0
