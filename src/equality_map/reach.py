"""Reachability: how far women live from the nearest recorded shelter, counselling centre and
equality office, per municipality and weighted by women for Kreise and Länder.

Distances are great-circle ("Luftlinie") from the municipality's centre to the nearest
recorded entry of the category: a lower bound of the travel distance. A distance is a fact
only where every municipality within it is surveyed for that category (data/surveys.csv);
otherwise a nearer service may simply not be recorded, and the distance is an upper bound
("at most x km"). Both are computed with KD-trees, not a double loop.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from equality_map import geo

#: Categories whose distance is measured: column stem -> category key.
CATEGORIES: dict[str, str] = {
    "womens_shelter": "womens_shelter",
    "counselling_centre": "counselling_centre",
    "equality_office": "equality_office",
}
DEFAULT_THRESHOLDS_KM: tuple[int, ...] = (30, 50)


@dataclass(frozen=True)
class Reach:
    """Per municipality: distance, whether it is exact, and where the nearest entry is."""

    km: np.ndarray
    exact: np.ndarray
    nearest_city: np.ndarray


def nearest(
    centres: np.ndarray,
    targets: np.ndarray,
    target_cities: Sequence[str],
    surveyed: np.ndarray,
) -> Reach:
    """Distances from municipality `centres` (lat, lon) to the nearest of `targets`.

    `surveyed[i]` says whether municipality i is surveyed for the category. A distance d is
    exact when no unsurveyed municipality centre lies within d (the municipality itself
    included); without any recorded target the distance is unknown (NaN, not exact).
    """
    km, index = geo.nearest_km(centres, targets)
    cities = np.asarray(list(target_cities), dtype=object)
    nearest_city = np.where(index >= 0, cities[np.maximum(index, 0)] if len(cities) else "", "")
    unsurveyed = centres[~surveyed]
    if len(unsurveyed):
        gap_km, _ = geo.nearest_km(centres, unsurveyed)
        exact = surveyed & ~np.isnan(km) & (gap_km > km)
    else:
        exact = ~np.isnan(km)
    return Reach(km, exact, nearest_city)


def women_beyond(
    groups: pd.Series,
    women: pd.Series,
    km: pd.Series,
    exact: pd.Series,
    thresholds: Sequence[float] = DEFAULT_THRESHOLDS_KM,
) -> pd.DataFrame:
    """Per group (Kreis or Land): women-weighted reach figures.

    - `share_women_beyond_<t>km`: share of the group's women whose municipality is known to
      be more than t km (straight line) from the nearest service;
    - `share_women_distance_unknown`: share whose distance is not known as a fact (no
      survey within that distance, or no service recorded at all);
    - `mean_km_women`: women-weighted mean distance over the municipalities with a known one.
    """
    frame = pd.DataFrame(
        {
            "group": groups.to_numpy(),
            "women": women.astype(float).to_numpy(),
            "km": km.astype(float).to_numpy(),
            "exact": exact.astype(bool).to_numpy(),
        }
    )
    frame["known_women"] = frame["women"].where(frame["exact"], 0.0)
    frame["weighted_km"] = (frame["km"] * frame["women"]).where(frame["exact"], 0.0)
    grouped = frame.groupby("group", sort=True)
    total = grouped["women"].sum()
    known = grouped["known_women"].sum()
    out = pd.DataFrame(index=total.index)
    any_known = known > 0
    for threshold in thresholds:
        beyond = frame["women"].where(frame["exact"] & (frame["km"] > threshold), 0.0)
        share = beyond.groupby(frame["group"]).sum() / total.where(total > 0)
        # with no known distance at all the share is unknown, not 0
        out[f"share_women_beyond_{int(threshold)}km"] = share.where(any_known)
    out["share_women_distance_unknown"] = 1 - known / total.where(total > 0)
    out["mean_km_women"] = grouped["weighted_km"].sum() / known.where(known > 0)
    return out
