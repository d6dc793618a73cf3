"""equality-map: Streamlit entry point. Navigation only; pages live in pages/, logic in the core."""

from __future__ import annotations

import streamlit as st

from equality_map import i18n, ui

st.set_page_config(page_title="equality-map", page_icon="⚖️", layout="wide")
ui.ensure_assets()
lang = ui.current_lang()
ui.set_document_lang(lang)
if ui.is_embedded():  # issue 7: ?embed=true shows only the chosen view, read-only, no navigation
    embed_page = st.Page("pages/embed_view.py", title=i18n.t("app_title", lang), default=True)
    st.navigation([embed_page], position="hidden").run()
    st.stop()

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
