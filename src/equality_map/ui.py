"""The only core-side module that imports Streamlit: cached loading and shared widgets."""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pandas as pd
import streamlit as st

from equality_map import assets, auth, embed, i18n, mapping
from equality_map import schema as s
from equality_map.datastore import DataStore, history_dir_for
from equality_map.filters import Filter, category_counts, filter_options
from equality_map.load import LoadResult, load_facilities

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "data" / "facilities.csv"


def data_path() -> Path:
    """The data source: EQUALITY_MAP_DATA (env or config file) or the bundled file."""
    return Path(os.environ.get("EQUALITY_MAP_DATA", str(DEFAULT_DATA)))


def apply_config() -> None:
    """Defaults from equality-map.toml (see config.py); an unusable file stops with its error."""
    from equality_map.config import ConfigError, apply_config_file

    try:
        apply_config_file()
    except ConfigError as exc:
        st.error(str(exc))
        st.stop()


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
    return _load_shared(_file_key(data_path()))


def page_setup() -> None:
    """Page config shared by all pages."""
    st.set_page_config(page_title="equality-map", page_icon="⚖️", layout="wide")


# --- maintainers: sign-in and the Data page (issue 6) ------------------------------------------

_MAINTAINER_KEY = "_equality_map_maintainer"
DATA_PAGE_FILE = Path(__file__).resolve().parents[2] / "pages" / "data.py"


def _secrets() -> dict[str, object]:
    """st.secrets as a plain dict; {} when there is no secrets.toml (never an exception)."""
    try:
        return {str(k): v for k, v in st.secrets.items()}
    except Exception:  # no secrets file, or an unparsable one: treat as "nothing configured"
        return {}


def admin_password() -> str | None:
    """The maintainer password: st.secrets['admin_password'] or env EQUALITY_MAP_ADMIN_PASSWORD."""
    return auth.configured_password(_secrets(), os.environ)


def oidc_configured() -> bool:
    """OIDC sign-in (st.login) is offered only with an [auth] section and a maintainer list."""
    secrets = _secrets()
    return isinstance(secrets.get("auth"), Mapping) and bool(auth.maintainer_emails(secrets))


def editing_configured() -> bool:
    """Whether any sign-in method is configured; without one, editing is off."""
    return admin_password() is not None or oidc_configured()


def is_embedded() -> bool:
    """True for embedded viewers (`?embed=true`); they never see maintainer pages."""
    try:
        if st.context.is_embedded:
            return True
    except Exception:  # older Streamlit or no script context
        pass
    return str(st.query_params.get("embed", "")).lower() == "true"


def _oidc_user() -> str | None:
    if not oidc_configured():
        return None
    try:
        if not st.user.is_logged_in:
            return None
        email = st.user.get("email")
    except Exception:  # auth not set up (Authlib missing) or no user info
        return None
    if auth.oidc_allows(str(email) if email else None, auth.maintainer_emails(_secrets())):
        return str(email)
    return None


def maintainer_signed_in() -> bool:
    """True when this session may edit the data: signed in, editing configured, not embedded."""
    if is_embedded() or not editing_configured():
        return False
    if _oidc_user() is not None:
        return True
    state = st.session_state.get(_MAINTAINER_KEY)
    return (
        isinstance(state, dict)
        and state.get("method") == "password"
        and (admin_password() is not None)
    )


def maintainer_name() -> str:
    """Who is signed in, for the change log."""
    email = _oidc_user()
    if email:
        return email
    state = st.session_state.get(_MAINTAINER_KEY)
    if isinstance(state, dict):
        return str(state.get("user", "maintainer"))
    return "maintainer"


@st.cache_resource
def _rate_limiter() -> auth.RateLimiter:
    """One limiter per server process, shared by all sessions."""
    return auth.RateLimiter()


def _attempt_keys() -> list[str]:
    """Failed attempts count per session and per client address."""
    keys = []
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        ctx = get_script_run_ctx()
        if ctx is not None:
            keys.append(f"session:{ctx.session_id}")
    except Exception:  # no script context (bare mode)
        pass
    try:
        ip = st.context.ip_address
    except Exception:
        ip = None
    keys.append(f"ip:{ip or 'local'}")
    return keys


def password_sign_in(given: str, user: str = "") -> tuple[bool, float]:
    """Check a password under the rate limit; on success the session becomes a maintainer."""
    limiter = _rate_limiter()
    keys = _attempt_keys()
    wait = max(limiter.retry_after(k) for k in keys)
    if wait > 0:
        return False, wait
    if auth.check_password(given, admin_password()):
        for k in keys:
            limiter.record_success(k)
        st.session_state[_MAINTAINER_KEY] = {
            "method": "password",
            "user": (user.strip() or "maintainer")[:80],
        }
        return True, 0.0
    lockout = max(limiter.record_failure(k) for k in keys)
    return False, lockout


def sign_out() -> None:
    """End the maintainer session (and the OIDC session if there is one)."""
    st.session_state.pop(_MAINTAINER_KEY, None)
    if _oidc_user() is not None:
        st.logout()


_SIGN_IN_OUTCOME = "_equality_map_sign_in_outcome"


def _on_sign_in_submit() -> None:
    ok, wait = password_sign_in(
        str(st.session_state.get("mt_password", "")), str(st.session_state.get("mt_user", ""))
    )
    if not ok:
        st.session_state[_SIGN_IN_OUTCOME] = float(wait) if wait > 0 else "wrong"


def sign_in_form() -> None:
    """Maintainer sign-in in the sidebar; nothing at all for embedded viewers."""
    if is_embedded():
        return
    lang = current_lang()

    def _(text: str, **values: Any) -> str:
        return i18n.gettext(text, lang, **values)

    with st.sidebar.expander(_("Anmelden für Datenpflege"), expanded=False, icon=":material/lock:"):
        if not editing_configured():
            st.caption(
                _(
                    "Datenpflege ist ausgeschaltet: es ist kein Passwort eingerichtet. "
                    "Betreiber*innen setzen `admin_password` in `.streamlit/secrets.toml` "
                    "oder die Umgebungsvariable `EQUALITY_MAP_ADMIN_PASSWORD`."
                )
            )
            return
        if maintainer_signed_in():
            st.write(_("Angemeldet als **{user}**.", user=maintainer_name()))
            if st.button(_("Abmelden"), key="maintainer_sign_out"):
                sign_out()
                st.rerun()
            return
        if admin_password() is not None:
            with st.form("maintainer_sign_in", clear_on_submit=True, border=False):
                st.text_input(_("Ihr Name (für das Änderungsprotokoll)"), key="mt_user")
                st.text_input(_("Passwort"), type="password", key="mt_password")
                # A callback, not the button's return value: it runs before the script, so a
                # rerun started by the map component cannot swallow the one-shot submit.
                st.form_submit_button(_("Anmelden"), on_click=_on_sign_in_submit)
            outcome = st.session_state.pop(_SIGN_IN_OUTCOME, None)
            if isinstance(outcome, float) and outcome > 0:
                st.error(
                    _(
                        "Zu viele Fehlversuche. Bitte in {seconds} Sekunden erneut versuchen.",
                        seconds=int(outcome) + 1,
                    )
                )
            elif outcome == "wrong":
                st.error(_("Das Passwort stimmt nicht."))
        if oidc_configured() and st.button(_("Mit Konto anmelden (OIDC)"), key="maintainer_oidc"):
            st.login()


def data_pages() -> list[Any]:
    """The Data page for st.navigation, only when this session may edit (else an empty list)."""
    if not maintainer_signed_in():
        return []
    return [
        st.Page(
            DATA_PAGE_FILE,
            title=i18n.gettext("Daten pflegen", current_lang()),
            icon=":material/edit_note:",
            url_path="data",
        )
    ]


def require_maintainer() -> None:
    """Second check inside the Data page: stop unless this session may edit."""
    if maintainer_signed_in():
        return
    lang = current_lang()
    if not editing_configured():
        st.warning(
            i18n.gettext(
                "Datenpflege ist ausgeschaltet, weil kein Passwort eingerichtet ist "
                "(`admin_password` in secrets.toml oder `EQUALITY_MAP_ADMIN_PASSWORD`).",
                lang,
            )
        )
    else:
        st.error(i18n.gettext("Diese Seite ist nur für angemeldete Datenpflegende.", lang))
    st.stop()


def data_store() -> DataStore:
    """The store for the data file; history in EQUALITY_MAP_HISTORY_DIR or `<data dir>/.history`."""
    path = data_path()
    return DataStore(path, history_dir_for(path, os.environ.get("EQUALITY_MAP_HISTORY_DIR")))


# --- map app shell (issue 4) -------------------------------------------------------------------
# Streamlit glue for the map page: language, assets, prepared data, filter widgets <-> URL.

LANG_PARAM = "lang"


def require_app_shell() -> None:
    """Make sure a page runs inside app.py (navigation, sign-in, language, access rules).

    Because the page files live in `pages/`, Streamlit runs a page file directly (its old
    pages-folder mode) when a page URL such as /about is the first one opened after a server
    start, before app.py has ever called st.navigation. Switch that mode off and rerun, so
    app.py runs and shows the page itself.
    """
    from streamlit.runtime.pages_manager import PagesManager

    if getattr(PagesManager, "uses_pages_directory", False):
        PagesManager.uses_pages_directory = False
        st.rerun()


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
    """Whether the maintainers' Data page is shown: signed in, editing configured, not embedded."""
    return maintainer_signed_in()


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
    """Fill missing coordinates offline: geocode cache (read-only) and gazetteer, no network."""
    from equality_map.geocode import geocode_offline

    located, _issues = geocode_offline(frame, file=str(data_path()))
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
    return f"{static_url()}/cache/{token}/"


@st.cache_resource(show_spinner=False, max_entries=4)
def _prepare(key: tuple[str, int, int], lang: str) -> Prepared:
    result = _load_shared(key)
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


#: The widgets' values of an empty filter (a reset writes them, so the browser shows them too).
_EMPTY_VALUES: dict[str, Any] = {key: [] for key in _WIDGETS} | {
    "f_q": "",
    "f_wheelchair": False,
    "f_verified": 0,
}


def _reset_filters() -> None:
    # Widget identity is the key, so only values written to session state reach the browser;
    # popping the keys would leave the old choices on screen while the filter is empty.
    for key in _WIDGETS:
        value = _EMPTY_VALUES[key]
        st.session_state[key] = list(value) if isinstance(value, list) else value
    st.session_state["f_from_url"] = Filter()
    lang = st.query_params.get(LANG_PARAM)
    st.query_params.clear()
    if lang:
        st.query_params[LANG_PARAM] = lang


def filter_sidebar(options: dict[str, list[str]], lang: str) -> Filter:
    """Sidebar filter widgets, initialised from the URL; the URL is updated to match.

    The URL's filter is read once per session and given to the widgets as their defaults
    (not written into session state), so their messages stay identical from one rerun to the
    next: Streamlit then serves them from its message cache and the browser does not redraw
    them (the city list alone can hold thousands of names).
    """
    initial = st.session_state.get("f_from_url")
    if initial is None:
        initial = Filter.from_query_params(_url_params(), options)
        st.session_state["f_from_url"] = initial
    sb = st.sidebar
    sb.header(i18n.t("filters", lang))
    any_ = i18n.t("f_any", lang)
    sb.multiselect(
        i18n.t("f_group", lang),
        list(s.GROUPS),
        default=list(initial.groups) or None,
        format_func=lambda k: i18n.group_label(k, lang),
        key="f_group",
        placeholder=any_,
    )
    sb.multiselect(
        i18n.t("f_category", lang),
        list(s.CATEGORIES),
        default=list(initial.categories) or None,
        format_func=lambda k: i18n.category_label(k, lang),
        key="f_category",
        placeholder=any_,
    )
    sb.multiselect(
        i18n.t("f_state", lang),
        list(s.STATES),
        default=list(initial.states) or None,
        format_func=lambda k: i18n.state_label(k, lang),
        key="f_state",
        placeholder=any_,
    )
    for key, column, default in (
        ("f_city", "cities", initial.cities),
        ("f_q", "", initial.q),
        ("f_target", "target_groups", initial.target_groups),
        ("f_topic", "topics", initial.topics),
        ("f_network", "networks", initial.networks),
        ("f_language", "languages", initial.languages),
    ):
        if column:
            # The data file may have changed since the URL was read: only offered values.
            offered = set(options[column])
            sb.multiselect(
                i18n.t(key, lang),
                options[column],
                default=[v for v in default if v in offered] or None,
                key=key,
                placeholder=any_,
            )
        else:
            sb.text_input(i18n.t(key, lang), value=str(default), key=key, max_chars=200)
    sb.checkbox(i18n.t("f_wheelchair", lang), value=initial.wheelchair, key="f_wheelchair")
    sb.number_input(
        i18n.t("f_verified", lang),
        min_value=0,
        max_value=240,
        value=initial.verified_months or "min",
        step=1,
        key="f_verified",
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


def _markdown_escape(text: str) -> str:
    """`text` with every ASCII punctuation character backslash-escaped (CommonMark)."""
    return "".join(
        "\\" + ch if ch.isascii() and not ch.isalnum() and not ch.isspace() else ch for ch in text
    )


def category_counts_sidebar(frame: pd.DataFrame, lang: str) -> None:
    """Counts per category of the current selection, in the sidebar."""
    counts = category_counts(frame)
    # Symbols such as "+" or "=" start Markdown syntax ("- + x" is a nested list): escape them.
    lines = [
        f"- {_markdown_escape(mapping.legend_symbol(k))} {i18n.category_label(k, lang)}: "
        f"**{i18n.format_number(n, lang)}**"
        for k, n in counts.items()
    ]
    st.sidebar.subheader(i18n.t("counts_heading", lang))
    st.sidebar.markdown("\n".join(lines))


def today() -> date:
    """The clock (one seam, so tests can patch it)."""
    return date.today()


def show_map(
    prep: Prepared,
    selected: pd.DataFrame,
    lang: str,
    flt: Filter,
    *,
    height: int = 600,
    gestures: bool = False,
    key: str = "em_map",
) -> None:
    """The map: constant base (never remounted on filter change) + the filtered entries layer.

    Embeds pass `gestures=True` (two-finger/Ctrl scrolling) and their own height and key.
    """
    from streamlit_folium import st_folium

    url, attribution = tiles_config()
    base = mapping.base_map(
        lang=lang, tiles_url=url, tiles_attribution=attribution, static_url=static_url()
    )
    if gestures:
        base.add_child(embed.GestureHandling(lang), name="em_gesture")
    keys = [prep.position[row] for row in selected.index]
    specs = [prep.specs[k] for k in keys]
    filter_id = hashlib.sha1(json.dumps(flt.to_query_params(), sort_keys=True).encode()).hexdigest()
    layer = mapping.entries_layer(
        specs, keys=keys, details_url=prep.details_url, filter_id=filter_id[:12]
    )
    st_folium(
        base,
        key=key,
        height=height,
        use_container_width=True,
        returned_objects=[],
        feature_group_to_add=layer,
    )


_SORT_KEYS = ("col_name", "col_category", "col_state", "col_last_verified")


def entries_list(
    selected: pd.DataFrame, lang: str, page_size: int = 50, name_key: pd.Series | None = None
) -> None:
    """An accessible HTML table of the selection (sortable, paged), same facts as the popups."""
    from equality_map.exports import entries_table_html

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
    caption = i18n.t(
        "list_caption",
        lang,
        first=i18n.format_number(start + 1, lang),
        last=i18n.format_number(start + len(rows), lang),
        total=i18n.format_number(len(frame), lang),
        sort=i18n.t(sort_key, lang),
        order=i18n.t("list_desc" if descending else "list_ascending", lang),
    )
    st.html(entries_table_html(rows, lang, caption))


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


# --- embed mode and embed page (issue 7) -------------------------------------------------------
# An iframe on a city's website: ?embed=true plus filter params, lang, view, height. Read-only.


def embed_options() -> embed.EmbedOptions:
    """lang, view and height of the embed from the URL."""
    return embed.EmbedOptions.from_query_params(_url_params())


def embed_filter(options: dict[str, list[str]]) -> Filter:
    """The filter of the embed from the URL (city, category, group, ... as on the map page)."""
    return Filter.from_query_params(_url_params(), options)


def set_document_lang(lang: str) -> None:
    """Set <html lang> to the UI language (WCAG 3.1.1) and fix caption contrast (1.4.3)."""
    code = lang if lang in i18n.LANGS else i18n.DEFAULT_LANG
    # One element with the style and the script: a style-only st.html goes to Streamlit's
    # event container, which some pages (the Embed page) cleared again, captions and all.
    # The stylesheet is static/css/a11y.css; the script is this one statement (issue 12).
    css = assets.asset_text(assets.A11Y_CSS)
    st.html(
        f"<style>{css}</style>"
        f"<script>document.documentElement.lang = {mapping.script_json(code)};</script>",
        unsafe_allow_javascript=True,
    )


def public_base_url() -> str | None:
    """Base URL for embed snippets: env EQUALITY_MAP_PUBLIC_URL, else this app's own URL."""
    configured = embed.normalise_base_url(os.environ.get("EQUALITY_MAP_PUBLIC_URL"))
    if configured:
        return configured
    try:
        here = urlsplit(str(st.context.url))
    except (AttributeError, RuntimeError, ValueError):  # pragma: no cover
        return None
    # The app's root, not the URL of the page that shows the snippet (e.g. .../embed).
    return embed.normalise_base_url(f"{here.scheme}://{here.netloc}{app_path()}")


def show_embed_map(
    prep: Prepared, selected: pd.DataFrame, lang: str, flt: Filter, height: int
) -> None:
    """The map of an embed: like show_map, with gesture handling and the requested height."""
    show_map(prep, selected, lang, flt, height=height, gestures=True, key="em_embed_map")


def app_path() -> str:
    """URL path of the app's root ("/" or "/<server.baseUrlPath>/"), for same-origin links."""
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    return "/" + base + "/" if base else "/"


# --- coverage (issue 5) --------------------------------------------------------------------------


@st.cache_data(show_spinner=False, max_entries=8)
def _coverage_tables(
    key: tuple[str, int, int], min_population: int, today_iso: str
) -> tuple[pd.DataFrame, pd.DataFrame]:
    from equality_map import coverage as cov
    from equality_map.gazetteer import load_gazetteer

    frame = locate_missing(_load_shared(key).frame)  # offline; confidential at city level
    table = cov.coverage_by_city(
        frame,
        load_gazetteer().municipalities(0),
        cov.load_legal_rules(),
        min_population=min_population,
        today=date.fromisoformat(today_iso),
    )
    return table, cov.coverage_by_state(table)


def coverage_tables(min_population: int = 10_000) -> tuple[pd.DataFrame, pd.DataFrame]:
    """Per-city and per-Land coverage tables, cached per data file version and threshold."""
    return _coverage_tables(_file_key(data_path()), min_population, today().isoformat())
