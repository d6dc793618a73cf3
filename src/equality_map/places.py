"""The one place identity: what people type (a city name and maybe a Land) -> a municipality.

Every part of the app that needs to know "which municipality is meant" asks this module: the
geocoder (entries -> point), coverage (entries -> area rows), city pickers and `city=` URL
values (the Coverage page, the embed view, the CLI's `--city`). It matches with the same
folding everywhere (umlauts, "Stadt"/"Hansestadt" prefixes, "a. M." / "(Main)", "St." /
"Sankt", alternate names) and never by substring.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import pandas as pd

from equality_map import schema as s
from equality_map.gazetteer import CityMatch, Gazetteer, load_gazetteer, match_keys


@dataclass(frozen=True)
class Selection:
    """What a typed place name selects in a table of areas: row labels, or suggestions."""

    query: str
    rows: tuple[object, ...] = ()
    suggestions: tuple[str, ...] = ()

    @property
    def found(self) -> bool:
        """True when the name selected at least one row."""
        return bool(self.rows)


class Places:
    """Municipalities (name, Land, population, point) and the matcher for typed names."""

    def __init__(self, gazetteer: Gazetteer) -> None:
        self.gazetteer = gazetteer
        frame = gazetteer.frame
        self.frame = frame[frame["is_municipality"]].reset_index(drop=True)
        self._position = {
            (str(n), str(st)): i
            for i, (n, st) in enumerate(zip(self.frame["name"], self.frame["state"], strict=True))
        }

    @classmethod
    def from_frame(cls, frame: pd.DataFrame) -> Places:
        """Places from a plain table (name, state, population, lat, lon[, alternatenames])."""
        data = frame.copy()
        if "alternatenames" not in data.columns:
            data["alternatenames"] = [[] for _ in range(len(data))]
        for column, default in (("is_municipality", True), ("parent", ""), ("borough", "")):
            if column not in data.columns:
                data[column] = default
        return cls(Gazetteer(data))

    def municipalities(self, min_population: int = 0) -> pd.DataFrame:
        """Municipalities (not districts) with at least `min_population` inhabitants."""
        return self.frame[self.frame["population"] >= min_population]

    def resolve(self, city: str, state: str | None = None) -> CityMatch:
        """The place named `city` (in Land `state` when given), as typed by people."""
        return self.gazetteer.lookup(city, state)

    def position(self, city: str, state: str = "") -> int:
        """Row of the municipality in `self.frame` that `city` means, or -1.

        A district resolves to its municipality; a name found only outside the given Land
        does not count (the Land column is then wrong or the place is another one).
        """
        match = self.resolve(city, state or None)
        if not match.found or (state and match.state_mismatch):
            return -1
        return self._position.get((match.municipality or match.name, match.state), -1)

    def positions(self, cities: Sequence[str], states: Sequence[str]) -> np.ndarray:
        """`position` for many (city, Land) pairs at once (each distinct pair looked up once)."""
        pairs = pd.MultiIndex.from_arrays(
            [pd.Series(list(cities), dtype=str), pd.Series(list(states), dtype=str)]
        )
        codes, uniques = pd.factorize(pairs)
        resolved = np.array([self.position(c, st) for c, st in uniques], dtype=np.int64)
        return resolved[codes] if len(codes) else np.array([], dtype=np.int64)

    def select(
        self,
        query: str,
        table: pd.DataFrame,
        *,
        name_column: str = "city",
        state_column: str = "state",
    ) -> Selection:
        """The rows of `table` (one per area) that the typed `query` names.

        "Marburg", "Goettingen" or "Hann. Münden" find the municipality through the same
        matcher as the entries; an exact (folded) name in the table is also accepted. A
        query with a Land in brackets ("Kassel (HE)") is looked up in that Land.
        """
        text = " ".join(str(query).split())
        if not text or table.empty:
            return Selection(text)
        state = ""
        if text.endswith(")") and " (" in text:
            head, tail = text.rsplit(" (", 1)
            code = s.canonical_state(tail[:-1])
            if code:
                text, state = head, code
        names = table[name_column].astype(str)
        states = table[state_column].astype(str)
        match = self.resolve(text, state or None)
        if match.found and not (state and match.state_mismatch):
            target = match.municipality or match.name
            hit = table.index[(names == target) & (states == match.state)]
            if len(hit):
                return Selection(text, tuple(hit))
        key = match_keys(text)[0]
        same = names.map(lambda n: match_keys(n)[0]) == key
        if state:
            same &= states == state
        if same.any():
            return Selection(text, tuple(table.index[same]))
        return Selection(text, suggestions=match.suggestions)


def select_many(
    places: Places, queries: Iterable[str], table: pd.DataFrame
) -> tuple[list[object], list[Selection]]:
    """Row labels of all `queries` in `table` (in query order), and the queries not found."""
    rows: list[object] = []
    missing: list[Selection] = []
    for query in queries:
        found = places.select(query, table)
        if found.found:
            rows.extend(r for r in found.rows if r not in rows)
        else:
            missing.append(found)
    return rows, missing


def resolve_entry_cities(
    places: Places, queries: Iterable[str], frame: pd.DataFrame
) -> tuple[list[str], list[Selection]]:
    """The data's city values that the typed `queries` mean, and the queries not found.

    "Goettingen" selects the entries whose city is "Göttingen"; "Hannoversch Münden" also
    those written "Hann. Münden": both resolve to the same municipality.
    """
    pairs = frame[[s.CITY, s.STATE]].astype(str).drop_duplicates()
    pos = places.positions(list(pairs[s.CITY]), list(pairs[s.STATE]))
    names = places.frame["name"].astype(str).to_numpy()
    lands = places.frame["state"].astype(str).to_numpy()
    safe = np.maximum(pos, 0)
    table = pd.DataFrame(
        {
            "city": np.where(pos >= 0, names[safe], pairs[s.CITY].to_numpy()),
            "state": np.where(pos >= 0, lands[safe], pairs[s.STATE].to_numpy()),
        },
        index=pd.Index(pairs[s.CITY].to_numpy(), name="value"),
    )
    rows, missing = select_many(places, queries, table)
    return [str(r) for r in dict.fromkeys(rows)], missing


@lru_cache(maxsize=2)
def load_places() -> Places:
    """The bundled place directory (cached)."""
    return Places(load_gazetteer())
