"""The only core-side module that imports Streamlit: cached loading and shared widgets."""

from __future__ import annotations

import os
from pathlib import Path

import streamlit as st

from equality_map.load import LoadResult, load_facilities

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "data" / "facilities.csv"


def data_path() -> Path:
    """The data source: env EQUALITY_MAP_DATA or the bundled data/facilities.csv."""
    return Path(os.environ.get("EQUALITY_MAP_DATA", str(DEFAULT_DATA)))


def _file_key(path: Path) -> tuple[str, int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (str(path), -1, -1)
    return (str(path), stat.st_mtime_ns, stat.st_size)


@st.cache_data(show_spinner=False, max_entries=4)
def _load_cached(key: tuple[str, int, int]) -> LoadResult:
    return load_facilities(key[0])


def load_data() -> LoadResult:
    """Load the data source; cached until the file's mtime or size changes."""
    path = data_path()
    return _load_cached(_file_key(path))


def page_setup() -> None:
    """Page config shared by all pages."""
    st.set_page_config(page_title="equality-map", page_icon="⚖️", layout="wide")


def placeholder_page() -> None:
    """A simple overview until the map page lands."""
    result = load_data()
    st.title("equality-map")
    st.write(f"{len(result.frame)} Einträge geladen, {len(result.errors)} Fehler.")
    st.dataframe(result.frame[["name", "category", "city", "state"]], hide_index=True)
