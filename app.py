"""equality-map: Streamlit entry point. Navigation only; pages live in pages/, logic in the core."""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from equality_map import i18n, ui

lang = ui.current_lang()
# Own favicon file: emoji/material page icons would be fetched from third-party CDNs.
st.set_page_config(
    page_title=i18n.t("app_title", lang),
    page_icon=str(Path(__file__).parent / "static" / "favicon.png"),
    layout="wide",
)
ui.ensure_assets()

pages = [
    st.Page("pages/map.py", title=i18n.t("nav_map", lang), icon=":material/map:", default=True),
    st.Page("pages/coverage.py", title=i18n.t("nav_coverage", lang), icon=":material/bar_chart:"),
]
if ui.is_maintainer():
    pages.append(
        st.Page("pages/data.py", title=i18n.t("nav_data", lang), icon=":material/table_edit:")
    )
pages += [
    st.Page("pages/embed.py", title=i18n.t("nav_embed", lang), icon=":material/code:"),
    st.Page("pages/about.py", title=i18n.t("nav_about", lang), icon=":material/info:"),
]
page = st.navigation(pages)
ui.language_selector()
page.run()
