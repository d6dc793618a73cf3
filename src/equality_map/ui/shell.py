"""The app shell: settings, language, URL state of the page, assets and document setup.

The only place that reads the environment (through `Settings.from_env`) and the only glue
to Streamlit's private page manager (see `require_app_shell`).
"""

from __future__ import annotations

import functools
import os
import re
from datetime import date
from pathlib import Path

import streamlit as st

from equality_map import assets, embed, i18n, mapping
from equality_map.config import ConfigError
from equality_map.settings import Settings


@functools.lru_cache(maxsize=8)
def _settings(env: tuple[tuple[str, str], ...], cwd: str) -> Settings:
    return Settings.from_env(dict(env), Path(cwd))


def settings() -> Settings:
    """The settings (environment + equality-map.toml), read once per distinct environment."""
    env = tuple(sorted((k, v) for k, v in os.environ.items() if k.startswith("EQUALITY_MAP_")))
    return _settings(env, os.getcwd())


def data_path() -> Path:
    """The data source: EQUALITY_MAP_DATA (env or config file) or the bundled file."""
    return settings().data


def apply_config() -> None:
    """Check the settings once per run; an unusable config file stops with its error."""
    try:
        settings()
    except ConfigError as exc:
        st.error(str(exc))
        st.stop()


def is_embedded() -> bool:
    """True for embedded viewers (`?embed=true`); they never see maintainer pages."""
    try:
        if st.context.is_embedded:
            return True
    except Exception:  # older Streamlit or no script context
        pass
    return str(st.query_params.get("embed", "")).lower() == "true"


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


def static_url() -> str:
    """URL path of ./static as served by Streamlit, honouring server.baseUrlPath."""
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    return ("/" + base if base else "") + assets.STATIC_URL


@st.cache_resource(show_spinner=False)
def _install_assets() -> bool:
    try:
        assets.install_vendor()
    except OSError:  # e.g. a read-only static/ that already holds the files
        return False
    return True


def ensure_assets() -> str | None:
    """Copy Leaflet etc. into static/vendor/ once per process; what is missing, if anything.

    A missing package or npm plugin is not cached: after `make install` the next run works.
    """
    try:
        _install_assets()
    except assets.AssetMissingError as exc:
        return str(exc)
    return None


def tiles_config() -> tuple[str, str]:
    """Tile URL template and attribution from env (default OpenStreetMap)."""
    config = settings()
    return config.tiles_url, config.tiles_attribution


def today() -> date:
    """The clock (one seam, so tests can patch it)."""
    return date.today()


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
    """Base URL for embed snippets: EQUALITY_MAP_PUBLIC_URL, else None (the snippet then says
    https://YOUR-HOST/, as documented: the address this browser uses, often localhost or an
    internal name, is rarely the one a city's visitors reach)."""
    return embed.normalise_base_url(settings().public_url) or None


def app_path() -> str:
    """URL path of the app's root ("/" or "/<server.baseUrlPath>/"), for same-origin links."""
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    return "/" + base + "/" if base else "/"


def _url_params() -> dict[str, list[str]]:
    return {k: st.query_params.get_all(k) for k in st.query_params}


def contact_markdown(href: str) -> str:
    """A Markdown link to the corrections contact (an address shown without 'mailto:')."""
    text = href.removeprefix("mailto:")
    text = re.sub(r"([\\`*_{}\[\]()#+!|<>~-])", r"\\\1", text)
    target = href.replace("(", "%28").replace(")", "%29").replace(" ", "%20")
    return f"[{text}]({target})"
