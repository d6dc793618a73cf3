"""Coverage page: ranking, city profile, map, comparison, Länder, gap lists, legal rules."""

from __future__ import annotations

import streamlit as st

from equality_map import coverage as cov
from equality_map import coverage_view as cv
from equality_map.ui import coverage as coverage_ui
from equality_map.ui import data, shell

shell.require_app_shell()  # before anything else: see its docstring

lang = shell.current_lang()
data_path = shell.data_path()


st.title(cv.t("title", lang))
st.caption(cv.t("intro", lang))

min_population = int(
    st.number_input(
        cv.t("min_population", lang),
        min_value=0,
        max_value=1_000_000,
        value=10_000,
        step=5_000,
        key="cov_min_population",
    )
)
table, states = data.coverage_tables(min_population)
frame = data.load_data().frame

with st.expander(cv.t("score_formula", lang)):
    st.write(cov.score_formula_text(lang))
    st.caption(cv.t("shelter_note", lang))
    st.caption(cv.t("distance_note", lang))

tabs = st.tabs(
    [
        cv.t(k, lang)
        for k in (
            "tab_ranking",
            "tab_profile",
            "tab_map",
            "tab_compare",
            "tab_states",
            "tab_gaps",
            "tab_law",
        )
    ]
)

picker = coverage_ui.Picker.of(table)
with tabs[0]:
    coverage_ui.ranking_tab(table, lang)
with tabs[1]:
    coverage_ui.profile_tab(table, frame, picker, lang)
with tabs[2]:
    coverage_ui.map_tab(table, lang)
with tabs[3]:
    coverage_ui.compare_tab(table, picker, lang)
with tabs[4]:
    coverage_ui.states_tab(states, lang)
with tabs[5]:
    coverage_ui.gaps_tab(table, lang)
with tabs[6]:
    coverage_ui.law_tab(lang)
