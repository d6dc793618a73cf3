"""Benchmark: place identity and coverage at three levels for 20,000 demo entries.

Measures, after start-up (the official directory and boundaries loaded once):

1. resolving every entry to its municipality (AGS) by name and Land, as the loader's
   geocoding does (`geocode_offline`): budget 1 s for 20,000 entries;
2. coverage at all three levels (municipalities, 400 Kreise, 16 Länder) with reach,
   yardstick, legal duty and survey status (`coverage.compute`): budget 2 s;
3. the nearest-service search of the coverage (KD-tree, `geo.nearest_km`) against a naive
   Python double loop on a subset of municipalities, extrapolated linearly (O(cities x
   entries); the printout says so).

Run: .venv/bin/python bench/coverage_bench.py [--rows 20000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import math
import statistics
import time

import numpy as np

from equality_map import coverage as cov
from equality_map import geo
from equality_map.demo import make_demo_frame
from equality_map.geocode import geocode_offline
from equality_map.legal_rules import load_legal_rules
from equality_map.places import load_places
from equality_map.surveys import DEFAULT_SURVEYS_PATH, SurveyIndex, load_surveys
from equality_map.yardsticks import load_yardsticks


def _timed(repeat: int, run):  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - start)
    return result, times


def naive_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=20_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--naive-cities", type=int, default=300)
    args = parser.parse_args()

    start = time.perf_counter()
    places = load_places()
    places.resolve("Göttingen", "NI")  # builds the name index once
    rules = load_legal_rules()
    surveys = SurveyIndex(load_surveys(DEFAULT_SURVEYS_PATH))
    stick = load_yardsticks()["coe_family_place_10k"]
    print(f"start-up (directory, boundaries, rules, surveys): {time.perf_counter() - start:.2f} s")

    frame = make_demo_frame(args.rows, seed=args.seed, places=places)
    frame = frame.assign(ags="", lat=float("nan"), lon=float("nan"))  # resolve by name

    def resolve_all():  # type: ignore[no-untyped-def]
        places._cache.clear()  # every run resolves every name afresh (no memo from the last)
        return geocode_offline(frame, places=places)

    (located, _), times = _timed(args.repeat, resolve_all)
    resolved = int((located["ags"] != "").sum())
    print(
        f"resolve {len(frame):,} entries by name and Land to AGS: first {times[0]:.3f} s, "
        f"median {statistics.median(times):.3f} s (budget 1 s); resolved {resolved:,}"
    )

    options = cov.Options(stick)
    result, times = _timed(
        args.repeat, lambda: cov.compute(located, places, rules, surveys, options)
    )
    print(
        f"coverage at three levels ({len(result.municipalities):,} municipalities, "
        f"{len(result.kreise)} Kreise, {len(result.laender)} Länder): first {times[0]:.3f} s, "
        f"median {statistics.median(times):.3f} s (budget 2 s)"
    )

    centres = places.municipalities[["lat", "lon"]].dropna().to_numpy(dtype=float)
    targets = located[located["category"] == "counselling_centre"][["lat", "lon"]]
    targets = targets.dropna().to_numpy(dtype=float)
    _, times = _timed(args.repeat, lambda: geo.nearest_km(centres, targets))
    fast = statistics.median(times)
    subset = centres[: args.naive_cities]
    start = time.perf_counter()
    naive = [min(naive_km(a, b, c, d) for c, d in targets) for a, b in subset]
    naive_time = (time.perf_counter() - start) * len(centres) / len(subset)
    check, _ = geo.nearest_km(subset, targets)
    assert np.allclose(check, naive, atol=1e-6)
    print(
        f"nearest counselling centre for {len(centres):,} municipalities among "
        f"{len(targets):,}: KD-tree {fast:.3f} s; naive double loop about {naive_time:.1f} s "
        f"(measured on {len(subset)} municipalities, extrapolated); same distances"
    )


if __name__ == "__main__":
    main()
