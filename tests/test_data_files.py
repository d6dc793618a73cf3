"""Every shipped file in data/ validates with zero errors."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from equality_map.load import load_facilities

DATA_DIR = Path(__file__).resolve().parents[1] / "data"


def test_bundled_facilities_have_no_errors():
    result = load_facilities(DATA_DIR / "facilities.csv")
    assert [i.format() for i in result.errors] == []
    assert len(result.frame) > 0


def test_gazetteer_table_is_complete():
    """GeoNames places: the build script's source of aliases (not read by the app)."""
    frame = pd.read_csv(DATA_DIR / "gazetteer.csv", keep_default_na=False)
    assert len(frame) > 10_000
    assert set(frame["state"]) >= {"BW", "BY", "BE", "HB", "HH", "TH"}
    assert frame["lat"].between(47.2, 55.1).all()
    assert frame["lon"].between(5.8, 15.1).all()


@pytest.mark.parametrize("name", sorted(p.name for p in DATA_DIR.glob("*.csv")))
def test_every_csv_in_data_is_documented(name: str):
    assert name in (DATA_DIR / "README.md").read_text("utf-8")
