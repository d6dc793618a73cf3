"""Which areas were surveyed for which services: known versus "nicht erhoben / not surveyed".

`data/surveys.csv` (setting EQUALITY_MAP_SURVEYS, CLI --surveys) has one row per survey:
`area` (a Land code such as NI, a 5-digit Kreis AGS or an 8-digit municipality AGS),
`scope` (a category key or a group key), `status` (complete or partial), `as_of` (date),
`source_url`, `notes`, and optionally `min_population` (the survey covers the municipalities
of the area from that size on; Kreise and the area itself are always covered).

Status `open` marks an area inside a complete survey that the survey could not settle (searched,
no source found): it stays unknown there, never "none". A complete Land with three open Kreise is
known everywhere except in those three.

An indicator of an area and category is known only where a complete survey covers it. Where
it is not known, the app shows no 0, no gap and no "missing" flag.
"""

from __future__ import annotations

import csv
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import numpy as np
import pandas as pd

from equality_map import schema as s
from equality_map.fields import parse_date
from equality_map.settings import DATA_DIR

DEFAULT_SURVEYS_PATH = DATA_DIR / "surveys.csv"
COLUMNS = ("area", "scope", "status", "as_of", "source_url", "notes", "min_population")
STATUSES = ("complete", "partial", "open")


class SurveysError(ValueError):
    """The surveys table is malformed; the message names the file, row and what to fix."""


@dataclass(frozen=True)
class Survey:
    """One survey row: an area, the categories it covers, and whether it is complete."""

    area: str
    categories: frozenset[str]
    status: str
    as_of: date | None
    source_url: str
    notes: str
    min_population: int = 0
    scope: str = ""

    @property
    def level(self) -> str:
        """'land', 'kreis' or 'municipality' (by the form of the area key)."""
        if len(self.area) == 2:
            return "land"
        return "kreis" if len(self.area) == 5 else "municipality"


def _categories(scope: str) -> frozenset[str]:
    if scope in s.CATEGORIES:
        return frozenset({scope})
    if scope in s.GROUPS:
        return frozenset(k for k, c in s.CATEGORIES.items() if c.group == scope)
    return frozenset()


def parse_survey(row: Mapping[str, str], where: str = "survey") -> Survey:
    """Validate one row of the surveys table."""
    area = (row.get("area") or "").strip()
    land = s.canonical_state(area) if not area.isdigit() else None
    if land:
        area = land
    elif not re.fullmatch(r"\d{5}|\d{8}", area):
        raise SurveysError(
            f"{where}: column area: {area!r} must be a Land code (e.g. NI), a 5-digit Kreis "
            "AGS or an 8-digit municipality AGS"
        )
    scope = (row.get("scope") or "").strip()
    categories = _categories(scope)
    if not categories:
        valid = ", ".join([*s.GROUPS, *s.CATEGORIES])
        raise SurveysError(f"{where}: column scope: {scope!r} is no category or group ({valid})")
    status = (row.get("status") or "").strip().lower()
    if status not in STATUSES:
        raise SurveysError(f"{where}: column status: {status!r} must be complete, partial or open")
    as_of_text = (row.get("as_of") or "").strip()
    as_of = parse_date(as_of_text) if as_of_text else None
    if as_of_text and as_of is None:
        raise SurveysError(f"{where}: column as_of: {as_of_text!r} is not a date (2026-11-30)")
    min_text = (row.get("min_population") or "").strip()
    if min_text and not min_text.isdigit():
        raise SurveysError(f"{where}: column min_population: {min_text!r} must be a number")
    return Survey(
        area=area,
        categories=categories,
        status=status,
        as_of=as_of,
        source_url=(row.get("source_url") or "").strip(),
        notes=(row.get("notes") or "").strip(),
        min_population=int(min_text) if min_text else 0,
        scope=scope,
    )


def load_surveys(path: str | Path | None = DEFAULT_SURVEYS_PATH) -> list[Survey]:
    """Read a surveys table; a missing default file means nothing was surveyed."""
    if path is None:
        return []
    path = Path(path)
    if not path.exists():
        if path == DEFAULT_SURVEYS_PATH:
            return []
        raise SurveysError(f"{path}: no such file")
    with open(path, encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in COLUMNS[:4] if c not in (reader.fieldnames or [])]
        if missing:
            raise SurveysError(f"{path}: missing columns {missing}; expected {COLUMNS}")
        return [parse_survey(row, f"{path}:{line}") for line, row in enumerate(reader, start=2)]


class SurveyIndex:
    """Answers "is category c known for these areas?" for whole columns at once."""

    def __init__(self, surveys: Iterable[Survey]) -> None:
        self.surveys = [x for x in surveys if x.status == "complete"]
        self.partial = [x for x in surveys if x.status == "partial"]
        self.open = [x for x in surveys if x.status == "open"]

    def categories(self) -> set[str]:
        """Categories any complete survey covers."""
        return {c for x in self.surveys for c in x.categories}

    def municipalities_known(
        self, category: str, ags: pd.Series, population: pd.Series
    ) -> np.ndarray:
        """Per municipality: is `category` surveyed completely there?"""
        known = np.zeros(len(ags), dtype=bool)
        codes = ags.astype(str).to_numpy()
        lands = np.array([s.LAND_BY_AGS.get(a[:2], "") for a in codes])
        kreise = np.array([a[:5] for a in codes])
        pops = population.to_numpy(dtype=float)
        for survey in self.surveys:
            if category not in survey.categories:
                continue
            if survey.level == "land":
                hit = lands == survey.area
            elif survey.level == "kreis":
                hit = kreise == survey.area
            else:
                hit = codes == survey.area
            if survey.min_population and survey.level != "municipality":
                hit &= pops >= survey.min_population
            known |= hit
        for survey in self.open_for(category):
            if survey.level == "land":
                known &= lands != survey.area
            elif survey.level == "kreis":
                known &= kreise != survey.area
            else:
                known &= codes != survey.area
        return known

    def open_for(self, category: str) -> list[Survey]:
        """The open areas (searched, not settled) of `category`."""
        return [x for x in self.open if category in x.categories]

    def kreise_known(self, category: str, kreis_ags: pd.Series) -> np.ndarray:
        """Per Kreis: is `category` surveyed completely for the Kreis itself?"""
        codes = kreis_ags.astype(str).to_numpy()
        lands = np.array([s.LAND_BY_AGS.get(a[:2], "") for a in codes])
        known = np.zeros(len(codes), dtype=bool)
        for survey in self.surveys:
            if category not in survey.categories:
                continue
            if survey.level == "land":
                known |= lands == survey.area
            elif survey.level == "kreis":
                known |= codes == survey.area
        for survey in self.open_for(category):
            if survey.level == "land":
                known &= lands != survey.area
            elif survey.level == "kreis":
                known &= codes != survey.area
        return known

    def laender_known(self, category: str, lands: pd.Series) -> np.ndarray:
        """Per Land: is `category` surveyed completely for the whole Land?"""
        codes = lands.astype(str).to_numpy()
        areas = {x.area for x in self.surveys if category in x.categories and x.level == "land"}
        # a Land with an open area inside is not known as a whole
        areas -= {self.land_of(x.area) for x in self.open_for(category)}
        return np.array([c in areas for c in codes], dtype=bool)

    @staticmethod
    def land_of(area: str) -> str:
        """The Land code of an area key (a Land code or an AGS)."""
        return area if not area.isdigit() else s.LAND_BY_AGS.get(area[:2], "")

    def status_rows(self) -> pd.DataFrame:
        """The surveys as a table (for the page, the method sheet and exports)."""
        return pd.DataFrame(
            [
                {
                    "area": x.area,
                    "scope": x.scope,
                    "status": x.status,
                    "as_of": x.as_of.isoformat() if x.as_of else "",
                    "min_population": x.min_population or "",
                    "source_url": x.source_url,
                    "notes": x.notes,
                }
                for x in [*self.surveys, *self.partial, *self.open]
            ],
            columns=["area", "scope", "status", "as_of", "min_population", "source_url", "notes"],
        )
