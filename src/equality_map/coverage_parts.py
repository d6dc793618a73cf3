"""The building blocks of coverage: entries per area, known counts, places and gaps, rates,
and the score. Shared by the municipality, Kreis and Land tables (`coverage`,
`coverage_areas`)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

import numpy as np
import pandas as pd

from equality_map import schema as s
from equality_map.validate import STALE_AFTER_DAYS
from equality_map.yardsticks import Yardstick

SHELTER = "womens_shelter"
#: The counselling part of the score falls linearly from 1 at 0 km to 0 at this distance.
COUNSELLING_ZERO_KM = 50.0
SIZE_CLASSES: tuple[tuple[int, str], ...] = (
    (0, "< 10k"),
    (10_000, "10k–20k"),
    (20_000, "20k–50k"),
    (50_000, "50k–100k"),
    (100_000, "100k–500k"),
    (500_000, "≥ 500k"),
)


def entry_table(entries: pd.DataFrame, today: date) -> pd.DataFrame:
    """One row per entry with its areas and the numbers coverage needs."""
    if entries.empty:
        columns = [
            "ags",
            "kreis",
            "land",
            "resp_ags",
            "resp_kreis",
            "category",
            "group",
            "pw",
            "pc",
            "pb",
            "fresh",
            "net",
        ]
        return pd.DataFrame(columns=columns)
    ags = entries[s.AGS].fillna("").astype(str)
    area = entries[s.AREA_AGS].fillna("").astype(str) if s.AREA_AGS in entries else ags * 0
    # an entry is responsible for its area_ags (a Kreis office: 5 digits; a Land office: 2,
    # which is no municipality's or Kreis's office), else for the place where it is
    size = area.str.len().to_numpy()
    resp_ags = np.where(size == 8, area, np.where(np.isin(size, (2, 5)), "", ags))
    resp_kreis = np.where(
        size == 5, area, np.where(size == 2, "", pd.Series(resp_ags).str[:5].to_numpy())
    )
    age = (pd.Timestamp(today) - pd.to_datetime(entries[s.LAST_VERIFIED])).dt.days
    return pd.DataFrame(
        {
            "ags": ags.to_numpy(),
            "kreis": ags.str[:5].to_numpy(),
            "land": ags.str[:2].map(s.LAND_BY_AGS).fillna("").to_numpy(),
            "resp_ags": resp_ags,
            "resp_kreis": resp_kreis,
            "category": entries[s.CATEGORY].to_numpy(),
            "group": entries[s.CATEGORY]
            .map(lambda c: s.CATEGORIES[c].group if c in s.CATEGORIES else "")
            .to_numpy(),
            "pw": entries[s.PLACES_WOMEN].astype("Float64").to_numpy(dtype=float, na_value=np.nan),
            "pc": entries[s.PLACES_CHILDREN]
            .astype("Float64")
            .to_numpy(dtype=float, na_value=np.nan),
            "pb": entries[s.PLACES_BARRIER_FREE]
            .astype("Float64")
            .to_numpy(dtype=float, na_value=np.nan),
            "fresh": (age <= STALE_AFTER_DAYS).fillna(False).to_numpy(dtype=bool),
            "net": entries[s.NETWORKS].to_numpy(),
        }
    )


def counts(work: pd.DataFrame, key: str, index: pd.Index) -> pd.DataFrame:
    """Per area (`key` column of `work`): counts per category and group, places, freshness."""
    out = pd.DataFrame(index=index)
    keyed = work[work[key] != ""]
    out["n_entries"] = keyed.groupby(key).size().reindex(index, fill_value=0)
    for category in s.CATEGORIES:
        part = keyed[keyed["category"] == category]
        out[f"n_cat_{category}"] = part.groupby(key).size().reindex(index, fill_value=0)
    shelters = keyed[keyed["category"] == SHELTER]
    grouped = shelters.groupby(key)
    out["places_women"] = grouped["pw"].sum(min_count=1).reindex(index)
    out["places_children"] = grouped["pc"].sum(min_count=1).reindex(index)
    out["places_barrier_free"] = grouped["pb"].sum(min_count=1).reindex(index)
    out["n_shelters_without_places"] = (
        shelters[shelters["pw"].isna()].groupby(key).size().reindex(index, fill_value=0)
    )
    out["n_shelters_without_children_places"] = (
        shelters[shelters["pc"].isna()].groupby(key).size().reindex(index, fill_value=0)
    )
    out["n_verified_24m"] = keyed.groupby(key)["fresh"].sum().reindex(index, fill_value=0)
    nets = keyed[["net", key]].explode("net")
    nets = nets[nets["net"].notna() & (nets["net"].astype(str).str.strip() != "")]
    joined = nets.drop_duplicates().groupby(key)["net"].agg(lambda v: "; ".join(sorted(v)))
    out["networks"] = joined.reindex(index, fill_value="")
    return out


def known_counts(out: pd.DataFrame, known: Mapping[str, np.ndarray]) -> None:
    """Counts where surveyed; elsewhere a recorded count is kept as "at least", 0 is unknown."""
    for category in s.CATEGORIES:
        col = f"n_cat_{category}"
        surveyed = known.get(category, np.zeros(len(out), dtype=bool))
        out[f"surveyed_{category}"] = surveyed
        keep = pd.Series(surveyed, index=out.index) | (out[col] > 0)
        out[col] = out[col].astype("Int64").mask(~keep)
    for group in s.GROUPS:
        cats = [k for k, c in s.CATEGORIES.items() if c.group == group]
        total = pd.concat([out[f"n_cat_{k}"].fillna(0) for k in cats], axis=1).sum(axis=1)
        all_known = pd.concat([out[f"surveyed_{k}"] for k in cats], axis=1).all(axis=1)
        out[f"surveyed_{group}"] = all_known
        out[f"n_{group}"] = total.astype("Int64").mask(~(all_known | (total > 0)))


def places_and_gap(out: pd.DataFrame, stick: Yardstick, known_service: np.ndarray) -> None:
    """Stock in the yardstick's unit, its target and gap; empty where not known."""
    pop = out["population"].astype(float)
    women = out["population_female"].astype(float)
    out["shelter_places"] = out["places_women"].fillna(0)
    if stick.unit == "family_places":
        stock = out["places_women"].fillna(0)
        partial = out["n_shelters_without_places"] > 0
    elif stick.unit == "beds":
        stock = out["places_women"].fillna(0) + out["places_children"].fillna(0)
        partial = (out["n_shelters_without_places"] > 0) | (
            out["n_shelters_without_children_places"] > 0
        )
    else:
        stock = out[f"n_cat_{stick.service}"].astype("Float64").fillna(0).astype(float)
        partial = pd.Series(False, index=out.index)
    lower_bound = partial | ~pd.Series(known_service, index=out.index)
    target = stick.target(pop, women)  # type: ignore[arg-type]
    gap = (target - stock).clip(lower=0)
    # a lower-bound stock that already reaches the target is a fact (no gap); below it the
    # gap is not known
    out["shelter_places_stock"] = stock.where(~lower_bound | (stock > 0))
    out["shelter_places_lower_bound"] = lower_bound
    out["shelter_places_target"] = target
    out["shelter_places_gap"] = gap.where(~lower_bound | (stock >= target))
    out["yardstick"] = stick.id
    out["yardstick_unit"] = stick.unit
    out["shelter_places"] = out["places_women"].where(
        ~(out["n_shelters_without_places"] > 0) | out["places_women"].notna()
    )


def rates(out: pd.DataFrame) -> None:
    pop = out["population"].astype(float).where(lambda v: v > 0)
    women = out["population_female"].astype(float).where(lambda v: v > 0)
    for group in s.GROUPS:
        n = out[f"n_{group}"].astype("Float64").astype(float)
        out[f"per10k_{group}"] = n / pop * 10_000
        out[f"per10k_women_{group}"] = n / women * 10_000
    stock = out["shelter_places_stock"].astype(float)
    out["places_per10k"] = stock / pop * 10_000
    out["places_per10k_women"] = stock / women * 10_000
    out["share_verified_24m"] = out["n_verified_24m"] / out["n_entries"].where(out["n_entries"] > 0)


def size_class(population: float | None) -> str:
    """The size class label of a population ('' when unknown)."""
    if population is None or pd.isna(population):
        return ""
    label = SIZE_CLASSES[0][1]
    for lower, name in SIZE_CLASSES:
        if population >= lower:
            label = name
    return label


def score(table: pd.DataFrame) -> tuple[pd.Series, pd.Series]:
    """Coverage score 0–100 from the known parts only, and how many parts are known.

    Parts (each 0..1): equality office (present, or known absent), shelter places (stock ÷
    target, at most 1), counselling (1 at 0 km to 0 at 50 km, exact distances only),
    freshness (share of entries verified within 24 months).
    """
    has = table["has_equality_office"]
    office = pd.Series(
        np.where(has.isna(), np.nan, has.fillna(False).astype(float)), index=table.index
    )
    target = table["shelter_places_target"].astype(float)
    stock = table["shelter_places_stock"].astype(float)
    gap = table["shelter_places_gap"].astype(float)
    shelter = (stock / target.where(target > 0)).clip(upper=1.0).where(gap.notna())
    km = table["nearest_counselling_centre_km"].astype(float)
    counselling = (
        (1.0 - km / COUNSELLING_ZERO_KM)
        .clip(0.0, 1.0)
        .where(table["nearest_counselling_centre_exact"].astype(bool))
    )
    freshness = table["share_verified_24m"].astype(float)
    parts = pd.DataFrame({"o": office, "s": shelter, "c": counselling, "f": freshness})
    known = parts.notna().sum(axis=1)
    value = (parts.mean(axis=1, skipna=True) * 100).round(1).where(known > 0)
    return value, known.astype(int)
