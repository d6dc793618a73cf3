"""Coverage indicators per municipality and per Land (pure: no Streamlit, no I/O but file reads).

One row per municipality of the gazetteer with at least `min_population` inhabitants plus one
row per other place that has entries, so cities without any entry show up as gaps instead of
vanishing. Definitions and the score formula are in the README ("Coverage indicators") and are
returned in plain words by `score_formula_text`.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from datetime import date

import numpy as np
import pandas as pd

from equality_map import i18n
from equality_map import schema as s
from equality_map.gazetteer import match_keys
from equality_map.geo import nearest_km
from equality_map.legal_rules import LegalRule, load_legal_rules
from equality_map.places import Places
from equality_map.validate import STALE_AFTER_DAYS

DEFAULT_MIN_POPULATION = 10_000

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


def status_positions(
    rules: Mapping[str, LegalRule], places: Places
) -> tuple[set[int], list[tuple[str, str]]]:
    """Positions (in `places.frame`) of all status municipalities, and the pairs not found."""
    found: set[int] = set()
    missing: list[tuple[str, str]] = []
    for rule in rules.values():
        for name in rule.status_municipalities:
            pos = places.position(name, rule.state)
            if pos < 0:
                missing.append((rule.state, name))
            else:
                found.add(pos)
    return found, missing


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
    places: Places,
    rules: Mapping[str, LegalRule] | None = None,
    *,
    min_population: int = DEFAULT_MIN_POPULATION,
    today: date | None = None,
    locate_from_gazetteer: bool = True,
) -> pd.DataFrame:
    """One row of indicators per municipality (see module docstring and README).

    `frame` is a loaded data source (`load_facilities(...).frame`); `places` the place
    directory (all sizes, so small places with entries get their population). Entries
    without lat/lon take their municipality's gazetteer point when
    `locate_from_gazetteer` is true (city precision); entries that stay without coordinates
    do not count for the nearest_* distances.
    """
    if min_population < 0:
        raise ValueError(f"min_population must be 0 or more, got {min_population}")
    rules = rules if rules is not None else load_legal_rules()
    gaz = places.frame
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
    pos = (
        places.positions(list(cities), list(states)) if n_entries else np.array([], dtype=np.int64)
    )
    folded = cities.map(lambda c: match_keys(c)[0]).to_numpy(dtype=object)
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
    with_status, _ = status_positions(rules, places)
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
    return i18n.t("cov.score_formula_body", lang, zero_km=f"{COUNSELLING_ZERO_KM:.0f}",
                  months=FRESH_MONTHS)  # fmt: skip


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


def entry_municipalities(frame: pd.DataFrame, places: Places) -> pd.DataFrame:
    """For each entry, the name and Land of the table row it counts for (same index as frame)."""
    if frame.empty:
        return pd.DataFrame({"municipality": [], "state": []}, index=frame.index, dtype=str)
    cities = frame[s.CITY].astype(str).str.strip()
    states = frame[s.STATE].fillna("").astype(str).str.strip()
    pos = places.positions(list(cities), list(states))
    names = places.frame["name"].astype(str).to_numpy()
    gaz_states = places.frame["state"].astype(str).to_numpy()
    safe = np.maximum(pos, 0)
    return pd.DataFrame(
        {
            "municipality": np.where(pos >= 0, names[safe], cities.to_numpy()),
            "state": np.where(pos >= 0, gaz_states[safe], states.to_numpy()),
        },
        index=frame.index,
    )
