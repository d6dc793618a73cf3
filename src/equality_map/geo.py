"""Distances on the sphere and nearest-neighbour search (one implementation for everything).

Great-circle distance with the mean Earth radius (IUGG, R = 6371.0088 km) as the data
contract fixes it; nearest targets through a KD-tree on 3-D unit vectors.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any

import numpy as np
from scipy.spatial import cKDTree

from equality_map import schema as s

#: Mean Earth radius (IUGG), as the data contract fixes it.
EARTH_RADIUS_KM = 6371.0088


def haversine_km(lat1: Any, lon1: Any, lat2: Any, lon2: Any) -> np.ndarray:
    """Great-circle distance in km (haversine, R = 6371.0088 km); arrays broadcast."""
    p1, p2 = np.radians(np.asarray(lat1, dtype=float)), np.radians(np.asarray(lat2, dtype=float))
    dphi = p2 - p1
    dlmb = np.radians(np.asarray(lon2, dtype=float) - np.asarray(lon1, dtype=float))
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
    return np.asarray(2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0))))


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km between two points (scalar `haversine_km`)."""
    return float(haversine_km(lat1, lon1, lat2, lon2))


def in_germany(lat: float, lon: float) -> bool:
    """Inside Germany's bounding box (with a small margin)."""
    la0, la1, lo0, lo1 = s.GERMANY_BBOX
    return la0 <= lat <= la1 and lo0 <= lon <= lo1


def _unit_vectors(lat: np.ndarray, lon: np.ndarray) -> np.ndarray:
    phi, lmb = np.radians(lat), np.radians(lon)
    return np.column_stack((np.cos(phi) * np.cos(lmb), np.cos(phi) * np.sin(lmb), np.sin(phi)))


def nearest_km(points: np.ndarray, targets: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """For each (lat, lon) point, the haversine distance to the nearest target and its index.

    A KD-tree on 3-D unit vectors finds the nearest target (chord length grows with the
    great-circle distance, so the nearest by chord is the nearest on the sphere); the distance
    is then computed exactly with `haversine_km`. Points with NaN coordinates, or no targets,
    give NaN and index -1.
    """
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    targets = np.asarray(targets, dtype=float).reshape(-1, 2)
    dist = np.full(len(points), np.nan)
    index = np.full(len(points), -1, dtype=np.int64)
    targets_ok = np.flatnonzero(~np.isnan(targets).any(axis=1))
    points_ok = np.flatnonzero(~np.isnan(points).any(axis=1))
    if len(targets_ok) == 0 or len(points_ok) == 0:
        return dist, index
    tree = cKDTree(_unit_vectors(targets[targets_ok, 0], targets[targets_ok, 1]))
    _, found = tree.query(_unit_vectors(points[points_ok, 0], points[points_ok, 1]), k=1)
    hit = targets_ok[np.asarray(found, dtype=np.int64)]
    index[points_ok] = hit
    dist[points_ok] = haversine_km(
        points[points_ok, 0], points[points_ok, 1], targets[hit, 0], targets[hit, 1]
    )
    return dist, index


def within_km(points: np.ndarray, centre: tuple[float, float], radius_km: float) -> np.ndarray:
    """Indexes of the (lat, lon) points within `radius_km` of `centre` (great circle)."""
    points = np.asarray(points, dtype=float).reshape(-1, 2)
    if len(points) == 0:
        return np.array([], dtype=np.int64)
    d = haversine_km(centre[0], centre[1], points[:, 0], points[:, 1])
    return np.flatnonzero(d <= radius_km)


def naive_nearest_km(
    points: Iterable[tuple[float, float]], targets: Iterable[tuple[float, float]]
) -> list[float]:
    """Nearest distance by a plain Python double loop (the benchmark's baseline)."""
    targets = [(la, lo) for la, lo in targets if not (math.isnan(la) or math.isnan(lo))]
    out: list[float] = []
    for plat, plon in points:
        best = math.inf
        p1 = math.radians(plat)
        for tlat, tlon in targets:
            p2 = math.radians(tlat)
            a = (
                math.sin((p2 - p1) / 2) ** 2
                + math.cos(p1) * math.cos(p2) * math.sin(math.radians(tlon - plon) / 2) ** 2
            )
            d = 2 * EARTH_RADIUS_KM * math.asin(math.sqrt(min(1.0, a)))
            best = min(best, d)
        out.append(best if targets else math.nan)
    return out
