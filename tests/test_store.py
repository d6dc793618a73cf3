"""Saving: canonical UTF-8 CSV, atomic, lossless load -> save -> load."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from equality_map import schema as s
from equality_map.load import load_facilities
from equality_map.store import atomic_write_bytes, save_facilities

TODAY = date(2026, 11, 23)
DATA = Path(__file__).resolve().parents[1] / "data" / "facilities.csv"


def test_excel_file_round_trips_losslessly(tmp_path: Path):
    source = tmp_path / "excel.csv"
    source.write_bytes(
        (
            "Name;Kategorie;PLZ;Stadt;Breitengrad;Längengrad;Zielgruppen;Plätze;zuletzt geprüft;"
            "Adresse vertraulich;Eigene Spalte\r\n"
            'Frauenhaus Köln;Frauenhaus;;Köln;50,94;6,96;"Frauen; Kinder";12;01.02.2026;ja;x=1\r\n'
            "Büro;Frauenbüro;01067;Dresden;;;;;;;\r\n"
        ).encode("cp1252")
    )
    first = load_facilities(source, today=TODAY)
    out = tmp_path / "out.csv"
    save_facilities(first.frame, out)
    second = load_facilities(out, today=TODAY)
    pd.testing.assert_frame_equal(first.frame, second.frame)
    text = out.read_text("utf-8")
    assert text.splitlines()[0] == ",".join([*s.COLUMNS, "Eigene Spalte"])
    assert "Köln" in text
    assert "01067" in text
    assert second.errors == []


@pytest.mark.skipif(not DATA.exists(), reason="bundled data not present")
def test_bundled_data_round_trips(tmp_path: Path):
    first = load_facilities(DATA, today=TODAY)
    save_facilities(first.frame, tmp_path / "copy.csv")
    second = load_facilities(tmp_path / "copy.csv", today=TODAY)
    pd.testing.assert_frame_equal(first.frame, second.frame)


def test_atomic_write_replaces_and_keeps_mode(tmp_path: Path):
    path = tmp_path / "f.csv"
    path.write_bytes(b"old")
    os.chmod(path, 0o640)
    atomic_write_bytes(path, b"new")
    assert path.read_bytes() == b"new"
    assert path.stat().st_mode & 0o777 == 0o640
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.csv"]


def test_failed_write_leaves_old_file_and_no_temp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    path = tmp_path / "f.csv"
    path.write_bytes(b"old")

    def boom(*_args: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", boom)
    with pytest.raises(OSError, match="disk full"):
        atomic_write_bytes(path, b"new")
    assert path.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["f.csv"]


def test_new_files_get_the_usual_mode_not_0600(tmp_path: Path):
    old = os.umask(0o022)
    try:
        atomic_write_bytes(tmp_path / "new.html", b"<html></html>")
    finally:
        os.umask(old)
    assert (tmp_path / "new.html").stat().st_mode & 0o777 == 0o644
