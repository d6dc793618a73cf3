"""The only core-side module that imports Streamlit: cached loading and shared widgets."""

from __future__ import annotations

import hashlib
import json
import os
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from equality_map import assets, i18n, mapping
from equality_map import schema as s
from equality_map.filters import Filter, category_counts, filter_options
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


# --- map app shell (issue 4) -------------------------------------------------------------------
# Streamlit glue for the map page: language, assets, prepared data, filter widgets <-> URL.

LANG_PARAM = "lang"


def current_lang() -> str:
    """The UI language: sidebar choice, else ?lang= in the URL, else German."""
    chosen = st.session_state.get("ui_lang")
    if chosen in i18n.LANGS:
        return str(chosen)
    return i18n.parse_lang(st.query_params.get(LANG_PARAM, ""))


def language_selector() -> str:
    """Sidebar language switch, kept in ?lang= (German has no param)."""
    if "ui_lang" not in st.session_state:
        st.session_state["ui_lang"] = i18n.parse_lang(st.query_params.get(LANG_PARAM, ""))
    lang = str(st.session_state["ui_lang"])
    st.sidebar.radio(
        i18n.t("language", lang),
        options=list(i18n.LANGS),
        format_func=lambda code: i18n.t(f"lang_{code}", code),
        key="ui_lang",
        horizontal=True,
    )
    lang = str(st.session_state["ui_lang"])
    if lang == i18n.DEFAULT_LANG:
        if LANG_PARAM in st.query_params:
            del st.query_params[LANG_PARAM]
    elif st.query_params.get(LANG_PARAM) != lang:
        st.query_params[LANG_PARAM] = lang
    return lang


def is_maintainer() -> bool:
    """Whether the maintainers' Data page is shown (authentication comes in a later issue)."""
    return False


def static_url() -> str:
    """URL path of ./static as served by Streamlit, honouring server.baseUrlPath."""
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    return ("/" + base if base else "") + assets.STATIC_URL


@st.cache_resource(show_spinner=False)
def ensure_assets() -> bool:
    """Copy Leaflet etc. from the XStatic packages into static/vendor/ once per process."""
    try:
        assets.install_vendor()
    except OSError:
        return False
    return True


def tiles_config() -> tuple[str, str]:
    """Tile URL template and attribution from env (default OpenStreetMap)."""
    url = os.environ.get("EQUALITY_MAP_TILES_URL", "").strip() or mapping.DEFAULT_TILES_URL
    attribution = os.environ.get("EQUALITY_MAP_TILES_ATTRIBUTION", "").strip()
    return url, attribution or mapping.DEFAULT_TILES_ATTRIBUTION


def locate_missing(frame: pd.DataFrame) -> pd.DataFrame:
    """Adapter: fill missing coordinates offline (geocode.geocode_offline when available)."""
    try:
        from equality_map import geocode

        located = geocode.geocode_offline(frame)
        return located if isinstance(located, pd.DataFrame) else located[0]
    except (ImportError, AttributeError):
        return _gazetteer_centroids(frame)


def _gazetteer_centroids(frame: pd.DataFrame) -> pd.DataFrame:
    """Interim fallback until geocode.py lands: the city's gazetteer point (precision city)."""
    from equality_map.gazetteer import load_gazetteer

    missing = frame[s.LAT].isna() | frame[s.LON].isna()
    if not missing.any():
        return frame
    try:
        places = load_gazetteer().municipalities()
    except OSError:
        return frame
    places = places.sort_values("population", ascending=False)
    by_state: dict[tuple[str, str], tuple[float, float]] = {}
    by_name: dict[str, tuple[float, float]] = {}
    for name, state, lat, lon in places[["name", "state", "lat", "lon"]].itertuples(index=False):
        key = s.fold(str(name))
        by_state.setdefault((key, str(state)), (float(lat), float(lon)))
        by_name.setdefault(key, (float(lat), float(lon)))
    out = frame.copy()
    for row in out.index[missing]:
        key = s.fold(str(out.at[row, s.CITY]))
        point = by_state.get((key, str(out.at[row, s.STATE]))) or by_name.get(key)
        if point is None:
            continue
        out.at[row, s.LAT], out.at[row, s.LON] = point
        if s.GEOCODE_PRECISION in out.columns:
            out.at[row, s.GEOCODE_PRECISION] = "city"
        if s.GEOCODE_SOURCE in out.columns:
            out.at[row, s.GEOCODE_SOURCE] = "gazetteer"
    return out


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
    return f"{static_url()}/cache/{token}/"


@st.cache_resource(show_spinner=False, max_entries=4)
def _prepare(key: tuple[str, int, int], lang: str) -> Prepared:
    result = load_facilities(key[0])
    frame = mapping.public_frame(locate_missing(result.frame))
    order = frame.sort_values([s.STATE, s.CITY, s.NAME], kind="stable").index
    frame = frame.loc[order]
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
    return _prepare(_file_key(data_path()), lang)


def show_load_problems(result: LoadResult, lang: str) -> bool:
    """Summarise validation problems (never a traceback); False when the file is unreadable."""
    if result.unreadable:
        first = result.errors[0] if result.errors else None
        message = first.message(lang) if first else ""
        st.error(i18n.t("data_unreadable", lang, file=str(data_path()), message=message))
        return False
    if result.issues:
        st.caption(
            i18n.t("data_issues", lang, errors=len(result.errors), warnings=len(result.warnings))
        )
        with st.expander(i18n.t("data_issue_details", lang)):
            st.code("\n".join(i.format(lang) for i in result.issues[:500]), language=None)
    return True


# --- filter widgets <-> URL ---------------------------------------------------------------------

_WIDGETS = (
    "f_group",
    "f_category",
    "f_state",
    "f_city",
    "f_q",
    "f_target",
    "f_topic",
    "f_network",
    "f_language",
    "f_wheelchair",
    "f_verified",
)


def _url_params() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params}


def _reset_filters() -> None:
    for key in _WIDGETS:
        st.session_state.pop(key, None)
    st.session_state["f_from_url"] = Filter()
    lang = st.query_params.get(LANG_PARAM)
    st.query_params.clear()
    if lang:
        st.query_params[LANG_PARAM] = lang


def filter_sidebar(options: dict[str, list[str]], lang: str) -> Filter:
    """Sidebar filter widgets, initialised from the URL; the URL is updated to match."""
    initial = st.session_state.get("f_from_url")
    if initial is None:
        initial = Filter.from_query_params(_url_params(), options)
        st.session_state["f_from_url"] = initial
        defaults: dict[str, Any] = {
            "f_group": list(initial.groups),
            "f_category": list(initial.categories),
            "f_state": list(initial.states),
            "f_city": list(initial.cities),
            "f_q": initial.q,
            "f_target": list(initial.target_groups),
            "f_topic": list(initial.topics),
            "f_network": list(initial.networks),
            "f_language": list(initial.languages),
            "f_wheelchair": initial.wheelchair,
            "f_verified": initial.verified_months or 0,
        }
        for key, value in defaults.items():
            st.session_state[key] = value
    sb = st.sidebar
    sb.header(i18n.t("filters", lang))
    any_ = i18n.t("f_any", lang)
    sb.multiselect(
        i18n.t("f_group", lang),
        list(s.GROUPS),
        format_func=lambda k: i18n.group_label(k, lang),
        key="f_group",
        placeholder=any_,
    )
    sb.multiselect(
        i18n.t("f_category", lang),
        list(s.CATEGORIES),
        format_func=lambda k: i18n.category_label(k, lang),
        key="f_category",
        placeholder=any_,
    )
    sb.multiselect(
        i18n.t("f_state", lang),
        list(s.STATES),
        format_func=lambda k: i18n.state_label(k, lang),
        key="f_state",
        placeholder=any_,
    )
    for key, column in (
        ("f_city", "cities"),
        ("f_q", ""),
        ("f_target", "target_groups"),
        ("f_topic", "topics"),
        ("f_network", "networks"),
        ("f_language", "languages"),
    ):
        if column:
            sb.multiselect(i18n.t(key, lang), options[column], key=key, placeholder=any_)
        else:
            sb.text_input(i18n.t(key, lang), key=key, max_chars=200)
    sb.checkbox(i18n.t("f_wheelchair", lang), key="f_wheelchair")
    sb.number_input(
        i18n.t("f_verified", lang), min_value=0, max_value=240, step=1, key="f_verified"
    )
    sb.button(i18n.t("f_reset", lang), on_click=_reset_filters, key="f_reset_button")
    chosen = Filter(
        groups=tuple(sorted(st.session_state["f_group"])),
        categories=tuple(sorted(st.session_state["f_category"])),
        states=tuple(sorted(st.session_state["f_state"])),
        cities=tuple(sorted(st.session_state["f_city"])),
        q=" ".join(str(st.session_state["f_q"]).split()),
        target_groups=tuple(sorted(st.session_state["f_target"])),
        topics=tuple(sorted(st.session_state["f_topic"])),
        networks=tuple(sorted(st.session_state["f_network"])),
        languages=tuple(sorted(st.session_state["f_language"])),
        wheelchair=bool(st.session_state["f_wheelchair"]),
        verified_months=int(st.session_state["f_verified"]) or None,
    )
    params: dict[str, Any] = dict(chosen.to_query_params())
    if lang != i18n.DEFAULT_LANG:
        params[LANG_PARAM] = lang
    if _url_params() != {k: v if isinstance(v, list) else [v] for k, v in params.items()}:
        st.query_params.from_dict(params)
    return chosen


def category_counts_sidebar(frame: pd.DataFrame, lang: str) -> None:
    """Counts per category of the current selection, in the sidebar."""
    counts = category_counts(frame)
    lines = [
        f"- {mapping.legend_symbol(k)} {i18n.category_label(k, lang)}: "
        f"**{i18n.format_number(n, lang)}**"
        for k, n in counts.items()
    ]
    st.sidebar.subheader(i18n.t("counts_heading", lang))
    st.sidebar.markdown("\n".join(lines))


def today() -> date:
    """The clock (one seam, so tests can patch it)."""
    return date.today()


def show_map(prep: Prepared, selected: pd.DataFrame, lang: str, flt: Filter) -> None:
    """The map: constant base (never remounted on filter change) + the filtered entries layer."""
    from streamlit_folium import st_folium

    url, attribution = tiles_config()
    base = mapping.base_map(
        lang=lang, tiles_url=url, tiles_attribution=attribution, static_url=static_url()
    )
    keys = [prep.position[row] for row in selected.index]
    specs = [prep.specs[k] for k in keys]
    filter_id = hashlib.sha1(json.dumps(flt.to_query_params(), sort_keys=True).encode()).hexdigest()
    layer = mapping.entries_layer(
        specs, keys=keys, details_url=prep.details_url, filter_id=filter_id[:12]
    )
    st_folium(
        base,
        key="em_map",
        height=600,
        use_container_width=True,
        returned_objects=[],
        feature_group_to_add=layer,
    )


_SORT_KEYS = ("col_name", "col_category", "col_state", "col_last_verified")


def entries_list(
    selected: pd.DataFrame, lang: str, page_size: int = 50, name_key: pd.Series | None = None
) -> None:
    """An accessible HTML table of the selection (sortable, paged), same facts as the popups."""
    from equality_map.exports import display_frame

    st.subheader(i18n.t("list_heading", lang))
    if selected.empty:
        st.info(i18n.t("no_entries", lang))
        return
    cols = st.columns([2, 1, 1])
    sort_key = cols[0].selectbox(
        i18n.t("list_sort", lang), _SORT_KEYS, format_func=lambda k: i18n.t(k, lang), key="l_sort"
    )
    descending = cols[1].toggle(i18n.t("list_desc", lang), key="l_desc")
    pages = max(1, -(-len(selected) // page_size))
    page = cols[2].number_input(
        i18n.t("list_page", lang, pages=pages), min_value=1, max_value=pages, step=1, key="l_page"
    )
    frame = selected
    if sort_key == "col_last_verified":
        order = frame[s.LAST_VERIFIED].sort_values(ascending=not descending, na_position="last")
    elif sort_key == "col_category":
        order = frame[s.CATEGORY].map(lambda k: i18n.category_label(k, lang)).map(s.fold)
        order = order.sort_values(ascending=not descending, kind="stable")
    elif sort_key == "col_state":
        order = (frame[s.STATE] + "\n" + frame[s.CITY]).map(s.fold)
        order = order.sort_values(ascending=not descending, kind="stable")
    else:
        keys = name_key.loc[frame.index] if name_key is not None else frame[s.NAME].map(s.fold)
        order = keys.sort_values(ascending=not descending, kind="stable")
    start = (int(page) - 1) * page_size
    rows = frame.loc[order.index[start : start + page_size]]
    st.table(display_frame(rows, lang).reset_index(drop=True))


def downloads(selected: pd.DataFrame, lang: str) -> None:
    """CSV and GeoJSON downloads of the selection (generated only when clicked)."""
    from equality_map.exports import to_geojson_bytes, to_safe_csv_bytes

    col1, col2 = st.columns(2)
    col1.download_button(
        i18n.t("download_csv", lang),
        data=lambda: to_safe_csv_bytes(selected),
        file_name="equality-map.csv",
        mime="text/csv",
        key="dl_csv",
    )
    col2.download_button(
        i18n.t("download_geojson", lang),
        data=lambda: to_geojson_bytes(selected),
        file_name="equality-map.geojson",
        mime="application/geo+json",
        key="dl_geojson",
    )
