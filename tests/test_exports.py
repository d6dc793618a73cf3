import csv
import io
import json
from datetime import date

import pytest

from equality_map import exports
from equality_map.load import load_facilities


@pytest.fixture(scope="module")
def frame():
    return load_facilities("tests/data/map_fixture.csv", today=date(2026, 1, 1)).frame


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+49 30", "'+49 30"),
        ("-x", "'-x"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Kassel", "Kassel"),
        ("", ""),
        ("a=b", "a=b"),
    ],
)
def test_neutralise_cell(cell, expected):
    assert exports.neutralise_cell(cell) == expected


def test_csv_is_public_and_neutralised(frame):
    data = exports.to_safe_csv_bytes(frame).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(data)))
    assert len(rows) == len(frame)
    shelter = next(r for r in rows if r["id"] == "ks-fh")
    assert shelter["street"] == ""
    assert shelter["postcode"] == ""
    assert "Geheimweg" not in data
    xss = next(r for r in rows if r["id"] == "ks-xss")
    assert xss["notes"].startswith("'=")


def test_geojson(frame):
    gj = json.loads(exports.to_geojson_bytes(frame))
    assert gj["type"] == "FeatureCollection"
    assert len(gj["features"]) == len(frame) - 1  # one row has no coordinates
    shelter = next(f for f in gj["features"] if f["properties"]["id"] == "ks-fh")
    assert shelter["properties"]["street"] == ""
    assert shelter["geometry"]["coordinates"] == [9.4797, 51.3127]
    assert "Geheimweg" not in json.dumps(gj)


def test_display_frame_has_public_address(frame):
    table = exports.display_frame(frame, "de")
    assert "Adresse vertraulich, Kassel" in set(table["Adresse"])
    assert not table.apply(lambda col: col.astype(str).str.contains("Geheimweg")).any().any()
