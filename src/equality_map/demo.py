"""Clearly synthetic demo entries over real German municipalities, for benchmarks and scale tests.

Every name starts with "Demo", every note says "synthetic", no entry has a source_url, and the
same seed always gives the same file.
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from equality_map import schema as s
from equality_map.load import empty_frame
from equality_map.places import Places, load_places

#: Share of each category among demo entries (roughly what a real dataset looks like).
CATEGORY_WEIGHTS: dict[str, float] = {
    "equality_office": 0.22,
    "labour_market_equality": 0.06,
    "womens_shelter": 0.10,
    "counselling_centre": 0.20,
    "girls_facility": 0.08,
    "womens_centre": 0.08,
    "antidiscrimination_office": 0.06,
    "alliance_partner": 0.14,
    "initiative": 0.06,
}
_TARGET_GROUPS = ("women", "girls", "single parents", "migrants", "older women", "LGBTIQ*")
_TOPICS = (
    "violence protection",
    "career choice",
    "work and family",
    "fair pay",
    "political participation",
    "health",
)
_NETWORKS = (
    "Demo-Bündnis für Alleinerziehende",
    "Demo-Initiative Klischeefrei",
    "Demo-Runder Tisch gegen häusliche Gewalt",
    "Demo-Netzwerk Frühe Hilfen",
)
_LANGUAGES = ("German", "English", "Turkish", "Arabic", "Russian", "Ukrainian", "Polish")
_WHEELCHAIR = ("yes", "no", "partial", "unknown")


def make_demo_frame(rows: int, seed: int = 0, places: Places | None = None) -> pd.DataFrame:
    """Return `rows` synthetic entries placed in municipalities in proportion to population."""
    if rows < 0:
        raise ValueError(f"rows must be 0 or more, got {rows}")
    directory = (places or load_places()).municipalities
    places_frame = directory[directory["population"] >= 1000].reset_index(drop=True)
    rng = np.random.default_rng(seed)
    weights = places_frame["population"].to_numpy(dtype=float)
    picks = rng.choice(len(places_frame), size=rows, p=weights / weights.sum())
    keys = list(CATEGORY_WEIGHTS)
    probs = np.array([CATEGORY_WEIGHTS[k] for k in keys])
    categories = rng.choice(len(keys), size=rows, p=probs / probs.sum())
    jitter = rng.normal(0.0, 0.012, size=(rows, 2))
    if rows == 0:
        return empty_frame()

    def pick(options: tuple[str, ...], k_max: int) -> list[str]:
        k = int(rng.integers(0, k_max + 1))
        return [options[i] for i in sorted(rng.choice(len(options), size=k, replace=False))]

    records = []
    for n in range(rows):
        place = places_frame.iloc[int(picks[n])]
        category = keys[int(categories[n])]
        shelter = category == "womens_shelter"
        label = s.CATEGORIES[category].label_de
        lat = float(place["lat"]) + (0.0 if shelter else float(jitter[n, 0]))
        lon = float(place["lon"]) + (0.0 if shelter else float(jitter[n, 1]))
        records.append(
            {
                s.ID: f"demo-{seed}-{n:06d}",
                s.NAME: f"Demo {label} {place['display_name']} {n}",
                s.CATEGORY: category,
                s.ORGANISATION: f"Demo-Träger {n % 97}",
                s.STREET: "" if shelter else f"Demostraße {1 + n % 120}",
                s.POSTCODE: "",
                s.CITY: str(place["display_name"]),
                s.STATE: str(place["land"]),
                s.AGS: str(place["ags"]),
                s.LAT: round(lat, 6),
                s.LON: round(lon, 6),
                s.GEOCODE_PRECISION: "city" if shelter else "street",
                s.GEOCODE_SOURCE: "csv",
                s.ADDRESS_CONFIDENTIAL: shelter,
                s.PHONE: f"0{1000 + n % 8999} {100000 + n}",
                s.EMAIL: f"demo{n}@example.org",
                s.WEBSITE: f"https://example.org/demo/{n}",
                s.TARGET_GROUPS: pick(_TARGET_GROUPS, 3),
                s.TOPICS: pick(_TOPICS, 3),
                s.NETWORKS: pick(_NETWORKS, 2),
                s.LANGUAGES: pick(_LANGUAGES, 3),
                s.WHEELCHAIR_ACCESSIBLE: _WHEELCHAIR[int(rng.integers(0, 4))],
                s.PLACES_WOMEN: int(rng.integers(4, 30)) if shelter else None,
                s.PLACES_CHILDREN: int(rng.integers(4, 40)) if shelter else None,
                s.SOURCE_URL: "",
                s.LAST_VERIFIED: pd.Timestamp("2026-01-01")
                - pd.Timedelta(days=int(rng.integers(0, 1100))),
                s.NOTES: "synthetic demo entry, not a real facility",
            }
        )
    frame = pd.DataFrame.from_records(records, columns=list(s.COLUMNS))
    frame.index = pd.RangeIndex(2, rows + 2, name="row")
    for column in s.COUNT_COLUMNS:
        frame[column] = frame[column].astype("Int64")
    return frame
