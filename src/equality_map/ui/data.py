"""The data behind every page: parsed once per file version and shared, never mutated.

Caching belongs here (the UI layer), keyed on the data file's path, mtime and size.
"""

from __future__ import annotations

import gc
import hashlib
import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from equality_map import assets, i18n, mapping, yardsticks
from equality_map import coverage as cov
from equality_map import schema as s
from equality_map.coverage import Coverage
from equality_map.coverage_state import CoverageState
from equality_map.datastore import DataStore
from equality_map.filters import filter_options
from equality_map.load import LoadResult, load_facilities
from equality_map.places import load_places
from equality_map.prepare import city_lookup, present
from equality_map.ui import access, shell
from equality_map.yardsticks import Yardstick


def _file_key(path: Path) -> tuple[str, int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (str(path), -1, -1)
    return (str(path), stat.st_mtime_ns, stat.st_size)


@st.cache_resource(show_spinner=False, max_entries=4)
def _load_shared(key: tuple[str, int, int]) -> LoadResult:
    # Parsed once per file version and shared by every page and cache below (map layer,
    # coverage tables): no re-parse, and no pickled copy of the frame on each rerun.
    return load_facilities(key[0])


def load_data() -> LoadResult:
    """The data source, parsed once per file version (mtime + size); shared: never mutate it."""
    return _load_shared(_file_key(shell.data_path()))


def data_store() -> DataStore:
    """The store for the data file; history in EQUALITY_MAP_HISTORY_DIR or `<data dir>/.history`."""
    config = shell.settings()
    return DataStore(config.data, config.history)


def locate_missing(frame: pd.DataFrame) -> pd.DataFrame:
    """Place entries offline: municipality (AGS) and point from the directory and cache."""
    from equality_map.geocode import geocode_offline

    config = shell.settings()
    located, _issues = geocode_offline(frame, cache=config.geocode_cache, file=str(config.data))
    return located


@dataclass(frozen=True)
class Prepared:
    """Loaded, located, privacy-filtered data with marker specs; shared, never mutated."""

    frame: pd.DataFrame
    specs: list[dict[str, Any]]
    position: dict[Any, int]
    details_url: str | None
    options: dict[str, list[str]]
    load: LoadResult  # for the problem summary; shared (cache_resource), so no copy per rerun
    name_key: pd.Series  # folded names for sorting the list
    city_lookup: Callable[[str], str | None]  # other spellings and AGS -> municipality name


def _write_details(specs: list[dict[str, Any]], token: str) -> str | None:
    """Write popup chunk files to static/cache/<token>/ and return their URL prefix."""
    folder = assets.STATIC_DIR / "cache" / token
    try:
        chunks = mapping.details_chunks(specs)
        if not (folder / f"{len(chunks) - 1}.json").exists():
            folder.mkdir(parents=True, exist_ok=True)
            for n, data in enumerate(chunks):
                tmp = folder / f"{n}.json.tmp"
                tmp.write_bytes(data)
                tmp.replace(folder / f"{n}.json")
    except OSError:
        return None
    return f"{shell.static_url()}/cache/{token}/"


@st.cache_resource(show_spinner=False, max_entries=4)
def _prepare(key: tuple[str, int, int], lang: str) -> Prepared:
    result = _load_shared(key)
    frame = present(_located(key), load_places())
    specs = mapping.marker_specs(frame, lang)
    position = {row: i for i, row in enumerate(frame.index)}
    details_url = None
    if len(specs) > mapping.INLINE_DETAILS_MAX:
        token = hashlib.sha1(json.dumps([*key, lang]).encode()).hexdigest()[:16]
        details_url = _write_details(specs, token)
    prepared = Prepared(
        frame,
        specs,
        position,
        details_url,
        filter_options(frame),
        result,
        frame[s.NAME].map(s.fold),
        city_lookup(frame, load_places()),
    )
    # Streamlit runs a full garbage collection after every script run (runner.postScriptGC,
    # which frees a finished session's garbage at once). Walking the prepared data and the
    # place index each time cost every new viewer about 0.14 s of CPU (bench/viewer_bench.py
    # --profile); frozen, the collector skips what exists now. Reference counting still frees
    # it when the data file changes and the cache drops it.
    gc.freeze()
    return prepared


def prepared_data(lang: str) -> Prepared:
    """Prepared data of the current data source; rebuilt when the file changes."""
    return _prepare(_file_key(shell.data_path()), lang)


def show_load_problems(result: LoadResult, lang: str) -> bool:
    """Validation problems, for signed-in maintainers only; False when the file is unreadable.

    Visitors never see file paths, row warnings or counts of errors: an unreadable source is a
    neutral "not available" message, other problems are not shown at all (maintainers see them
    here and on the Data page, operators with `equality-map validate`).
    """
    maintainer = access.maintainer_signed_in()
    if result.unreadable:
        if maintainer:
            first = result.errors[0] if result.errors else None
            message = first.message(lang) if first else ""
            st.error(i18n.t("data_unreadable", lang, file=str(shell.data_path()), message=message))
        else:
            st.error(i18n.t("data_unavailable", lang))
        return False
    if result.issues and maintainer:
        st.caption(
            i18n.t("data_issues", lang, errors=len(result.errors), warnings=len(result.warnings))
        )
        with st.expander(i18n.t("data_issue_details", lang)):
            st.code("\n".join(i.describe(lang) for i in result.issues[:500]), language=None)
    return True


@st.cache_resource(show_spinner=False, max_entries=4)
def _located(key: tuple[str, int, int]) -> pd.DataFrame:
    # Placed once per file version (AGS, Kreis, point) and shared by the map and coverage.
    return locate_missing(_load_shared(key).frame)


@st.cache_resource(show_spinner=False, max_entries=8)
def located_entries() -> pd.DataFrame:
    """The entries of the current data source with their municipality (shared, cached)."""
    return _located(_file_key(shell.data_path()))


def _coverage(
    key: tuple[str, int, int],
    surveys: tuple[str, int, int],
    yardstick: Yardstick,
    thresholds: tuple[int, ...],
    min_population: int,
    today_iso: str,
) -> Coverage:
    options = cov.Options(yardstick, min_population, thresholds, date.fromisoformat(today_iso))
    return cov.compute_with_files(_located(key), options, Path(surveys[0]))


def coverage(state: CoverageState, yardstick: Yardstick) -> Coverage:
    """Coverage at all levels for the page's view, cached per data and surveys file version."""
    config = shell.settings()
    return _coverage(
        _file_key(config.data),
        _file_key(config.surveys),
        yardstick,
        state.thresholds,
        state.min_population,
        shell.today().isoformat(),
    )


def yardstick(state: CoverageState) -> Yardstick:
    """The view's yardstick: one of data/yardsticks.csv or the planner's own number."""
    if state.yardstick == "custom":
        return yardsticks.custom(
            state.custom_amount, state.custom_per, state.custom_unit, state.custom_base
        )
    return yardsticks.get_yardstick(state.yardstick, all_yardsticks())


@st.cache_resource(show_spinner=False)
def all_yardsticks() -> dict[str, Yardstick]:
    """The bundled yardsticks (read once per process)."""
    return yardsticks.load_yardsticks()


def tiles_and_attribution() -> tuple[str, str]:
    """Tile URL template and attribution of the settings (default OpenStreetMap)."""
    config = shell.settings()
    return config.tiles_url, config.tiles_attribution
