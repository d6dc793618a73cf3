"""Coverage of Kreise and Länder (the planning units of the Gewalthilfegesetz), of regions
that a Land forms from Kreise, and how complete the data is per Land and category."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from equality_map import coverage_parts as parts
from equality_map import reach
from equality_map import schema as s
from equality_map.legal_rules import LegalRule
from equality_map.places import Places
from equality_map.surveys import SurveyIndex

if TYPE_CHECKING:
    from equality_map.coverage import Options

#: Destatis Kreis types that are a city (kreisfreie Stadt, Stadtkreis).
CITY_KREIS_TYPES = ("41", "42")


def _reach_columns(out: pd.DataFrame, mun: pd.DataFrame, key: str, options: Options) -> None:
    """Women-weighted distances of the area's municipalities (straight line)."""
    for stem in reach.CATEGORIES:
        figures = reach.women_beyond(
            mun[key],
            mun["population_female"],
            mun[f"nearest_{stem}_km"],
            mun[f"nearest_{stem}_exact"],
            options.thresholds_km,
        ).reindex(out.index)
        for column in figures.columns:
            name = column.replace("mean_km_women", f"nearest_{stem}_km")
            out[name if name.startswith("nearest_") else f"{column}_{stem}"] = figures[column]
        # an area's distance is a fact when every woman's distance in it is one
        out[f"nearest_{stem}_exact"] = figures["share_women_distance_unknown"].fillna(1) == 0


def _municipal_offices(out: pd.DataFrame, mun: pd.DataFrame, key: str) -> None:
    """How many municipalities must have an office, have one, lack one (where surveyed)."""
    grouped = mun.groupby(key)
    out["n_municipalities"] = grouped.size().reindex(out.index, fill_value=0)
    # where the law leaves the duty of some municipality open, the count of required ones is
    # not known (empty), never a 0 or a short count
    undecided = mun["equality_office_required"].isna().groupby(mun[key]).any()
    for column, source in (
        ("n_offices_required", "equality_office_required"),
        ("n_offices_present", "has_equality_office"),
        ("n_offices_missing", "equality_office_missing"),
    ):
        values = mun[source].fillna(False).astype(bool)
        out[column] = values.groupby(mun[key]).sum().reindex(out.index, fill_value=0)
    unknown = (
        mun["equality_office_required"].fillna(False).astype(bool)
        & mun["has_equality_office"].isna()
    )
    by_area = unknown.groupby(mun[key]).sum()
    out["n_offices_not_surveyed"] = by_area.reindex(out.index, fill_value=0)
    # with required municipalities not surveyed, the counts found are lower bounds, and a
    # count of 0 says nothing: it becomes unknown, never a 0
    lower = out["n_offices_not_surveyed"] > 0
    out["n_offices_lower_bound"] = lower
    for column in ("n_offices_present", "n_offices_missing"):
        out[column] = out[column].astype("Int64").mask(lower & (out[column] == 0))
    open_duty = undecided.reindex(out.index, fill_value=False).astype(bool)
    out["n_offices_required"] = out["n_offices_required"].astype("Int64").mask(open_duty)


def kreise_table(
    work: pd.DataFrame,
    mun: pd.DataFrame,
    places: Places,
    rules: Mapping[str, LegalRule],
    surveys: SurveyIndex,
    options: Options,
) -> pd.DataFrame:
    """One row per Kreis and kreisfreie Stadt (all 400)."""
    k = places.kreise
    index = pd.Index(k["kreis_ags"], name="key")
    out = pd.DataFrame(
        {
            "kreis": k["display_name"].to_numpy(),
            "kreis_ags": k["kreis_ags"].to_numpy(),
            "state": k["land"].to_numpy(),
            "kreis_type": k["type"].to_numpy(),
            "population": k["population"].to_numpy(),
            "population_female": k["population_female"].to_numpy(),
            "lat": k["lat"].to_numpy(),
            "lon": k["lon"].to_numpy(),
        },
        index=index,
    ).join(parts.counts(work, "kreis", index))
    known = {c: surveys.kreise_known(c, out["kreis_ags"]) for c in s.CATEGORIES}
    parts.known_counts(out, known)
    # the Kreis's own office (area_ags = the Kreis); a kreisfreie Stadt's office is the Kreis's
    offices = work[work["category"] == "equality_office"]
    city_kreis = out["kreis_type"].isin(CITY_KREIS_TYPES)
    own = offices[(offices["resp_ags"] == "")].groupby("resp_kreis").size()
    city = offices[offices["resp_ags"] != ""].groupby("resp_kreis").size()
    n_own = own.reindex(index, fill_value=0) + city.reindex(index, fill_value=0).where(
        city_kreis, 0
    )
    surveyed = known["equality_office"]
    values = [
        True if n > 0 else (False if known_ else None)
        for n, known_ in zip(n_own, surveyed, strict=True)
    ]
    out["has_equality_office"] = pd.array(values, dtype="boolean")
    city_rows = mun.set_index("ags")
    required = []
    for kreis_ags, land, kind in zip(
        out["kreis_ags"], out["state"], out["kreis_type"], strict=True
    ):
        if kind in CITY_KREIS_TYPES:
            seat = city_rows[city_rows["kreis_ags"] == kreis_ags]["equality_office_required"]
            required.append(seat.iloc[0] if len(seat) == 1 else None)
        else:
            required.append(rules[land].kreis_required if land in rules else None)
    out["equality_office_required"] = pd.array(
        [None if r is None or r is pd.NA else bool(r) for r in required], dtype="boolean"
    )
    out["equality_office_missing"] = (
        out["equality_office_required"] & ~out["has_equality_office"]
    ).astype("boolean")
    _municipal_offices(out, mun, "kreis_ags")
    parts.places_and_gap(out, options.yardstick, known[options.yardstick.service])
    _reach_columns(out, mun, "kreis_ags", options)
    parts.rates(out)
    out["coverage_score"], out["score_parts_known"] = parts.score(out)
    return out.reset_index(drop=True)


def laender_table(
    work: pd.DataFrame,
    mun: pd.DataFrame,
    places: Places,
    surveys: SurveyIndex,
    options: Options,
) -> pd.DataFrame:
    """One row per Land (16)."""
    lan = places.laender
    index = pd.Index(lan["land"], name="key")
    out = pd.DataFrame(
        {
            "state": lan["land"].to_numpy(),
            "name": lan["name"].to_numpy(),
            "population": lan["population"].to_numpy(),
            "population_female": lan["population_female"].to_numpy(),
        },
        index=index,
    ).join(parts.counts(work, "land", index))
    known = {c: surveys.laender_known(c, out["state"]) for c in s.CATEGORIES}
    parts.known_counts(out, known)
    out["has_equality_office"] = pd.array([None] * len(out), dtype="boolean")
    out["equality_office_required"] = pd.array([None] * len(out), dtype="boolean")
    out["equality_office_missing"] = pd.array([None] * len(out), dtype="boolean")
    _municipal_offices(out, mun, "state")
    parts.places_and_gap(out, options.yardstick, known[options.yardstick.service])
    _reach_columns(out, mun, "state", options)
    parts.rates(out)
    out["coverage_score"], out["score_parts_known"] = parts.score(out)
    return out.reset_index(drop=True)


def region(kreise: pd.DataFrame, kreis_ags: Iterable[str], options: Options) -> pd.Series:
    """Pooled figures of Kreise a Land groups into a planning region.

    Population, stock and targets add up; the gap is known only when every Kreis's stock is
    known (or the pooled stock already reaches the pooled target).
    """
    chosen = kreise[kreise["kreis_ags"].isin(list(kreis_ags))]
    pop = float(chosen["population"].sum())
    women = float(chosen["population_female"].sum())
    stock = float(chosen["shelter_places_stock"].fillna(0).sum())
    lower = (
        bool(chosen["shelter_places_lower_bound"].any())
        or chosen["shelter_places_stock"].isna().any()
    )
    target = options.yardstick.target(pop, women)
    gap = max(0.0, target - stock)
    return pd.Series(
        {
            "n_kreise": len(chosen),
            "kreise": "; ".join(chosen["kreis"]),
            "population": pop,
            "population_female": women,
            "n_womens_shelter": chosen["n_cat_womens_shelter"].fillna(0).sum(),
            "n_counselling_centre": chosen["n_cat_counselling_centre"].fillna(0).sum(),
            "places_women": chosen["places_women"].fillna(0).sum(),
            "places_children": chosen["places_children"].fillna(0).sum(),
            "shelter_places_stock": stock,
            "shelter_places_lower_bound": lower,
            "shelter_places_target": target,
            "shelter_places_gap": gap if (not lower or stock >= target) else np.nan,
        }
    )


def completeness(work: pd.DataFrame, places: Places, surveys: SurveyIndex) -> pd.DataFrame:
    """Per Land and planning category: surveyed completely, partly or not; as of; source."""
    rows = []
    recorded = work.groupby(["land", "category"]).size() if len(work) else pd.Series(dtype=int)
    names = {
        **dict(zip(places.kreise["kreis_ags"], places.kreise["display_name"], strict=True)),
        **dict(
            zip(places.municipalities["ags"], places.municipalities["display_name"], strict=True)
        ),
    }
    for land in places.laender["land"]:
        for category in ("equality_office", "womens_shelter", "counselling_centre"):
            status, as_of, source, min_pop, notes = "not_surveyed", "", "", 0, ""
            for survey in [*surveys.surveys, *surveys.partial]:
                if category in survey.categories and survey.area == land:
                    status = survey.status
                    as_of = survey.as_of.isoformat() if survey.as_of else ""
                    source, min_pop, notes = survey.source_url, survey.min_population, survey.notes
                    if status == "complete":
                        break
            open_names = [
                names.get(x.area, x.area)
                for x in surveys.open_for(category)
                if surveys.land_of(x.area) == land
            ]
            rows.append(
                {
                    "state": land,
                    "category": category,
                    "survey": status,
                    "as_of": as_of,
                    "min_population": min_pop or None,
                    "open_areas": "; ".join(sorted(open_names)),
                    "source_url": source,
                    "n_recorded": int(recorded.get((land, category), 0)),
                    "notes": notes,
                }
            )
    return pd.DataFrame(rows)
