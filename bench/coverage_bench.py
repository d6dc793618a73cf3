"""Benchmark: coverage table for all municipalities >= 10,000 with 20,000 demo entries.

Prints the time of `coverage_by_city` (KD-tree nearest search, vectorised counts) next to a
naive Python double loop computing the three nearest_* distances on the same data. The naive
loop is run on a subset of municipalities and extrapolated linearly (it is O(cities x entries));
the printout says so.

Run: PYTHONPATH=src python bench/coverage_bench.py [--rows 20000] [--naive-cities 200]
"""

from __future__ import annotations

import argparse
import statistics
import time
from datetime import date

from equality_map.coverage import (
    NEAREST_CATEGORIES,
    coverage_by_city,
    load_legal_rules,
    naive_nearest_km,
)
from equality_map.demo import make_demo_frame
from equality_map.gazetteer import load_gazetteer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--naive-cities", type=int, default=200)
    args = parser.parse_args()

    gaz = load_gazetteer().municipalities(0)
    rules = load_legal_rules()
    frame = make_demo_frame(args.rows, seed=args.seed)
    today = date(2026, 1, 1)

    times = []
    table = None
    for _ in range(args.repeat):
        start = time.perf_counter()
        table = coverage_by_city(frame, gaz, rules, min_population=10_000, today=today)
        times.append(time.perf_counter() - start)
    assert table is not None
    n_big = int((table["population"].fillna(0) >= 10_000).sum())
    print(
        f"entries: {len(frame):,}; table rows: {len(table):,} "
        f"({n_big:,} municipalities >= 10,000 plus smaller places with entries)"
    )
    print(
        f"coverage_by_city: first run {times[0]:.3f} s, median of {args.repeat} "
        f"{statistics.median(times):.3f} s (budget 2 s)"
    )

    # naive baseline: the three nearest_* columns by a Python double loop
    cities = table[["lat", "lon"]].dropna().to_numpy()
    subset = cities[: args.naive_cities]
    start = time.perf_counter()
    naive_results = {}
    for stem, category in NEAREST_CATEGORIES.items():
        sel = frame[frame["category"] == category]
        targets = list(zip(sel["lat"], sel["lon"], strict=True))
        naive_results[stem] = naive_nearest_km([tuple(p) for p in subset], targets)
    naive = time.perf_counter() - start
    full = naive * len(cities) / max(1, len(subset))
    print(
        f"naive double loop (nearest_* only): {naive:.3f} s for {len(subset):,} of "
        f"{len(cities):,} places -> extrapolated {full:.1f} s for all"
    )
    # same numbers as the table (first places of the table)
    for stem, values in naive_results.items():
        got = table[f"nearest_{stem}_km"].dropna().to_numpy()[: len(values)]
        worst = max(abs(a - b) for a, b in zip(got, values, strict=True))
        print(f"  nearest_{stem}_km: max |table - naive| = {worst:.4f} km")
    print(f"speed-up (nearest_* alone vs. whole table): {full / statistics.median(times):.0f}x")


if __name__ == "__main__":
    main()
