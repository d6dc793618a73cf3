"""The one place identity: what people type (or a point) -> a municipality AGS, Kreis, Land.

Built on the official Destatis municipality directory (data/municipalities.csv, kreise.csv,
laender.csv, made by scripts/build_reference.py). Every part of the app that needs to know
"which municipality is meant" asks this module: the geocoder (entries -> AGS and point),
coverage (entries -> areas), city pickers and `city=` URL values, the embed view and the
CLI's `--city`. Names are matched with the same folding everywhere (`names.match_keys`:
umlauts, "Stadt"/"Hansestadt" prefixes, "a. M." / "(Main)", "St." / "Sankt", "i.d.OPf."),
other names come from data/place_aliases.csv (GeoNames places inside a municipality such as
Westerland -> Sylt, alternate names, former AGS), and nothing is ever matched by substring.
"""

from __future__ import annotations

import difflib
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property, lru_cache
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pandas as pd

from equality_map import schema as s
from equality_map.names import match_keys, qualifier_initials
from equality_map.settings import DATA_DIR

MatchStatus = Literal["exact", "ambiguous", "unknown"]
AGS = re.compile(r"^\d{8}$")
KREIS_AGS = re.compile(r"^\d{5}$")
#: Words in front of a Kreis name ("Landkreis Göttingen", "Kreis Herford", "LK Kassel").
_KREIS_PREFIXES = ("landkreis ", "kreis ", "lk ", "lkr ", "stadtkreis ", "regionalverband ")


@dataclass(frozen=True)
class PlaceMatch:
    """The municipality a name or point means.

    `status` is "exact" (one fits), "ambiguous" (several fit: `candidates` lists them, the
    largest is used) or "unknown" (none fits: `suggestions` lists close names). `alias` is
    the other name that matched (a district such as "Charlottenburg", a former name), and
    `state_mismatch` says the place was found only outside the Land given.
    """

    query: str
    status: MatchStatus
    ags: str = ""
    name: str = ""
    land: str = ""
    kreis_ags: str = ""
    population: int = 0
    lat: float = float("nan")
    lon: float = float("nan")
    alias: str = ""
    candidates: tuple[str, ...] = ()
    suggestions: tuple[str, ...] = ()
    state_mismatch: bool = False

    @property
    def found(self) -> bool:
        """True when the match names a municipality (exact or ambiguous)."""
        return self.status != "unknown"


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


def _read(path: Path, key: str) -> pd.DataFrame:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    for column in ("population", "population_female"):
        if column in frame.columns:
            frame[column] = frame[column].astype("int64")
    for column in ("area_km2", "lat", "lon"):
        if column in frame.columns:
            frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    return frame.set_index(key, drop=False)


def _add(index: dict[str, list[str]], key: str, ags: str) -> None:
    if key:
        bucket = index.setdefault(key, [])
        if ags not in bucket:
            bucket.append(ags)


class Places:
    """The official directory: municipalities, Kreise and Länder, and the matcher."""

    def __init__(
        self,
        municipalities: pd.DataFrame,
        kreise: pd.DataFrame | None = None,
        laender: pd.DataFrame | None = None,
        aliases: pd.DataFrame | None = None,
        polygons: Path | None = None,
    ) -> None:
        self.municipalities = municipalities
        self.kreise = kreise if kreise is not None else pd.DataFrame()
        self.laender = laender if laender is not None else pd.DataFrame()
        self.aliases = (
            aliases if aliases is not None else pd.DataFrame(columns=["alias", "land", "ags"])
        )
        self._polygons_path = polygons
        self._cache: dict[tuple[str, str], PlaceMatch] = {}

    @classmethod
    def from_directory(cls, folder: Path = DATA_DIR) -> Places:
        """The bundled official directory in `folder` (data/)."""
        return cls(
            _read(folder / "municipalities.csv", "ags"),
            _read(folder / "kreise.csv", "kreis_ags"),
            _read(folder / "laender.csv", "land"),
            pd.read_csv(folder / "place_aliases.csv", dtype=str, keep_default_na=False),
            folder / "boundaries" / "gemeinden.geojson",
        )

    # --- the name index ----------------------------------------------------------------------

    @cached_property
    def _index(
        self,
    ) -> tuple[dict[str, list[str]], dict[str, list[str]], dict[str, list[str]], dict[str, str]]:
        """Name keys -> AGS in three tiers (display names; other official forms; aliases), and
        the qualifier of each AGS ("odt" of "Rothenburg ob der Tauber")."""
        primary: dict[str, list[str]] = {}
        secondary: dict[str, list[str]] = {}
        other: dict[str, list[str]] = {}
        qualifiers: dict[str, str] = {}
        frame = self.municipalities
        for ags, display, official in zip(
            frame["ags"], frame["display_name"], frame["name"], strict=True
        ):
            full, core, base = match_keys(display)
            qualifiers[ags] = qualifier_initials(full, base)
            for key in (full, core):
                _add(primary, key, ags)
            _add(secondary, base, ags)
            o_full, o_core, _ = match_keys(official.split(",", 1)[0])
            for key in (o_full, o_core):
                _add(secondary, key, ags)
        known = set(frame["ags"])
        for alias, ags in zip(self.aliases["alias"], self.aliases["ags"], strict=True):
            if ags in known:
                a_full, a_core, a_base = match_keys(alias)
                for key in (a_full, a_core, a_base):
                    _add(other, key, ags)
        return primary, secondary, other, qualifiers

    @cached_property
    def _alias_names(self) -> dict[tuple[str, str], str]:
        """(folded alias, AGS) -> the alias as written (to say which name matched)."""
        out: dict[tuple[str, str], str] = {}
        for alias, ags in zip(self.aliases["alias"], self.aliases["ags"], strict=True):
            for key in match_keys(alias)[:2]:
                out.setdefault((key, ags), alias)
        return out

    @cached_property
    def _suggest_keys(self) -> dict[str, str]:
        out: dict[str, str] = {}
        frame = self.municipalities.sort_values("population", ascending=False)
        for display in frame["display_name"]:
            out.setdefault(match_keys(display)[0], display)
        return out

    # --- resolving ---------------------------------------------------------------------------

    def resolve(self, city: str, land: str | None = None) -> PlaceMatch:
        """The municipality named `city` (an AGS too), in Land `land` (code or name) if given."""
        code = (s.canonical_state(land) or "") if land else ""
        key = (city, code)
        cached = self._cache.get(key)
        if cached is None:
            cached = self._resolve(city.strip(), code)
            if len(self._cache) < 200_000:
                self._cache[key] = cached
        return cached

    def _resolve(self, city: str, code: str) -> PlaceMatch:
        if not city:
            return PlaceMatch(city, "unknown")
        if AGS.match(city):
            if city in self.municipalities.index:
                return self._match(city, city, "exact")
            former = self.aliases[(self.aliases["alias"] == city)]
            if len(former):
                return self._match(city, str(former["ags"].iloc[0]), "exact", alias=city)
            return PlaceMatch(city, "unknown")
        tiers_index = self._index[:3]
        qualifiers = self._index[3]
        full, core, base = match_keys(city)
        tiers = [
            _union(tiers_index[0], (full, core)),
            *(_union(ix, (full, core, base)) for ix in tiers_index[1:]),
        ]
        if not any(tiers) and "-" in city:
            # "Frankfurt-Höchst": the place named before the hyphen; the part after it
            # (a district) decides between places of that name
            head, tail = city.split("-", 1)
            full, core, base = match_keys(head)
            tiers = [
                _union(tiers_index[0], (full, core)),
                *(_union(ix, (full, core, base)) for ix in tiers_index[1:]),
            ]
            tail_ags = set(_union(tiers_index[2], match_keys(tail)[:2]))
            narrowed = [[a for a in tier if a in tail_ags] for tier in tiers]
            if any(narrowed):
                tiers = narrowed
        tiers_primary = list(tiers[0])
        qualifier = qualifier_initials(full, base)
        if qualifier and not tiers[0]:
            # "Halle (Westf.)" must not land in "Halle (Saale)": a qualified name matches only
            # places without a qualifier or with one of the same initials
            tiers[1:] = [
                [a for a in t if qualifiers.get(a, "") in ("", qualifier)] for t in tiers[1:]
            ]
        if not any(tiers):
            close = difflib.get_close_matches(full, list(self._suggest_keys), n=5, cutoff=0.75)
            return PlaceMatch(
                city, "unknown", suggestions=tuple(self._suggest_keys[k] for k in close)
            )
        records = self._records
        mismatch = False
        # Official names before aliases, and the given Land before everything: "Biebrich"
        # in Hessen is Wiesbaden's district, without a Land the municipality Biebrich (RP).
        chosen: list[str] = []
        tier_no = 0
        # display names and other official forms are one tier ("Halle" may mean "Halle
        # (Saale)"); aliases only when no official name fits
        tiers = [sorted(set(tiers[0]) | set(tiers[1])), [], tiers[2]]
        for number, tier in enumerate(tiers):
            in_land = [a for a in tier if not code or records[a][1] == code]
            if in_land:
                chosen, tier_no = in_land, number
                break
        if not chosen:
            mismatch = True
            tier_no, chosen = next((n, t) for n, t in enumerate(tiers) if t)
        best = max(chosen, key=lambda a: (records[a][3], a))
        unique = len(chosen) == 1
        primary = [a for a in tiers_primary if a in chosen]
        if len(primary) == 1 and (full != base or primary[0] == best):
            best, unique = primary[0], True
        ordered = sorted(chosen, key=lambda a: (-records[a][3], a))
        alias = ""
        if tier_no == 2:
            alias = self._alias_names.get((full, best), "") or self._alias_names.get(
                (core, best), ""
            )
        return self._match(
            city,
            best,
            "exact" if unique else "ambiguous",
            alias=alias,
            candidates=() if unique else tuple(self.label(a) for a in ordered[:8]),
            state_mismatch=mismatch,
        )

    @cached_property
    def _records(self) -> dict[str, tuple[str, str, str, int, float, float]]:
        """AGS -> (display name, Land, Kreis, population, lat, lon): fast row access."""
        m = self.municipalities
        return {
            str(a): (str(n), str(land), str(k), int(p), float(la), float(lo))
            for a, n, land, k, p, la, lo in zip(
                m["ags"], m["display_name"], m["land"], m["kreis_ags"], m["population"],
                m["lat"], m["lon"], strict=True,
            )
        }  # fmt: skip

    def _match(self, query: str, ags: str, status: MatchStatus, **extra: object) -> PlaceMatch:
        name, land, kreis, population, lat, lon = self._records[ags]
        return PlaceMatch(
            query=query,
            status=status,
            ags=ags,
            name=name,
            land=land,
            kreis_ags=kreis,
            population=population,
            lat=lat,
            lon=lon,
            **extra,  # type: ignore[arg-type]
        )

    def label(self, ags: str) -> str:
        """'Göttingen (NI, 118.911 Einw.)'-like text of a municipality for messages."""
        name, land, _, population, _, _ = self._records[ags]
        return f"{name} ({land}, {population:,} inh.)"

    def resolve_many(self, cities: Sequence[str], lands: Sequence[str]) -> list[PlaceMatch]:
        """`resolve` for many (city, Land) pairs; each distinct pair is looked up once."""
        seen: dict[tuple[str, str], PlaceMatch] = {}
        out = []
        for city, land in zip(cities, lands, strict=True):
            pair = (str(city), str(land or ""))
            if pair not in seen:
                seen[pair] = self.resolve(pair[0], pair[1] or None)
            out.append(seen[pair])
        return out

    # --- points ------------------------------------------------------------------------------

    @cached_property
    def _polygons(self) -> tuple[list[str], Any] | None:
        if self._polygons_path is None or not self._polygons_path.exists():
            return None
        from shapely import STRtree
        from shapely.geometry import shape

        data = json.loads(self._polygons_path.read_text("utf-8"))
        keys = [f["properties"]["ags"] for f in data["features"]]
        shapes = [shape(f["geometry"]) for f in data["features"]]
        return keys, (STRtree(shapes), shapes)

    def resolve_point(self, lat: float, lon: float) -> str:
        """The AGS of the municipality polygon containing (lat, lon); "" outside all of them."""
        polygons = self._polygons
        if polygons is None or not (np.isfinite(lat) and np.isfinite(lon)):
            return ""
        from shapely.geometry import Point

        keys, (tree, _shapes) = polygons
        hits = tree.query(Point(lon, lat), predicate="within")
        return str(keys[int(hits[0])]) if len(hits) else ""

    # --- areas -------------------------------------------------------------------------------

    def kreis_name(self, kreis_ags: str) -> str:
        """Display name of a Kreis ('Göttingen'; kreisfreie Städte by their name)."""
        if kreis_ags in self.kreise.index:
            return str(self.kreise.at[kreis_ags, "display_name"])
        return kreis_ags

    def resolve_kreis(self, text: str, land: str | None = None) -> str:
        """The Kreis AGS a name means: "Landkreis Göttingen", "Kreis Herford", "03159", or a
        municipality (its Kreis). "" when nothing fits."""
        query = " ".join(str(text).split())
        if KREIS_AGS.match(query):
            return query if query in self.kreise.index else ""
        folded = s.fold(query)
        plain = next((folded[len(p) :] for p in _KREIS_PREFIXES if folded.startswith(p)), folded)
        key = match_keys(plain)[0]
        hits = [
            a
            for a, name in zip(self.kreise["kreis_ags"], self.kreise["display_name"], strict=True)
            if match_keys(name)[0] == key and (not land or self.kreise.at[a, "land"] == land)
        ]
        if hits:
            # "Kassel" names the kreisfreie Stadt and the Landkreis: without a prefix the city
            # (kreisfrei) wins, "Landkreis Kassel" chooses the Landkreis.
            prefixed = plain != folded
            hits.sort(key=lambda a: ((self.kreise.at[a, "type"] in ("41", "42")) == prefixed, a))
            return hits[0]
        match = self.resolve(query, land)
        return match.kreis_ags if match.found else ""

    def select(
        self,
        query: str,
        table: pd.DataFrame,
        *,
        key_column: str = "ags",
    ) -> Selection:
        """The rows of `table` (one per area, keyed by `key_column`) that `query` names.

        Municipality tables have `ags`, Kreis tables `kreis_ags`, Land tables `land`.
        "Marburg", "Goettingen", "Hann. Münden", "06534014" or "Kassel (HE)" find the row;
        a name that matches nothing selects nothing (never another row).
        """
        text = " ".join(str(query).split())
        if not text or table.empty:
            return Selection(text)
        text, land = split_land(text)
        keys = table[key_column].astype(str)
        if key_column == "land":
            code = s.canonical_state(text) or ""
            return Selection(text, tuple(table.index[keys == code]))
        if key_column == "kreis_ags":
            wanted = self.resolve_kreis(text, land or None)
        else:
            match = self.resolve(text, land or None)
            found = match.found and not (land and match.state_mismatch)
            wanted = match.ags if found else ""
            if not found:
                return Selection(text, suggestions=match.suggestions)
        return Selection(text, tuple(table.index[keys == wanted]) if wanted else ())


def split_land(text: str) -> tuple[str, str]:
    """'Neustadt (Hessen)' -> ('Neustadt', 'HE'); text without a Land suffix -> (text, '')."""
    if text.endswith(")") and " (" in text:
        head, tail = text.rsplit(" (", 1)
        code = s.canonical_state(tail[:-1])
        if code:
            return head, code
    return text, ""


def _union(index: dict[str, list[str]], keys: Iterable[str]) -> list[str]:
    out: list[str] = []
    for key in keys:
        for ags in index.get(key, ()):
            if ags not in out:
                out.append(ags)
    return out


def select_many(
    places: Places, queries: Iterable[str], table: pd.DataFrame, *, key_column: str = "ags"
) -> tuple[list[object], list[Selection]]:
    """Row labels of all `queries` in `table` (in query order), and the queries not found."""
    rows: list[object] = []
    missing: list[Selection] = []
    for query in queries:
        found = places.select(query, table, key_column=key_column)
        if found.found:
            rows.extend(r for r in found.rows if r not in rows)
        else:
            missing.append(found)
    return rows, missing


@lru_cache(maxsize=2)
def load_places(folder: Path = DATA_DIR) -> Places:
    """The bundled official directory (cached)."""
    return Places.from_directory(folder)
