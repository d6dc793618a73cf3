"""Map page: filters in the sidebar (kept in the URL), the map, the list and downloads."""

from __future__ import annotations

import streamlit as st

from equality_map import i18n
from equality_map.freshness import freshness
from equality_map.ui import data, filters, shell, views

shell.require_app_shell()  # before anything else: see its docstring

lang = shell.current_lang()
st.title(i18n.t("map_heading", lang))
prep = data.prepared_data(lang)
if not data.show_load_problems(prep.load, lang):
    st.stop()
chosen = filters.filter_sidebar(prep.options, lang, prep.city_lookup)
today = shell.today()
selected = chosen.apply(prep.frame, today=today)
filters.category_counts_sidebar(selected, lang)

unmapped = int((selected["lat"].isna() | selected["lon"].isna()).sum())
st.subheader(i18n.count("n_entries", len(selected), lang))
if unmapped:
    st.caption(i18n.count("n_unmapped", unmapped, lang))
views.show_map(prep, selected, lang, chosen)
st.caption(freshness(selected).text(lang))
st.caption(i18n.t("share_hint", lang))
views.embed_link(chosen, lang)
views.downloads(prep.frame, chosen, lang, today)
views.entries_list(selected, lang, name_key=prep.name_key)
