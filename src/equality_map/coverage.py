"""Coverage indicators per municipality, Kreis and Land (pure: no Streamlit).

Areas come from the official directory (`places`), entries are attributed by their AGS
(`geocode` puts it on every row), and every figure follows three rules:
- known vs not surveyed (`surveys`): a count, a gap or a "missing" flag exists only where a
  complete survey covers the area and category; elsewhere the cell is empty (a recorded
  entry still counts, as "at least");
- places (`places_women`, `places_children`, `places_barrier_free`): a shelter without
  stated places makes its area's totals a lower bound, never a silent 0;
- targets and gaps follow the chosen yardstick (`yardsticks`) in its own unit.
Definitions in plain words: README, "Coverage indicators", and `score_formula_text`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from equality_map import coverage_parts as parts
from equality_map import i18n, reach
from equality_map import schema as s
from equality_map.coverage_areas import completeness, kreise_table, laender_table
from equality_map.coverage_parts import COUNSELLING_ZERO_KM
from equality_map.legal_rules import LegalRule
from equality_map.places import Places
from equality_map.surveys import SurveyIndex
from equality_map.yardsticks import Yardstick

DEFAULT_MIN_POPULATION = 10_000
LEVELS = ("municipality", "kreis", "land")
#: Entries verified within 24 months count as fresh (as the loader's "stale" warning).
FRESH_MONTHS = 24
#: Categories whose survey status decides the planning indicators.
PLANNING = ("equality_office", "womens_shelter", "counselling_centre")


@dataclass(frozen=True)
class Options:
    """What the planner chose: size threshold, yardstick, distance thresholds, the date."""

    yardstick: Yardstick
    min_population: int = DEFAULT_MIN_POPULATION
    thresholds_km: tuple[int, ...] = reach.DEFAULT_THRESHOLDS_KM
    today: date = field(default_factory=date.today)


@dataclass(frozen=True)
class Coverage:
    """The three tables and what they were computed with."""

    municipalities: pd.DataFrame
    kreise: pd.DataFrame
    laender: pd.DataFrame
    completeness: pd.DataFrame
    options: Options
    unattributed: int

    def table(self, level: str) -> pd.DataFrame:
        """The table of `level` (municipality, kreis or land), columns in contract order."""
        frame = {"municipality": self.municipalities, "kreis": self.kreise, "land": self.laender}[
            level
        ]
        return frame[columns(level, frame)]


#: Contract columns first (their names are kept across levels and releases), then the rest.
KEYS = {
    "municipality": ("city", "state", "ags", "kreis_ags", "kreis"),
    "kreis": ("kreis", "state", "kreis_ags", "kreis_type"),
    "land": ("state", "name"),
}
CONTRACT = (
    "population",
    "population_female",
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
)
_INTERNAL = ("status", "verband_type")


def columns(level: str, frame: pd.DataFrame) -> list[str]:
    """The columns of a level's table in output order (contract columns first)."""
    first = [*KEYS[level], *CONTRACT]
    rest = [c for c in frame.columns if c not in first and c not in _INTERNAL]
    return [c for c in first if c in frame.columns] + rest


# --- the three levels ---------------------------------------------------------------------------


def compute(
    entries: pd.DataFrame,
    places: Places,
    rules: Mapping[str, LegalRule],
    surveys: SurveyIndex,
    options: Options,
) -> Coverage:
    """Coverage at all three levels for located entries (`geocode_offline` output)."""
    work = parts.entry_table(entries, options.today)
    mun = _municipalities(work, places, rules, surveys, options)
    kreise = kreise_table(work, mun, places, rules, surveys, options)
    laender = laender_table(work, mun, places, surveys, options)
    shown = mun[(mun["population"] >= options.min_population) | (mun["n_entries"] > 0)]
    return Coverage(
        municipalities=shown.reset_index(drop=True),
        kreise=kreise.reset_index(drop=True),
        laender=laender.reset_index(drop=True),
        completeness=completeness(work, places, surveys),
        options=options,
        unattributed=int((work["ags"] == "").sum()) if len(work) else 0,
    )


def _municipalities(
    work: pd.DataFrame,
    places: Places,
    rules: Mapping[str, LegalRule],
    surveys: SurveyIndex,
    options: Options,
) -> pd.DataFrame:
    directory = places.municipalities
    index = pd.Index(directory["ags"], name="key")
    out = pd.DataFrame(
        {
            "city": directory["display_name"].to_numpy(),
            "state": directory["land"].to_numpy(),
            "ags": directory["ags"].to_numpy(),
            "kreis_ags": directory["kreis_ags"].to_numpy(),
            "kreis": directory["kreis_ags"].map(places.kreis_name).to_numpy(),
            "status": directory["status"].to_numpy(),
            "verband_type": directory["verband_type"].to_numpy(),
            "population": directory["population"].to_numpy(),
            "population_female": directory["population_female"].to_numpy(),
            "lat": directory["lat"].to_numpy(),
            "lon": directory["lon"].to_numpy(),
        },
        index=index,
    )
    located = parts.counts(work, "ags", index)
    responsible = parts.counts(work, "resp_ags", index)
    out = out.join(located)
    # equality offices count where they are responsible (a Kreis office not for its seat)
    out["n_cat_equality_office"] = responsible["n_cat_equality_office"]
    known = {
        c: surveys.municipalities_known(c, out["ags"], out["population"]) for c in s.CATEGORIES
    }
    parts.known_counts(out, known)
    _office(out, rules)
    stick = options.yardstick
    parts.places_and_gap(out, stick, known[stick.service])
    _reach(out, work, entries_points(work, places), known)
    parts.rates(out)
    out["size_class"] = out["population"].map(parts.size_class)
    out["coverage_score"], out["score_parts_known"] = parts.score(out)
    return out.reset_index(drop=True)


def _office(out: pd.DataFrame, rules: Mapping[str, LegalRule]) -> None:
    n = out["n_cat_equality_office"]
    out["has_equality_office"] = pd.array(
        [None if pd.isna(v) else bool(v > 0) for v in n], dtype="boolean"
    )
    required = [
        rules[st].required(pop, status=status, verband_type=vt) if st in rules else None
        for st, pop, status, vt in zip(
            out["state"], out["population"], out["status"], out["verband_type"], strict=True
        )
    ]
    out["equality_office_required"] = pd.array(required, dtype="boolean")
    out["equality_office_missing"] = (
        out["equality_office_required"] & ~out["has_equality_office"]
    ).astype("boolean")
    out["equality_office_law"] = out["state"].map(lambda st: rules[st].law if st in rules else "")


def entries_points(work: pd.DataFrame, places: Places) -> pd.DataFrame:
    """Where entries are for distances: their municipality's centre (coarse but honest:
    most entries are known at city level, and shelters never more precisely)."""
    directory = places.municipalities
    frame = work[work["ags"] != ""]
    return pd.DataFrame(
        {
            "category": frame["category"].to_numpy(),
            "lat": directory.loc[frame["ags"], "lat"].to_numpy(dtype=float),
            "lon": directory.loc[frame["ags"], "lon"].to_numpy(dtype=float),
            "city": directory.loc[frame["ags"], "display_name"].to_numpy(),
        }
    )


def _reach(
    out: pd.DataFrame, work: pd.DataFrame, points: pd.DataFrame, known: Mapping[str, np.ndarray]
) -> None:
    centres = out[["lat", "lon"]].to_numpy(dtype=float)
    for stem, category in reach.CATEGORIES.items():
        sel = points[points["category"] == category]
        result = reach.nearest(
            centres, sel[["lat", "lon"]].to_numpy(dtype=float), list(sel["city"]), known[category]
        )
        out[f"nearest_{stem}_km"] = result.km
        out[f"nearest_{stem}_exact"] = result.exact
        out[f"nearest_{stem}_city"] = result.nearest_city


def compute_with_files(
    located: pd.DataFrame, options: Options, surveys_path: Path | None = None
) -> Coverage:
    """`compute` with the bundled directory and legal rules and the given surveys file."""
    from equality_map.legal_rules import load_legal_rules
    from equality_map.places import load_places
    from equality_map.surveys import DEFAULT_SURVEYS_PATH, load_surveys

    surveys = SurveyIndex(load_surveys(surveys_path or DEFAULT_SURVEYS_PATH))
    return compute(located, load_places(), load_legal_rules(), surveys, options)


def score_formula_text(lang: str = "en") -> str:
    """The score formula in plain words, for the page and the README."""
    return i18n.t(
        "cov.score_formula_body", lang, zero_km=f"{COUNSELLING_ZERO_KM:.0f}", months=FRESH_MONTHS
    )
