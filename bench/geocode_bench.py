"""Benchmark of the geocoding layer (offline, plus a local fake Nominatim for request counts).

Run: .venv/bin/python bench/geocode_bench.py
Prints rows/s of the offline chain (20,000 demo rows over 2,000 municipalities), place
lookups/s in the official directory (uncached and cached; target >= 50,000/s), and the
request count of a run with 500 distinct street addresses against the fake server (must be
500, then 0 on re-run). The fake run uses an injected clock so the 1 request/s throttle is
honoured without waiting 500 s.
"""

from __future__ import annotations

import math
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from fake_nominatim import start_fake_nominatim  # noqa: E402

from equality_map import geocode as g  # noqa: E402
from equality_map.geocode_cache import GeocodeCache  # noqa: E402
from equality_map.nominatim import Throttle, nominatim_client  # noqa: E402
from equality_map.places import Places, load_places  # noqa: E402
from equality_map.settings import Settings  # noqa: E402

ROWS, MUNICIPALITIES, ADDRESSES = 20_000, 2_000, 500


def demo_rows(directory: Places, rows: int, n_places: int, seed: int = 0) -> pd.DataFrame:
    """`rows` entries without coordinates over `n_places` municipalities, spelt as people do."""
    rng = np.random.default_rng(seed)
    mun = directory.municipalities
    places = mun[mun["population"] >= 1000].sample(n_places, random_state=seed)
    picks = rng.integers(0, n_places, size=rows)
    names = places["display_name"].tolist()
    states = places["land"].tolist()
    spelt = [n.replace("ü", "ue").replace("ö", "oe").replace("ä", "ae") for n in names]
    cities = [spelt[p] if k % 3 == 0 else names[p] for k, p in enumerate(picks)]
    frame = pd.DataFrame(
        {
            "name": [f"Demo {k}" for k in range(rows)],
            "category": "counselling_centre",
            "street": [f"Demostraße {k % 50}" if k % 2 else "" for k in range(rows)],
            "postcode": "",
            "city": cities,
            "state": [states[p] if k % 2 else "" for k, p in enumerate(picks)],
            "lat": math.nan,
            "lon": math.nan,
            "geocode_precision": "",
            "geocode_source": "",
            "address_confidential": [k % 10 == 0 for k in range(rows)],
        }
    )
    frame.index = pd.RangeIndex(2, rows + 2, name="row")
    return frame


def main() -> None:
    """Print the figures."""
    t0 = time.perf_counter()
    directory = load_places()
    directory.resolve("Göttingen", "NI")
    print(
        f"directory load: {time.perf_counter() - t0:.2f} s "
        f"({len(directory.municipalities):,} municipalities)"
    )
    frame = demo_rows(directory, ROWS, MUNICIPALITIES)

    with tempfile.TemporaryDirectory() as tmp:
        cache_path = Path(tmp) / "cache.sqlite"
        GeocodeCache(cache_path).close()
        fresh = Places.from_directory()  # no lookups cached yet
        t0 = time.perf_counter()
        out, issues = g.geocode_offline(frame, places=fresh, cache=cache_path)
        seconds = time.perf_counter() - t0
        mapped = int(out["lat"].notna().sum())
        print(
            f"offline chain: {ROWS} rows over {MUNICIPALITIES} municipalities in {seconds:.3f} s"
            f" = {ROWS / seconds:,.0f} rows/s (first load); mapped {mapped}, warnings "
            f"{len(issues)}"
        )
        t0 = time.perf_counter()
        g.geocode_offline(frame, places=fresh, cache=cache_path)
        seconds = time.perf_counter() - t0
        print(f"offline chain, warm lookups: {ROWS / seconds:,.0f} rows/s ({seconds:.3f} s)")

    queries = list(zip(frame["city"], frame["state"], strict=True))
    fresh = Places.from_directory()
    fresh.resolve("Göttingen", "NI")  # builds the name index
    t0 = time.perf_counter()
    for city, state in queries:
        fresh._resolve(city, state)  # the matching itself, without the per-instance memo
    uncached = len(queries) / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    for city, state in queries:
        fresh.resolve(city, state or None)
    first = len(queries) / (time.perf_counter() - t0)
    t0 = time.perf_counter()
    for city, state in queries:
        fresh.resolve(city, state or None)
    cached = len(queries) / (time.perf_counter() - t0)
    print(
        f"place lookups: {uncached:,.0f}/s uncached, {first:,.0f}/s first pass with memo, "
        f"{cached:,.0f}/s memoised (target >= 50,000/s)"
    )

    fake = start_fake_nominatim()
    try:
        with tempfile.TemporaryDirectory() as tmp:
            cache = GeocodeCache(Path(tmp) / "cache.sqlite")
            rows = pd.concat([frame.head(ADDRESSES * 2)] * 1, ignore_index=True)
            rows["city"], rows["state"] = "Frankfurt am Main", "HE"
            rows["address_confidential"] = False
            rows["street"] = [f"Zeil {k % ADDRESSES}" for k in range(len(rows))]
            rows.index = pd.RangeIndex(2, len(rows) + 2, name="row")
            clock = [0.0]

            def sleep(seconds: float) -> None:
                clock[0] += seconds

            settings = Settings(
                nominatim_domain=fake.domain, nominatim_scheme="http", user_agent="bench/1 (b@x.de)"
            )
            for run in ("first run", "re-run"):
                before = fake.count
                online = nominatim_client(
                    settings, throttle=Throttle(clock=lambda: clock[0], sleep=sleep)
                )
                t0 = time.perf_counter()
                out, _ = g.geocode_frame(rows, cache=cache, online=online)
                print(
                    f"fake Nominatim, {len(rows)} rows with {ADDRESSES} distinct addresses, "
                    f"{run}: {fake.count - before} requests in {time.perf_counter() - t0:.2f} s "
                    f"(sources {g.source_counts(out)}; throttled time {clock[0]:.0f} s)"
                )
    finally:
        fake.server.shutdown()
        fake.server.server_close()


if __name__ == "__main__":
    main()
