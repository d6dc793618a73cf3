"""The map's filter state as a value object that round-trips through URL query params.

Every view is a shareable link: `Filter.from_query_params` parses what is in the URL, drops
unknown or invalid values (never raises, never evaluates anything), and `to_query_params`
writes it back. `apply` selects the rows of a loaded frame.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, fields
from datetime import date

import pandas as pd

from equality_map import schema as s
from equality_map import vocab

#: Query param name per Filter field (short, stable: they appear in shared links).
PARAM_NAMES: dict[str, str] = {
    "groups": "group",
    "categories": "category",
    "states": "state",
    "cities": "city",
    "q": "q",
    "target_groups": "target",
    "topics": "topic",
    "networks": "network",
    "languages": "language",
    "wheelchair": "wheelchair",
    "verified_months": "verified",
}
#: Filter field -> list column of the frame it matches against.
LIST_FIELDS: dict[str, str] = {
    "target_groups": s.TARGET_GROUPS,
    "topics": s.TOPICS,
    "networks": s.NETWORKS,
    "languages": s.LANGUAGES,
}
_VOCABULARY_FIELDS = ("target_groups", "topics", "languages")
MAX_VALUES = 50
MAX_VALUE_CHARS = 200
MAX_VERIFIED_MONTHS = 240
_TRUE = {"1", "true", "yes", "ja", "on"}

ParamValue = str | Sequence[str]


@dataclass(frozen=True)
class Filter:
    """What the planner selected; empty tuples mean "no restriction"."""

    groups: tuple[str, ...] = ()
    categories: tuple[str, ...] = ()
    states: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    q: str = ""
    target_groups: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    networks: tuple[str, ...] = ()
    languages: tuple[str, ...] = ()
    wheelchair: bool = False
    verified_months: int | None = None

    # --- URL round trip ------------------------------------------------------------------

    @classmethod
    def from_query_params(
        cls,
        params: Mapping[str, ParamValue],
        options: Mapping[str, Iterable[str]] | None = None,
        city_lookup: Callable[[str], str | None] | None = None,
    ) -> Filter:
        """Parse query params; unknown keys and invalid values are dropped.

        `city_lookup` (`prepare.city_lookup`) turns other spellings and AGS of a city into
        the data's municipality name ("Goettingen" and "03159016" -> "Göttingen").
        `options` (from `filter_options(frame)`) restricts data-dependent values (cities,
        target groups, topics, networks, languages) to those present in the data.
        """
        allowed: dict[str, set[str] | None] = {
            "groups": set(s.GROUPS),
            "categories": set(s.CATEGORIES),
            "states": set(s.STATES),
        }
        for name in ("cities", *LIST_FIELDS):
            allowed[name] = set(options[name]) if options and name in options else None

        def values(name: str) -> tuple[str, ...]:
            raw = params.get(PARAM_NAMES[name])
            items = [raw] if isinstance(raw, str) else list(raw or [])
            out: list[str] = []
            for item in items[:MAX_VALUES]:
                value = " ".join(str(item).split())
                if name == "states":
                    value = s.canonical_state(value) or ""
                elif name == "cities" and city_lookup is not None:
                    value = city_lookup(value) or ""
                elif name in _VOCABULARY_FIELDS:  # a label or synonym in a link: its key
                    value = vocab.vocabularies()[LIST_FIELDS[name]].key_of(value) or value
                elif name in ("groups", "categories"):
                    value = value.lower()
                if not value or len(value) > MAX_VALUE_CHARS or value in out:
                    continue
                ok = allowed[name]
                if ok is not None and value not in ok:
                    continue
                out.append(value)
            return tuple(sorted(out))

        q_raw = params.get(PARAM_NAMES["q"], "")
        q = q_raw if isinstance(q_raw, str) else (q_raw[0] if q_raw else "")
        q = " ".join(q.split())[:MAX_VALUE_CHARS]
        wheel_raw = params.get(PARAM_NAMES["wheelchair"], "")
        wheel = wheel_raw if isinstance(wheel_raw, str) else (wheel_raw[0] if wheel_raw else "")
        months_raw = params.get(PARAM_NAMES["verified_months"], "")
        months_text = (
            months_raw if isinstance(months_raw, str) else (months_raw[0] if months_raw else "")
        )
        months: int | None = None
        if months_text.strip().isdigit():
            number = int(months_text.strip())
            if 1 <= number <= MAX_VERIFIED_MONTHS:
                months = number
        return cls(
            groups=values("groups"),
            categories=values("categories"),
            states=values("states"),
            cities=values("cities"),
            q=q,
            target_groups=values("target_groups"),
            topics=values("topics"),
            networks=values("networks"),
            languages=values("languages"),
            wheelchair=wheel.strip().lower() in _TRUE,
            verified_months=months,
        )

    def to_query_params(self) -> dict[str, str | list[str]]:
        """Query params for this filter; restrictions that are not set are left out."""
        out: dict[str, str | list[str]] = {}
        for f in fields(self):
            value = getattr(self, f.name)
            key = PARAM_NAMES[f.name]
            if isinstance(value, tuple) and value:
                out[key] = list(value)
            elif f.name == "q" and value:
                out[key] = value
            elif f.name == "wheelchair" and value:
                out[key] = "1"
            elif f.name == "verified_months" and value:
                out[key] = str(value)
        return out

    @property
    def is_empty(self) -> bool:
        """True when nothing is restricted."""
        return self == Filter()

    # --- selection ------------------------------------------------------------------------

    def apply(self, frame: pd.DataFrame, today: date | None = None) -> pd.DataFrame:
        """The rows of `frame` that match every restriction (AND across fields, OR within)."""
        mask = pd.Series(True, index=frame.index)
        if self.groups:
            groups = frame[s.CATEGORY].map(
                lambda c: s.CATEGORIES[c].group if c in s.CATEGORIES else ""
            )
            mask &= groups.isin(self.groups)
        if self.categories:
            mask &= frame[s.CATEGORY].isin(self.categories)
        if self.states:
            mask &= frame[s.STATE].isin(self.states)
        if self.cities:
            column = s.MUNICIPALITY if s.MUNICIPALITY in frame.columns else s.CITY
            mask &= frame[column].isin(self.cities)
        if self.q:
            needle = s.fold(self.q)
            hay = (
                frame[s.NAME].astype(str)
                + "\n"
                + frame[s.ORGANISATION].astype(str)
                + "\n"
                + frame[s.NOTES].astype(str)
            ).map(s.fold)
            mask &= hay.str.contains(needle, regex=False)
        for name, column in LIST_FIELDS.items():
            wanted = set(getattr(self, name))
            if wanted:
                mask &= frame[column].map(lambda items, w=wanted: bool(w.intersection(items or ())))
        if self.wheelchair:
            mask &= frame[s.WHEELCHAIR_ACCESSIBLE] == "yes"
        if self.verified_months:
            day = pd.Timestamp(today or date.today())
            cutoff = day - pd.DateOffset(months=self.verified_months)
            verified = pd.to_datetime(frame[s.LAST_VERIFIED])
            mask &= verified.notna() & (verified >= cutoff)
        return frame[mask.astype(bool)]


def filter_options(frame: pd.DataFrame) -> dict[str, list[str]]:
    """Values present in the data for the data-dependent filters, sorted for widgets."""
    out: dict[str, list[str]] = {
        "cities": sorted(
            {c for c in frame[s.MUNICIPALITY if s.MUNICIPALITY in frame.columns else s.CITY] if c},
            key=s.fold,
        ),
        "states": [c for c in s.STATES if c in set(frame[s.STATE])],
    }
    for name, column in LIST_FIELDS.items():
        seen: set[str] = set()
        for items in frame[column]:
            seen.update(items or ())
        out[name] = sorted(seen, key=s.fold)
    return out


def category_counts(frame: pd.DataFrame) -> dict[str, int]:
    """Number of rows per category key, every category present (0 when none)."""
    counts = frame[s.CATEGORY].value_counts()
    return {key: int(counts.get(key, 0)) for key in s.CATEGORIES}
