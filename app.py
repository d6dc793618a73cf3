"""equality-map: Streamlit entry point. Navigation only; pages draw, the core computes."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from equality_map import i18n
from equality_map.ui import access, shell

shell.apply_config()  # equality-map.toml: defaults for the EQUALITY_MAP_* settings
lang = shell.current_lang()
# Own favicon file: emoji/material page icons would be fetched from third-party CDNs.
st.set_page_config(
    page_title=i18n.t("app_title", lang),
    page_icon=str(Path(__file__).parent / "static" / "favicon.png"),
    layout="wide",
)
shell.set_document_lang(lang)
missing = shell.ensure_assets()
if missing:  # set-up incomplete (e.g. the npm plugin not fetched): say how to fix it
    st.error(i18n.t("assets_missing", lang, detail=missing))
    st.stop()
if shell.is_embedded():  # issue 7: ?embed=true shows only the chosen view, read-only, no navigation
    embed_page = st.Page("pages/embed_view.py", title=i18n.t("app_title", lang), default=True)
    st.navigation([embed_page], position="hidden").run()
    st.stop()

access.sign_in_form()  # before the page list, so a successful sign-in shows the Data page at once
pages = [
    st.Page("pages/map.py", title=i18n.t("nav_map", lang), icon=":material/map:", default=True),
    st.Page("pages/coverage.py", title=i18n.t("nav_coverage", lang), icon=":material/bar_chart:"),
    *access.data_pages(),  # only for a signed-in maintainer (issue 6); the page checks again
    st.Page("pages/embed.py", title=i18n.t("nav_embed", lang), icon=":material/code:"),
    st.Page("pages/about.py", title=i18n.t("nav_about", lang), icon=":material/info:"),
]
page = st.navigation(pages)
shell.language_selector()
page.run()
