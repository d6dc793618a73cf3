"""Coverage page: per municipality, Kreis and Land – stock, need, gaps, reachability, report.

The view (level, area, comparison, yardstick, thresholds) is URL state; the parts live in
`ui.coverage`, the figures in `coverage` (pure).
"""

from __future__ import annotations

from dataclasses import replace

import streamlit as st

from equality_map import coverage_view as cv
from equality_map import i18n
from equality_map.ui import coverage as page
from equality_map.ui import data, shell

shell.require_app_shell()  # before anything else: see its docstring

lang = shell.current_lang()
st.title(cv.t("title", lang))
st.caption(cv.t("intro", lang))

state = page.controls(page.initial_state(), lang)
stick = data.yardstick(state)
coverage = data.coverage(state, stick)
page.completeness(coverage, lang)
if coverage.unattributed:
    st.caption(i18n.count("cov.unattributed", coverage.unattributed, lang))
page.method(stick, lang)

keys = ("table", "profile", "map", "compare", "gaps", "region", "report", "law")
tabs = dict(zip(keys, st.tabs([cv.t(f"tab_{k}", lang) for k in keys]), strict=True))
with tabs["table"]:
    page.table_tab(coverage, state, lang)
with tabs["map"]:
    clicked = page.map_tab(coverage, state, lang)
if clicked and clicked != state.area:  # a click on the map opens the area's profile
    state = replace(state, area=clicked)
    st.session_state.pop(f"cov_area_{state.level}", None)
with tabs["profile"]:
    area = page.profile_tab(coverage, state, data.prepared_data(lang).frame, stick, lang)
with tabs["compare"]:
    compared = page.compare_tab(coverage, state, lang)
with tabs["gaps"]:
    page.gaps_tab(coverage, state, lang)
with tabs["region"]:
    page.region_tab(coverage, lang)
with tabs["report"]:
    page.report_tab(coverage, lang)
with tabs["law"]:
    page.law_tab(lang)
page.write_url(replace(state, area=area, compare=compared), lang)
st.caption(cv.t("source_notes", lang))
