"""Coverage indicators per municipality and per Land (pure: no Streamlit, no I/O but file reads).

One row per municipality of the gazetteer with at least `min_population` inhabitants plus one
row per other place that has entries, so cities without any entry show up as gaps instead of
vanishing. Definitions and the score formula are in the README ("Coverage indicators") and are
returned in plain words by `score_formula_text`.
"""

from __future__ import annotations

import csv
import math
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
from scipy.spatial import cKDTree

from equality_map import schema as s
from equality_map.load import STALE_AFTER_DAYS

#: Mean Earth radius (IUGG), as the data contract fixes it.
EARTH_RADIUS_KM = 6371.0088
DEFAULT_MIN_POPULATION = 10_000
DEFAULT_RULES_PATH = Path(__file__).resolve().parents[2] / "data" / "legal_rules.csv"

#: Council of Europe minimum standard (Explanatory Report to the Istanbul Convention, § 135,
#: citing the 2008 CoE minimum standards): one family place per 10,000 inhabitants.
SHELTER_FAMILY_PLACES_PER_10K = 1.0
#: German practice: one family place = 2.5 beds (one woman, 1.5 children), i.e. 2.5 places for
#: women and children per 10,000 inhabitants (the figure Land ministries and the epd survey of
#: Nov 2024 use). Shown for reference only: `capacity` counts places for women.
SHELTER_BEDS_PER_10K_DE = 2.5
#: Entries verified within 24 months count as fresh; measured in days as the loader's
#: "stale" warning does (730 days), so the two never disagree.
FRESH_MONTHS = 24
FRESH_DAYS = STALE_AFTER_DAYS
#: Counselling component of the score falls linearly from 1 at 0 km to 0 at this distance.
COUNSELLING_ZERO_KM = 50.0
#: Size classes (inhabitants, lower bounds) for filtering: label keys used by the page.
SIZE_CLASSES: tuple[tuple[int, str], ...] = (
    (0, "< 10k"),
    (10_000, "10k–20k"),
    (20_000, "20k–50k"),
    (50_000, "50k–100k"),
    (100_000, "100k–500k"),
    (500_000, "≥ 500k"),
)
#: Categories whose nearest entry is measured: output column stem -> category key.
NEAREST_CATEGORIES: dict[str, str] = {
    "equality_office": "equality_office",
    "womens_shelter": "womens_shelter",
    "counselling_centre": "counselling_centre",
}

#: Column order of the per-city table (contract columns first).
CITY_COLUMNS: tuple[str, ...] = (
    "city",
    "state",
    "population",
    "n_equality_office",
    "n_womens_facility",
    "n_alliance_partner",
    "has_equality_office",
    "equality_office_required",
    "shelter_places",
    "shelter_places_target",
    "shelter_places_gap",
    "nearest_equality_office_km",
    "nearest_womens_shelter_km",
    "nearest_counselling_centre_km",
    "coverage_score",
    # more, as useful
    "size_class",
    "in_gazetteer",
    "lat",
    "lon",
    "n_entries",
    *(f"n_cat_{c}" for c in s.CATEGORIES),
    *(f"per100k_{g}" for g in s.GROUPS),
    "equality_office_missing",
    "equality_office_law",
    "n_womens_shelter_without_capacity",
    "shelter_beds_target_de",
    "nearest_equality_office_city",
    "nearest_womens_shelter_city",
    "nearest_counselling_centre_city",
    "networks",
    "n_networks",
    "n_verified_24m",
    "share_verified_24m",
)


# --- legal rules -------------------------------------------------------------------------------


@dataclass(frozen=True)
class LegalRule:
    """A Land's rule on who must appoint a municipal equality officer (data/legal_rules.csv)."""

    state: str
    who_must_appoint: str
    threshold: int | None
    threshold_operator: str
    status_municipalities: tuple[str, ...]
    otherwise_required: bool | None
    full_time: str
    law: str
    source_url: str
    wording_checked: str
    notes: str

    def required(self, population: float | None, *, has_status: bool = False) -> bool | None:
        """True/False where the rule decides, None where it is unknown.

        `has_status` says the municipality is one of `status_municipalities` (e.g. a kreisfreie
        Stadt in Bayern); `status_positions` resolves those names against the gazetteer.
        """
        if has_status:
            return True
        if self.threshold is not None:
            if population is None or (isinstance(population, float) and math.isnan(population)):
                return None
            if self.threshold_operator == ">=":
                return bool(population >= self.threshold)
            return bool(population > self.threshold)
        return self.otherwise_required


class LegalRulesError(ValueError):
    """The legal rules table is malformed; the message says which row and how to fix it."""


_RULE_COLUMNS = (
    "state",
    "who_must_appoint",
    "threshold",
    "threshold_operator",
    "status_municipalities",
    "otherwise_required",
    "full_time",
    "law",
    "source_url",
    "wording_checked",
    "notes",
)


def load_legal_rules(path: str | Path = DEFAULT_RULES_PATH) -> dict[str, LegalRule]:
    """Read data/legal_rules.csv into one LegalRule per Land code; raise LegalRulesError if bad."""
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in _RULE_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise LegalRulesError(f"{path}: missing columns {missing}; expected {_RULE_COLUMNS}")
        rules: dict[str, LegalRule] = {}
        for line, row in enumerate(reader, start=2):
            rules_row = parse_rule(row, f"{path}:{line}")
            if rules_row.state in rules:
                raise LegalRulesError(f"{path}:{line}: Land {rules_row.state} appears twice")
            rules[rules_row.state] = rules_row
    return rules


def parse_rule(row: Mapping[str, str], where: str = "rule") -> LegalRule:
    """Validate one row of the legal rules table."""
    state = s.canonical_state(row.get("state", "") or "")
    if state is None:
        raise LegalRulesError(f"{where}: state {row.get('state')!r} is not a Land code (e.g. NW)")
    raw_threshold = (row.get("threshold") or "").strip()
    threshold: int | None = None
    if raw_threshold:
        if not raw_threshold.isdigit():
            raise LegalRulesError(
                f"{where}: threshold {raw_threshold!r} must be a whole number of inhabitants "
                "without separators (e.g. 20000), or empty"
            )
        threshold = int(raw_threshold)
    operator = (row.get("threshold_operator") or "").strip()
    if threshold is not None and operator not in (">", ">="):
        raise LegalRulesError(f"{where}: threshold_operator must be '>' or '>=', got {operator!r}")
    otherwise_raw = (row.get("otherwise_required") or "").strip().lower()
    if otherwise_raw not in ("", "true", "false"):
        raise LegalRulesError(
            f"{where}: otherwise_required must be true, false or empty, got {otherwise_raw!r}"
        )
    otherwise = None if otherwise_raw == "" else otherwise_raw == "true"
    status = tuple(
        n.strip() for n in (row.get("status_municipalities") or "").split(";") if n.strip()
    )
    return LegalRule(
        state=state,
        who_must_appoint=(row.get("who_must_appoint") or "").strip(),
        threshold=threshold,
        threshold_operator=operator,
        status_municipalities=status,
        otherwise_required=otherwise,
        full_time=(row.get("full_time") or "").strip(),
        law=(row.get("law") or "").strip(),
        source_url=(row.get("source_url") or "").strip(),
        wording_checked=(row.get("wording_checked") or "").strip(),
        notes=(row.get("notes") or "").strip(),
    )


def rules_frame(rules: Mapping[str, LegalRule]) -> pd.DataFrame:
    """The rules as a table (one row per Land) for display."""
    return pd.DataFrame(
        [
            {
                "state": r.state,
                "who_must_appoint": r.who_must_appoint,
                "threshold": r.threshold,
                "threshold_operator": r.threshold_operator,
                "status_municipalities": "; ".join(r.status_municipalities),
                "law": r.law,
                "source_url": r.source_url,
                "notes": r.notes,
            }
            for r in rules.values()
        ]
    )


# --- names -------------------------------------------------------------------------------------

_PAREN = re.compile(r"\s*\(.*?\)")
_SUFFIX = re.compile(r"\s+(?:in der|in|an der|am|a\.|i\.|i\. ?d\.|ob der)\s.*$")
_SANKT = re.compile(r"^st\.?\s*(?=\w)")


@lru_cache(maxsize=200_000)
def match_key(name: str) -> str:
    """Folded name for matching: 'St. Wendel' and 'Sankt Wendel' give the same key."""
    folded = re.sub(r"\s+", " ", s.fold(name).strip())
    return _SANKT.sub("sankt ", folded)


@lru_cache(maxsize=200_000)
def _base_name(name: str) -> str:
    """Match key without bracketed or locational suffixes ('Kempten (Allgäu)' -> 'kempten')."""
    folded = _PAREN.sub("", match_key(name))
    folded = _SUFFIX.sub("", folded)
    return re.sub(r"\s+", " ", folded).strip()


class _NameIndex:
    """(match key, Land) -> position in a gazetteer frame; larger places win ties.

    Primary names first, then names without suffixes; alternate names (e.g. "München" for a
    row named "Munich") are indexed only when a lookup misses, because folding all of them
    is the slowest step.
    """

    def __init__(self, gaz: pd.DataFrame) -> None:
        self.gaz = gaz
        self.order = np.argsort(-gaz["population"].to_numpy(dtype=float), kind="stable")
        self.states = gaz["state"].astype(str).to_numpy()
        names = gaz["name"].astype(str).to_numpy()
        self.primary: dict[tuple[str, str], int] = {}
        self.by_name: dict[str, int] = {}
        for pos in self.order:
            key = match_key(names[pos])
            self.primary.setdefault((key, self.states[pos]), int(pos))
            self.by_name.setdefault(key, int(pos))
        for pos in self.order:
            self.primary.setdefault((_base_name(names[pos]), self.states[pos]), int(pos))
        self._alternates: dict[tuple[str, str], int] | None = None

    def alternates(self) -> dict[tuple[str, str], int]:
        if self._alternates is None:
            index: dict[tuple[str, str], int] = {}
            if "alternatenames" in self.gaz.columns:
                column = self.gaz["alternatenames"].to_numpy()
                for pos in self.order:
                    alts = column[pos]
                    if isinstance(alts, str):
                        alts = alts.split("|") if alts else []
                    for alt in alts or ():
                        index.setdefault((match_key(str(alt)), self.states[pos]), int(pos))
            self._alternates = index
        return self._alternates

    def find(self, city: str, state: str) -> int:
        """Position of the municipality, or -1."""
        key = match_key(city)
        if not state:  # no Land given: the largest place of that name anywhere
            return self.by_name.get(key, -1)
        pos = self.primary.get((key, state), self.primary.get((_base_name(city), state), -1))
        if pos < 0:
            pos = self.alternates().get((key, state), -1)
        return pos


_INDEX_CACHE: dict[tuple[int, int, int], _NameIndex] = {}


def _name_index(gaz: pd.DataFrame) -> _NameIndex:
    fingerprint = (
        len(gaz),
        int(pd.util.hash_pandas_object(gaz["name"], index=False).sum() % (2**61)),
        int(pd.util.hash_pandas_object(gaz["state"], index=False).sum() % (2**61)),
    )
    index = _INDEX_CACHE.get(fingerprint)
    if index is None:
        if len(_INDEX_CACHE) >= 4:
            _INDEX_CACHE.clear()
        index = _INDEX_CACHE[fingerprint] = _NameIndex(gaz)
    return index


def status_positions(
    rules: Mapping[str, LegalRule], gaz: pd.DataFrame
) -> tuple[set[int], list[tuple[str, str]]]:
    """Gazetteer positions of all status municipalities, and the (Land, name) pairs not found."""
    index = _name_index(gaz)
    found: set[int] = set()
    missing: list[tuple[str, str]] = []
    for rule in rules.values():
        for name in rule.status_municipalities:
            pos = index.find(name, rule.state)
            if pos < 0:
                missing.append((rule.state, name))
            else:
                found.add(pos)
    return found, missing


def _match_cities(cities: pd.Series, states: pd.Series, gaz: pd.DataFrame) -> np.ndarray:
    """Position in `gaz` for each (city, state) pair, -1 where there is no match."""
    index = _name_index(gaz)
    pairs = pd.MultiIndex.from_arrays([cities.astype(str), states.astype(str)])
    codes, uniques = pd.factorize(pairs)
    resolved = np.array([index.find(c, st) for c, st in uniques], dtype=np.int64)
    return resolved[codes] if len(codes) else np.array([], dtype=np.int64)


# --- distances ---------------------------------------------------------------------------------


def haversine_km(lat1: Any, lon1: Any, lat2: Any, lon2: Any) -> np.ndarray:
    """Great-circle distance in km (haversine, R = 6371.0088 km); arrays broadcast."""
    p1, p2 = np.radians(np.asarray(lat1, dtype=float)), np.radians(np.asarray(lat2, dtype=float))
    dphi = p2 - p1
    dlmb = np.radians(np.asarray(lon2, dtype=float) - np.asarray(lon1, dtype=float))
    a = np.sin(dphi / 2) ** 2 + np.cos(p1) * np.cos(p2) * np.sin(dlmb / 2) ** 2
    return np.asarray(2 * EARTH_RADIUS_KM * np.arcsin(np.sqrt(np.clip(a, 0.0, 1.0))))


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


# --- the per-city table ------------------------------------------------------------------------


def size_class(population: float | None) -> str:
    """The size class label of a population ('' when unknown)."""
    if population is None or (isinstance(population, float) and math.isnan(population)):
        return ""
    label = SIZE_CLASSES[0][1]
    for lower, name in SIZE_CLASSES:
        if population >= lower:
            label = name
    return label


def _today(today: date | None) -> pd.Timestamp:
    return pd.Timestamp(today or date.today()).normalize()


def coverage_by_city(
    frame: pd.DataFrame,
    gazetteer_frame: pd.DataFrame,
    rules: Mapping[str, LegalRule] | None = None,
    *,
    min_population: int = DEFAULT_MIN_POPULATION,
    today: date | None = None,
    locate_from_gazetteer: bool = True,
) -> pd.DataFrame:
    """One row of indicators per municipality (see module docstring and README).

    `frame` is a loaded data source (`load_facilities(...).frame`); `gazetteer_frame` is
    `load_gazetteer().municipalities()` (all sizes, so small places with entries get their
    population). Entries without lat/lon take their municipality's gazetteer point when
    `locate_from_gazetteer` is true (city precision); entries that stay without coordinates
    do not count for the nearest_* distances.
    """
    if min_population < 0:
        raise ValueError(f"min_population must be 0 or more, got {min_population}")
    rules = rules if rules is not None else load_legal_rules()
    gaz = gazetteer_frame.reset_index(drop=True)
    gaz_pop = gaz["population"].to_numpy(dtype=float)
    entries = frame
    n_entries = len(entries)

    # 1. match entries to gazetteer municipalities; unmatched places get their own key.
    cities = entries[s.CITY].astype(str).str.strip() if n_entries else pd.Series([], dtype=str)
    states = (
        entries[s.STATE].fillna("").astype(str).str.strip()
        if n_entries
        else pd.Series([], dtype=str)
    )
    pos = _match_cities(cities, states, gaz) if n_entries else np.array([], dtype=np.int64)
    folded = cities.map(match_key).to_numpy(dtype=object)
    keys = np.where(
        pos >= 0,
        pd.Series(pos).map(lambda p: f"g{p}").to_numpy(dtype=object),
        pd.Series([f"x|{st}|{f}" for st, f in zip(states, folded, strict=True)]).to_numpy(
            dtype=object
        )
        if n_entries
        else np.array([], dtype=object),
    )

    # 2. the row set: gazetteer municipalities >= min_population, plus every place with entries.
    base_pos = np.flatnonzero(gaz_pop >= min_population)
    matched_pos = np.unique(pos[pos >= 0])
    all_pos = np.union1d(base_pos, matched_pos).astype(np.int64)
    rows = pd.DataFrame(
        {
            "key": [f"g{p}" for p in all_pos],
            "city": gaz["name"].to_numpy()[all_pos].astype(str),
            "state": gaz["state"].to_numpy()[all_pos].astype(str),
            "population": gaz_pop[all_pos],
            "lat": gaz["lat"].to_numpy(dtype=float)[all_pos],
            "lon": gaz["lon"].to_numpy(dtype=float)[all_pos],
            "in_gazetteer": True,
        }
    )
    if n_entries and (pos < 0).any():
        unmatched = pd.DataFrame(
            {"key": keys[pos < 0], "city": cities.to_numpy()[pos < 0], "state": states[pos < 0]}
        )
        # the most frequent spelling names the row
        first = (
            unmatched.groupby(["key", "city"], sort=False)
            .size()
            .rename("n")
            .reset_index()
            .sort_values(["key", "n"], ascending=[True, False], kind="stable")
            .drop_duplicates("key")
        )
        extra = first[["key", "city"]].merge(
            unmatched.drop_duplicates("key")[["key", "state"]], on="key"
        )
        extra["population"] = np.nan
        extra["lat"] = np.nan
        extra["lon"] = np.nan
        extra["in_gazetteer"] = False
        rows = pd.concat([rows, extra], ignore_index=True)
    rows = rows.set_index("key")

    # 3. counts per group and category.
    work = pd.DataFrame(
        {
            "key": keys,
            "category": entries[s.CATEGORY].to_numpy() if n_entries else [],
        }
    )
    work["group"] = work["category"].map(
        lambda c: s.CATEGORIES[c].group if c in s.CATEGORIES else ""
    )
    rows["n_entries"] = work.groupby("key").size().reindex(rows.index, fill_value=0)
    for group in s.GROUPS:
        counts = work[work["group"] == group].groupby("key").size()
        rows[f"n_{group}"] = counts.reindex(rows.index, fill_value=0).astype(int)
    for category in s.CATEGORIES:
        counts = work[work["category"] == category].groupby("key").size()
        rows[f"n_cat_{category}"] = counts.reindex(rows.index, fill_value=0).astype(int)
    per_pop = rows["population"].where(rows["population"] > 0)
    for group in s.GROUPS:
        rows[f"per100k_{group}"] = rows[f"n_{group}"] / per_pop * 100_000

    # 4. equality office: present, required by the Land's law, missing.
    rows["has_equality_office"] = rows["n_cat_equality_office"] > 0
    with_status, _ = status_positions(rules, gaz)
    row_pos = [int(k[1:]) if k.startswith("g") else -1 for k in rows.index]
    required = [
        rules[st].required(None if math.isnan(p) else p, has_status=rp in with_status)
        if st in rules
        else None
        for rp, st, p in zip(row_pos, rows["state"], rows["population"], strict=True)
    ]
    rows["equality_office_required"] = pd.array(required, dtype="boolean")
    rows["equality_office_missing"] = (
        rows["equality_office_required"] & ~rows["has_equality_office"]
    ).astype("boolean")
    rows["equality_office_law"] = rows["state"].map(lambda st: rules[st].law if st in rules else "")

    # 5. shelter places against the Council of Europe standard.
    is_shelter = (work["category"] == "womens_shelter").to_numpy()
    capacity = (
        entries[s.CAPACITY].astype("Float64").to_numpy(dtype=float, na_value=np.nan)
        if n_entries
        else np.array([], dtype=float)
    )
    shelters = pd.DataFrame({"key": keys[is_shelter], "capacity": capacity[is_shelter]})
    rows["shelter_places"] = (
        shelters.groupby("key")["capacity"].sum(min_count=0).reindex(rows.index, fill_value=0)
    ).astype(int)
    rows["n_womens_shelter_without_capacity"] = (
        (shelters[shelters["capacity"].isna()].groupby("key").size())
        .reindex(rows.index, fill_value=0)
        .astype(int)
    )
    rows["shelter_places_target"] = rows["population"] / 10_000 * SHELTER_FAMILY_PLACES_PER_10K
    rows["shelter_places_gap"] = (rows["shelter_places_target"] - rows["shelter_places"]).clip(
        lower=0
    )
    # Shelters without a stated capacity: the places are a lower bound, so a gap above zero is
    # not known (empty, and left out of the gap list) instead of overstated.
    unknown = (rows["n_womens_shelter_without_capacity"] > 0) & (rows["shelter_places_gap"] > 0)
    rows.loc[unknown, "shelter_places_gap"] = np.nan
    rows["shelter_beds_target_de"] = rows["population"] / 10_000 * SHELTER_BEDS_PER_10K_DE

    # 6. nearest entries of selected categories (across borders).
    entry_lat = entries[s.LAT].to_numpy(dtype=float) if n_entries else np.array([], dtype=float)
    entry_lon = entries[s.LON].to_numpy(dtype=float) if n_entries else np.array([], dtype=float)
    if locate_from_gazetteer and n_entries:
        missing = np.isnan(entry_lat) | np.isnan(entry_lon)
        fill = missing & (pos >= 0)
        entry_lat = entry_lat.copy()
        entry_lon = entry_lon.copy()
        entry_lat[fill] = gaz["lat"].to_numpy(dtype=float)[pos[fill]]
        entry_lon[fill] = gaz["lon"].to_numpy(dtype=float)[pos[fill]]
    points = rows[["lat", "lon"]].to_numpy(dtype=float)
    entry_city = cities.to_numpy(dtype=object) if n_entries else np.array([], dtype=object)
    for stem, category in NEAREST_CATEGORIES.items():
        sel = np.flatnonzero((work["category"] == category).to_numpy())
        dist, idx = nearest_km(points, np.column_stack((entry_lat[sel], entry_lon[sel])))
        rows[f"nearest_{stem}_km"] = dist
        rows[f"nearest_{stem}_city"] = np.where(
            idx >= 0, entry_city[sel][np.maximum(idx, 0)] if len(sel) else "", ""
        )

    # 7. networks and freshness.
    if n_entries:
        nets = pd.DataFrame({"key": keys, "net": entries[s.NETWORKS].to_numpy()}).explode("net")
        nets = nets[nets["net"].notna() & (nets["net"].astype(str).str.strip() != "")]
        nets = nets.assign(net=nets["net"].astype(str).str.strip()).drop_duplicates()
        joined = nets.groupby("key")["net"].agg(lambda v: "; ".join(sorted(v)))
        rows["networks"] = joined.reindex(rows.index, fill_value="")
        rows["n_networks"] = nets.groupby("key").size().reindex(rows.index, fill_value=0)
        age_days = (_today(today) - entries[s.LAST_VERIFIED]).dt.days
        fresh = (age_days <= FRESH_DAYS).fillna(False).to_numpy(dtype=bool)
        rows["n_verified_24m"] = (
            pd.Series(fresh, index=keys).groupby(level=0).sum().reindex(rows.index, fill_value=0)
        ).astype(int)
    else:
        rows["networks"] = ""
        rows["n_networks"] = 0
        rows["n_verified_24m"] = 0
    rows["n_networks"] = rows["n_networks"].astype(int)
    rows["share_verified_24m"] = rows["n_verified_24m"] / rows["n_entries"].where(
        rows["n_entries"] > 0
    )

    rows["size_class"] = rows["population"].map(size_class)
    rows["coverage_score"] = coverage_score(rows)
    decimals = {
        **{f"nearest_{stem}_km": 3 for stem in NEAREST_CATEGORIES},
        **{f"per100k_{g}": 3 for g in s.GROUPS},
        "shelter_places_target": 4,
        "shelter_places_gap": 4,
        "shelter_beds_target_de": 4,
        "share_verified_24m": 4,
    }
    rows = rows.round(decimals)
    table = rows.reset_index(drop=True)[list(CITY_COLUMNS)]
    table["population"] = table["population"].astype("Int64")
    return table.sort_values(
        ["state", "population", "city"], ascending=[True, False, True], na_position="last"
    ).reset_index(drop=True)


def score_components(table: pd.DataFrame) -> pd.DataFrame:
    """The four score components, each 0..1 (see `score_formula_text`)."""
    target = table["shelter_places_target"].astype(float)
    places = table["shelter_places"].astype(float)
    shelter = np.where(target > 0, np.minimum(1.0, places / target.where(target > 0)), np.nan)
    dist = table["nearest_counselling_centre_km"].astype(float)
    counselling = np.where(dist.isna(), 0.0, np.clip(1.0 - dist / COUNSELLING_ZERO_KM, 0.0, 1.0))
    return pd.DataFrame(
        {
            "office": table["has_equality_office"].astype(float),
            "shelter": shelter,
            "counselling": counselling,
            "freshness": table["share_verified_24m"].astype(float).fillna(0.0),
        },
        index=table.index,
    )


def coverage_score(table: pd.DataFrame) -> pd.Series:
    """25 points each for office, shelter places, counselling distance and freshness (0-100).

    Empty where the population is unknown (the shelter component needs it).
    """
    parts = score_components(table)
    score = 25.0 * parts.sum(axis=1, skipna=False)
    return score.round(1)


def score_formula_text(lang: str = "en") -> str:
    """The score formula in plain words, for the page and the README."""
    if lang == "de":
        return (
            "Der Versorgungswert (0–100) hat vier gleich gewichtete Teile zu je 25 Punkten: "
            "(1) Gleichstellungsstelle: 25 Punkte, wenn die Daten für die Kommune mindestens eine "
            "Gleichstellungsstelle enthalten, sonst 0. "
            "(2) Frauenhausplätze: 25 × Plätze ÷ Soll-Plätze (1 Familienplatz je 10.000 "
            "Einwohner*innen), höchstens 25. "
            "(3) Beratung: 25 Punkte, wenn eine Frauenberatungsstelle am Ort ist (0 km), linear "
            f"abnehmend bis 0 Punkte bei {COUNSELLING_ZERO_KM:.0f} km Entfernung zur nächsten. "
            f"(4) Aktualität: 25 × Anteil der Einträge der Kommune, die in den letzten "
            f"{FRESH_MONTHS} Monaten geprüft wurden (0 ohne Einträge). "
            "Ohne bekannte Einwohnerzahl bleibt der Wert leer."
        )
    return (
        "The coverage score (0–100) has four equally weighted parts of 25 points each: "
        "(1) Equality office: 25 points if the data hold at least one equality office in the "
        "municipality, else 0. "
        "(2) Shelter places: 25 × places ÷ target places (1 family place per 10,000 "
        "inhabitants), at most 25. "
        "(3) Counselling: 25 points if a counselling centre is in the place (0 km), falling "
        f"linearly to 0 points at {COUNSELLING_ZERO_KM:.0f} km to the nearest one. "
        f"(4) Freshness: 25 × share of the municipality's entries verified within the last "
        f"{FRESH_MONTHS} months (0 without entries). "
        "Without a known population the score is empty."
    )


# --- per Land ----------------------------------------------------------------------------------


def coverage_by_state(city_table: pd.DataFrame) -> pd.DataFrame:
    """Aggregate the per-city table per Land.

    Population and targets are those of the municipalities in the table (by default those with
    >= 10,000 inhabitants plus places with entries), not the Land's total population.
    """
    t = city_table.copy()
    t["population_f"] = t["population"].astype("Float64").astype(float)
    t["_required"] = t["equality_office_required"].fillna(False).astype(bool)
    t["_missing"] = t["equality_office_missing"].fillna(False).astype(bool)
    grouped = t.groupby("state", sort=True)
    out = pd.DataFrame(
        {
            "n_municipalities": grouped.size(),
            "population": grouped["population_f"].sum(min_count=1),
            "n_entries": grouped["n_entries"].sum(),
            **{f"n_{g}": grouped[f"n_{g}"].sum() for g in s.GROUPS},
            "n_with_equality_office": grouped["has_equality_office"].sum(),
            "n_equality_office_required": grouped["_required"].sum(),
            "n_equality_office_missing": grouped["_missing"].sum(),
            "shelter_places": grouped["shelter_places"].sum(),
            "shelter_places_target": grouped["shelter_places_target"].sum(min_count=1),
            "shelter_beds_target_de": grouped["shelter_beds_target_de"].sum(min_count=1),
            "median_nearest_counselling_centre_km": grouped[
                "nearest_counselling_centre_km"
            ].median(),
            "n_verified_24m": grouped["n_verified_24m"].sum(),
            "mean_coverage_score": grouped["coverage_score"].mean().round(1),
        }
    )
    pop = out["population"].where(out["population"] > 0)
    for g in s.GROUPS:
        out[f"per100k_{g}"] = out[f"n_{g}"] / pop * 100_000
    out["shelter_places_gap"] = (out["shelter_places_target"] - out["shelter_places"]).clip(lower=0)
    out["share_verified_24m"] = out["n_verified_24m"] / out["n_entries"].where(out["n_entries"] > 0)
    return out.reset_index()


# --- naive reference (benchmark and tests only) ------------------------------------------------


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


def entry_municipalities(frame: pd.DataFrame, gazetteer_frame: pd.DataFrame) -> pd.DataFrame:
    """For each entry, the name and Land of the table row it counts for (same index as frame)."""
    gaz = gazetteer_frame.reset_index(drop=True)
    if frame.empty:
        return pd.DataFrame({"municipality": [], "state": []}, index=frame.index, dtype=str)
    cities = frame[s.CITY].astype(str).str.strip()
    states = frame[s.STATE].fillna("").astype(str).str.strip()
    pos = _match_cities(cities, states, gaz)
    names = gaz["name"].astype(str).to_numpy()
    gaz_states = gaz["state"].astype(str).to_numpy()
    safe = np.maximum(pos, 0)
    return pd.DataFrame(
        {
            "municipality": np.where(pos >= 0, names[safe], cities.to_numpy()),
            "state": np.where(pos >= 0, gaz_states[safe], states.to_numpy()),
        },
        index=frame.index,
    )
