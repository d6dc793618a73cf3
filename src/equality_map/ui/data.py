"""The data behind every page: parsed once per file version and shared, never mutated.

Caching belongs here (the UI layer), keyed on the data file's path, mtime and size.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from equality_map import assets, i18n, mapping
from equality_map import schema as s
from equality_map.datastore import DataStore
from equality_map.filters import filter_options
from equality_map.load import LoadResult, load_facilities
from equality_map.prepare import prepare_entries
from equality_map.ui import shell


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
    """Fill missing coordinates offline: geocode cache (read-only) and gazetteer, no network."""
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
    config = shell.settings()
    frame = prepare_entries(result.frame, cache=config.geocode_cache, file=str(config.data))
    specs = mapping.marker_specs(frame, lang)
    position = {row: i for i, row in enumerate(frame.index)}
    details_url = None
    if len(specs) > mapping.INLINE_DETAILS_MAX:
        token = hashlib.sha1(json.dumps([*key, lang]).encode()).hexdigest()[:16]
        details_url = _write_details(specs, token)
    return Prepared(
        frame,
        specs,
        position,
        details_url,
        filter_options(frame),
        result,
        frame[s.NAME].map(s.fold),
    )


def prepared_data(lang: str) -> Prepared:
    """Prepared data of the current data source; rebuilt when the file changes."""
    return _prepare(_file_key(shell.data_path()), lang)


def show_load_problems(result: LoadResult, lang: str) -> bool:
    """Summarise validation problems (never a traceback); False when the file is unreadable."""
    if result.unreadable:
        first = result.errors[0] if result.errors else None
        message = first.message(lang) if first else ""
        st.error(i18n.t("data_unreadable", lang, file=str(shell.data_path()), message=message))
        return False
    if result.issues:
        st.caption(
            i18n.t("data_issues", lang, errors=len(result.errors), warnings=len(result.warnings))
        )
        with st.expander(i18n.t("data_issue_details", lang)):
            st.code("\n".join(i.format(lang) for i in result.issues[:500]), language=None)
    return True


@st.cache_data(show_spinner=False, max_entries=8)
def _coverage_tables(
    key: tuple[str, int, int], min_population: int, today_iso: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    from equality_map import coverage as cov
    from equality_map.legal_rules import load_legal_rules
    from equality_map.places import load_places

    frame = locate_missing(_load_shared(key).frame)  # offline; confidential at city level
    table = cov.coverage_by_city(
        frame,
        load_places(),
        load_legal_rules(),
        min_population=min_population,
        today=date.fromisoformat(today_iso),
    )
    return table, cov.coverage_by_state(table)


def coverage_tables(min_population: int = 10_000) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per-city and per-Land coverage tables, cached per data file version and threshold."""
    return _coverage_tables(_file_key(shell.data_path()), min_population, shell.today().isoformat())
