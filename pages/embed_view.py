"""The embed view (?embed=true): only the chosen view of the chosen selection, read-only.

No sidebar, no navigation, no downloads or maintainer features; the list is one tab away from
the map. Params: the map page's filter params (city, category, group, ...), lang, view, height.
"""

from __future__ import annotations

import streamlit as st

from equality_map import coverage_view as cv
from equality_map import embed, i18n, ui
from equality_map.places import load_places

ui.require_app_shell()  # before anything else: see its docstring

options = ui.embed_options()
lang = ui.current_lang()
result = ui.load_data()
if result.unreadable:  # never show file paths or row details on a public embed
    st.error(i18n.t("no_entries", lang))
    st.stop()
prep = ui.prepared_data(lang)
chosen = ui.embed_filter(prep.options)
selected = chosen.apply(prep.frame, today=ui.today())

if options.view == "coverage":
    table, _states = ui.coverage_tables()
    picked = embed.coverage_rows(table, chosen.cities, load_places())
    for _, row in picked.iterrows():  # the chosen cities' indicators in plain sentences
        st.markdown(f"**{cv.city_label(row)}**")
        st.markdown("\n".join(f"- {sentence}" for sentence in cv.city_sentences(row, lang)))
    st.markdown(f"**{i18n.t('coverage_counts_heading', lang)}**")
    st.table(embed.coverage_counts(selected, lang))
elif options.view == "list":
    ui.entries_list(selected, lang)
else:
    map_tab, list_tab = st.tabs([i18n.t("view_map", lang), i18n.t("view_list", lang)])
    with map_tab:
        ui.show_embed_map(prep, selected, lang, chosen, height=max(200, options.height - 110))
    with list_tab:
        ui.entries_list(selected, lang)
