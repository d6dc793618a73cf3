"""Map page: filters in the sidebar (kept in the URL), the map, the list and downloads."""

from __future__ import annotations

import streamlit as st

from equality_map import i18n, ui

ui.require_app_shell()  # before anything else: see its docstring

lang = ui.current_lang()
st.title(i18n.t("map_heading", lang))
prep = ui.prepared_data(lang)
if not ui.show_load_problems(prep.load, lang):
    st.stop()
chosen = ui.filter_sidebar(prep.options, lang)
selected = chosen.apply(prep.frame, today=ui.today())
ui.category_counts_sidebar(selected, lang)

unmapped = int((selected["lat"].isna() | selected["lon"].isna()).sum())
st.subheader(i18n.t("n_entries", lang, n=i18n.format_number(len(selected), lang)))
if unmapped:
    st.caption(i18n.t("n_unmapped", lang, n=i18n.format_number(unmapped, lang)))
ui.show_map(prep, selected, lang, chosen)
st.caption(i18n.t("share_hint", lang))
ui.downloads(selected, lang)
ui.entries_list(selected, lang, name_key=prep.name_key)
