"""The embed view (?embed=true): only the chosen view of the chosen selection, read-only.

No sidebar, no navigation, no downloads or maintainer features; the list is one tab away from
the map. Params: the map page's filter params (city, category, group, ...), lang, view, height.
"""

from __future__ import annotations

import streamlit as st

from equality_map import coverage_view as cv
from equality_map import embed, i18n
from equality_map.coverage_state import CoverageState
from equality_map.places import load_places
from equality_map.ui import data, filters, shell, views

shell.require_app_shell()  # before anything else: see its docstring

options = filters.embed_options()
lang = shell.current_lang()
result = data.load_data()
if result.unreadable:  # never show file paths or row details on a public embed
    st.error(i18n.t("no_entries", lang))
    st.stop()
prep = data.prepared_data(lang)
chosen = filters.embed_filter(prep.options, prep.city_lookup)
selected = chosen.apply(prep.frame, today=shell.today())
views.embed_title(chosen, lang)

if options.view == "coverage":
    state = CoverageState(level="municipality", min_population=0)
    stick = data.yardstick(state)
    table = data.coverage(state, stick).municipalities
    picked = embed.coverage_rows(table, chosen.cities, load_places())
    for _, row in picked.iterrows():  # the chosen cities' indicators in plain sentences
        st.markdown(f"**{cv.area_label(row, 'municipality')}**")
        sentences = cv.profile_sentences(row, "municipality", stick, lang)
        st.markdown("\n".join(f"- {sentence}" for sentence in sentences))
    st.markdown(f"**{i18n.t('coverage_counts_heading', lang)}**")
    st.table(embed.coverage_counts(selected, lang))
elif options.view == "list":
    views.entries_list(selected, lang)
else:
    map_tab, list_tab = st.tabs([i18n.t("view_map", lang), i18n.t("view_list", lang)])
    with map_tab:
        # The frame's height less title and tabs, so the embed needs no scroll bar.
        views.show_embed_map(prep, selected, lang, chosen, height=max(200, options.height - 180))
    with list_tab:
        views.entries_list(selected, lang)
