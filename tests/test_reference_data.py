"""The official geography in data/: counts, sums, the Eisenach merger, sizes, and a rebuild."""

from __future__ import annotations

import csv
import filecmp
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
REFERENCE = ROOT.parent / "shared" / "reference"
GV100 = REFERENCE / "destatis" / "GV100AD_2023-11-30.txt"


def rows(name: str) -> list[dict[str, str]]:
    with open(DATA / name, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_counts_of_areas():
    municipalities, kreise, laender = (
        rows("municipalities.csv"),
        rows("kreise.csv"),
        rows("laender.csv"),
    )
    assert 10_770 <= len(municipalities) <= 10_790
    assert len(kreise) == 400
    assert len(laender) == 16
    assert all(len(m["ags"]) == 8 and m["ags"].isdigit() for m in municipalities)
    assert len({m["ags"] for m in municipalities}) == len(municipalities)
    assert {m["kreis_ags"] for m in municipalities} <= {k["kreis_ags"] for k in kreise}


def test_population_sums_match_each_other_and_the_expected_range():
    municipalities, kreise, laender = (
        rows("municipalities.csv"),
        rows("kreise.csv"),
        rows("laender.csv"),
    )
    total = sum(int(x["population"]) for x in laender)
    assert 83_200_000 <= total <= 84_400_000
    assert sum(int(x["population"]) for x in kreise) == total
    # municipalities leave out the few inhabited gemeindefreie Gebiete (a few thousand people)
    assert 0 <= total - sum(int(x["population"]) for x in municipalities) < 20_000
    women = sum(int(x["population_female"]) for x in laender)
    assert 0.49 < women / total < 0.52


@pytest.mark.skipif(not GV100.exists(), reason="reference files not present (../shared)")
def test_population_equals_the_destatis_file_total():
    text = GV100.read_text("utf-8").splitlines()
    file_total = sum(int(line[139:150] or 0) for line in text if line[:2] == "60")
    assert sum(int(x["population"]) for x in rows("laender.csv")) == file_total


def test_eisenach_belongs_to_the_wartburgkreis():
    eisenach = [m for m in rows("municipalities.csv") if m["display_name"] == "Eisenach"
                and m["land"] == "TH"]  # fmt: skip
    assert [m["kreis_ags"] for m in eisenach] == ["16063"]
    assert "16056" not in {k["kreis_ags"] for k in rows("kreise.csv")}
    kreise = json.loads((DATA / "boundaries" / "kreise.geojson").read_text("utf-8"))
    codes = [f["properties"]["ags"] for f in kreise["features"]]
    assert "16056" not in codes
    assert len(codes) == 400


@pytest.mark.parametrize("layer", ["laender", "kreise"])
def test_browser_layers_are_small(layer: str):
    path = DATA / "boundaries" / f"{layer}.geojson"
    assert path.stat().st_size <= 600 * 1024


def test_municipality_centres_lie_in_their_polygons():
    from equality_map.places import load_places

    places = load_places()
    sample = places.municipalities.iloc[::50]
    points = zip(sample["ags"], sample["lat"], sample["lon"], strict=True)
    inside = [places.resolve_point(lat, lon) == ags for ags, lat, lon in points]
    assert sum(inside) / len(inside) > 0.97


def test_the_source_notes_are_in_data_readme():
    text = (DATA / "README.md").read_text("utf-8")
    assert "© GeoBasis-DE / BKG 2021 (Daten verändert)" in text
    assert "Statistisches Bundesamt (Destatis), 2023" in text
    assert (
        "Vervielfältigung und Verbreitung, auch auszugsweise, mit Quellenangabe gestattet" in text
    )


BUILD_DEPS = all(importlib.util.find_spec(m) for m in ("shapefile", "pyproj", "topojson"))


@pytest.mark.slow
@pytest.mark.skipif(not REFERENCE.exists() or not BUILD_DEPS, reason="reference or build deps")
def test_rebuild_is_byte_identical(tmp_path: Path):
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_reference.py"), "--out", str(tmp_path)],
        check=True,
        capture_output=True,
    )
    names = ["municipalities.csv", "kreise.csv", "laender.csv", "place_aliases.csv",
             "boundaries/laender.geojson", "boundaries/kreise.geojson",
             "boundaries/gemeinden.geojson"]  # fmt: skip
    for name in names:
        assert filecmp.cmp(tmp_path / name, DATA / name, shallow=False), name
