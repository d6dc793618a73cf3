"""The Coverage page's parts: controls kept in the URL, completeness, method, and the tabs
(table, profile, map, comparison, gaps, region, stock report, legal rules).

All figures come from `coverage` (pure); texts and formats from `coverage_view`; this module
only lays them out. The view (level, area, comparison, yardstick, thresholds) is URL state.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from equality_map import coverage_map, i18n
from equality_map import coverage_view as cv
from equality_map import schema as s
from equality_map.coverage import Coverage, score_formula_text
from equality_map.coverage_areas import region
from equality_map.coverage_state import CoverageState
from equality_map.exports import safe_csv_bytes
from equality_map.legal_rules import load_legal_rules, rules_frame
from equality_map.places import load_places, select_many
from equality_map.report import build_report, data_dates
from equality_map.ui import data, shell
from equality_map.yardsticks import BASES, UNITS, Yardstick

_STATE = "cov_state_from_url"


def initial_state() -> CoverageState:
    """The view the URL asked for, read once per session (widgets keep it afterwards)."""
    state = st.session_state.get(_STATE)
    if state is None:
        state = CoverageState.from_query_params(shell._url_params(), list(data.all_yardsticks()))
        st.session_state[_STATE] = state
    return state


def controls(initial: CoverageState, lang: str) -> CoverageState:
    """Level, yardstick (or an own value), distance thresholds, size; the URL follows."""
    sticks = data.all_yardsticks()
    options = [*sticks, "custom"]
    left, middle, right = st.columns([2, 3, 2])
    level = left.radio(
        cv.t("level", lang),
        ("municipality", "kreis", "land"),
        index=("municipality", "kreis", "land").index(initial.level),
        format_func=lambda v: cv.t(f"level_{v}", lang),
        key="cov_level",
    )
    stick = middle.selectbox(
        cv.t("yardstick", lang),
        options,
        index=options.index(initial.yardstick),
        format_func=lambda k: (
            cv.t("yardstick_custom", lang) if k == "custom" else sticks[k].label(lang)
        ),
        key="cov_yardstick",
        placeholder=i18n.t("choose_option", lang),
    )
    amount, per, unit, base = (
        initial.custom_amount,
        initial.custom_per,
        initial.custom_unit,
        initial.custom_base,
    )
    if stick == "custom":
        a, b, c, d = middle.columns(4)
        amount = a.number_input(
            cv.t("custom_amount", lang), 0.1, 100.0, initial.custom_amount, 0.5, key="cov_amount"
        )
        per = int(
            b.number_input(
                cv.t("custom_per", lang), 1000, 1_000_000, initial.custom_per, 1000, key="cov_per"
            )
        )
        unit = c.selectbox(
            cv.t("custom_unit", lang),
            UNITS,
            UNITS.index(initial.custom_unit),
            format_func=lambda u: cv.t(f"unit_{u}", lang),
            key="cov_unit",
            placeholder=i18n.t("choose_option", lang),
        )
        base = d.selectbox(
            cv.t("custom_base", lang),
            BASES,
            BASES.index(initial.custom_base),
            format_func=lambda u: cv.t(f"base_{u}", lang),
            key="cov_base",
            placeholder=i18n.t("choose_option", lang),
        )
    first, second = (list(initial.thresholds) + [50, 50])[:2]
    k1, k2 = right.columns(2)
    km1 = int(k1.number_input(cv.t("threshold_1", lang), 1, 300, int(first), 5, key="cov_km1"))
    km2 = int(k2.number_input(cv.t("threshold_2", lang), 1, 300, int(second), 5, key="cov_km2"))
    min_population = initial.min_population
    if level == "municipality":
        min_population = int(
            right.number_input(
                cv.t("min_population", lang),
                0,
                1_000_000,
                initial.min_population,
                5_000,
                key="cov_min_pop",
            )
        )
    return CoverageState(
        level=str(level),
        area=initial.area,
        compare=initial.compare,
        yardstick=str(stick),
        custom_amount=float(amount),
        custom_per=int(per),
        custom_unit=str(unit),
        custom_base=str(base),
        thresholds=tuple(sorted({km1, km2})),
        min_population=min_population,
    )


def write_url(state: CoverageState, lang: str) -> None:
    """Keep the URL in step with the view (a link restores it in a fresh browser)."""
    params: dict[str, Any] = dict(state.to_query_params())
    if lang != i18n.DEFAULT_LANG:
        params["lang"] = lang
    current = shell._url_params()
    wanted = {k: v if isinstance(v, list) else [v] for k, v in params.items()}
    if current != wanted:
        st.query_params.from_dict(params)


def completeness(coverage: Coverage, lang: str) -> None:
    """Which Länder and categories are surveyed completely (said on every view)."""
    table = coverage.completeness
    summary = cv.completeness_summary(table, lang)
    if summary is None:
        st.warning(cv.t("completeness_none", lang))
    else:
        st.info(summary)
    with st.expander(cv.t("completeness", lang)):
        shown = table.assign(
            category=table["category"].map(lambda c: i18n.category_label(c, lang)),
            survey=table["survey"].map(lambda v: cv.t(f"survey_{v}", lang)),
        )
        st.dataframe(cv.formatted(shown, lang), hide_index=True, key="cov_completeness")


def method(stick: Yardstick, lang: str) -> None:
    """How every figure is computed, in plain words (with the yardstick's source)."""
    with st.expander(cv.t("method", lang)):
        st.markdown(cv.t("method_survey", lang))
        st.markdown(cv.t("method_places", lang))
        st.markdown(cv.t("method_distance", lang))
        st.markdown(cv.t("method_yardstick", lang, label=stick.label(lang), note=stick.note(lang)))
        if stick.source_url:
            st.caption(cv.t("method_source", lang, url=stick.source_url))
        st.markdown(cv.t("method_law", lang))
        st.markdown(score_formula_text(lang))
        st.caption(cv.t("source_notes", lang))


def _styled(shown: pd.DataFrame, unknown: pd.DataFrame) -> Any:
    """Not-surveyed cells grey and italic (an explained, distinct style)."""
    style = unknown.replace(
        {True: "color:#55595f;background-color:#eeeeee;font-style:italic", False: ""}
    )
    return shown.style.apply(lambda _: style, axis=None)


def table_tab(coverage: Coverage, state: CoverageState, lang: str) -> None:
    """The level's table: Länder and size filters, sorted by the score, and its CSV."""
    table = coverage.table(state.level)
    left, right = st.columns(2)
    lands = sorted(table["state"].dropna().unique(), key=lambda c: i18n.state_label(c, lang))
    chosen = left.multiselect(
        cv.t("filter_state", lang),
        lands,
        format_func=lambda c: i18n.state_label(c, lang),
        key="cov_states",
        placeholder=i18n.t("f_any", lang),
    )
    if chosen:
        table = table[table["state"].isin(chosen)]
    if state.level == "municipality":
        sizes = [c for c in dict.fromkeys(table["size_class"]) if c]
        picked = right.multiselect(
            cv.t("filter_size", lang), sizes, key="cov_sizes", placeholder=i18n.t("f_any", lang)
        )
        if picked:
            table = table[table["size_class"].isin(picked)]
    # Länder by name, then the largest areas first; headers sort by any column
    table = table.assign(_land=table["state"].map(lambda c: s.fold(i18n.state_label(c, lang))))
    table = table.sort_values(["_land", "population"], ascending=[True, False]).drop(
        columns="_land"
    )
    st.caption(i18n.count(f"cov.rows_{state.level}", len(table), lang))
    shown, unknown = cv.display(table, state.level, lang)
    st.dataframe(_styled(shown, unknown), hide_index=True, key=f"cov_table_{state.level}")
    st.download_button(
        cv.t("download", lang),
        data=safe_csv_bytes(table),
        file_name=f"coverage-{state.level}.csv",
        mime="text/csv",
        key="cov_download",
    )


def _labels(coverage: Coverage, level: str) -> tuple[list[str], dict[str, object]]:
    table = coverage.table(level)
    order = table.sort_values("population", ascending=False)
    labels = [cv.area_label(row, level) for _, row in order.iterrows()]
    return labels, dict(zip(labels, order.index, strict=True))


def profile_tab(
    coverage: Coverage, state: CoverageState, entries: pd.DataFrame, stick: Yardstick, lang: str
) -> str:
    """One area's indicators in sentences and its entries; returns the area's label."""
    table = coverage.table(state.level)
    labels, index = _labels(coverage, state.level)
    default: int | None = 0
    if state.area:  # one place matcher: "Marburg" is never another city
        found = load_places().select(state.area, table, key_column=cv.KEY[state.level])
        default = (
            labels.index(next(lb for lb, i in index.items() if i == found.rows[0]))
            if found.found
            else None
        )
        if not found.found:
            st.warning(cv.t("city_not_found", lang, city=state.area))
    picked = st.selectbox(
        cv.t("pick_area", lang),
        labels,
        index=default,
        key=f"cov_area_{state.level}",
        placeholder=cv.t("pick_area", lang),
    )
    if not picked:
        return ""
    row: Any = table.loc[index[picked]]  # type: ignore[call-overload]
    st.subheader(picked)
    st.markdown("\n".join(f"- {x}" for x in cv.profile_sentences(row, state.level, stick, lang)))
    key = str(row[cv.KEY[state.level]])
    column = {"municipality": s.AGS, "kreis": s.KREIS_AGS, "land": s.STATE}[state.level]
    mine = entries[entries[column].astype(str) == key] if column in entries else entries.iloc[0:0]
    st.markdown(f"**{cv.t('entries', lang)}**")
    if mine.empty:
        st.info(cv.t("no_entries", lang))
    else:
        from equality_map.exports import entries_table_html

        st.html(entries_table_html(mine.head(200), lang, picked))
    return key


def map_tab(coverage: Coverage, state: CoverageState, lang: str) -> str | None:
    """The choropleth (Kreise, Länder) or circles (municipalities); a click picks an area."""
    specs = coverage_map.indicators(state.level, coverage.table(state.level))
    indicator = st.selectbox(
        cv.t("indicator", lang),
        [i.column for i in specs],
        format_func=lambda c: cv.label(c, lang),
        key=f"cov_indicator_{state.level}",
        placeholder=i18n.t("choose_option", lang),
    )
    url, attribution = data.tiles_and_attribution()
    table = coverage.table(state.level)
    if state.level == "municipality":
        st.caption(cv.t("map_note_municipality", lang))
        fmap = coverage_map.circles(
            table,
            str(indicator),
            lang,
            tiles_url=url,
            tiles_attribution=attribution,
            static_url=shell.static_url(),
        )
    else:
        st.caption(cv.t("map_note", lang))
        fmap = coverage_map.choropleth(
            table,
            state.level,
            str(indicator),
            lang,
            tiles_url=url,
            tiles_attribution=attribution,
            static_url=shell.static_url(),
        )
    result = st_folium(
        fmap,
        key=f"cov_map_{state.level}",
        height=600,
        use_container_width=True,
        returned_objects=["last_active_drawing"],
    )
    drawn = (result or {}).get("last_active_drawing") or {}
    key = (drawn.get("properties") or {}).get("key")
    return str(key) if key else None


def compare_tab(coverage: Coverage, state: CoverageState, lang: str) -> tuple[str, ...]:
    """Two to five areas side by side; returns their keys (kept in the URL)."""
    table = coverage.table(state.level)
    labels, index = _labels(coverage, state.level)
    rows, _missing = select_many(
        load_places(), state.compare, table, key_column=cv.KEY[state.level]
    )
    default = [lb for lb, i in index.items() if i in rows] or labels[:3]
    picks = st.multiselect(
        cv.t("compare_pick", lang),
        labels,
        default=default,
        max_selections=5,
        key=f"cov_compare_{state.level}",
        placeholder=cv.t("compare_pick", lang),
    )
    if len(picks) < 2:
        st.info(cv.t("compare_hint", lang))
        return ()
    chosen = table.loc[[index[p] for p in picks]]
    shown, _unknown = cv.display(chosen, state.level, lang)
    shown.index = picks
    st.dataframe(shown.T, key=f"cov_compare_table_{state.level}", use_container_width=True)
    return tuple(str(v) for v in chosen[cv.KEY[state.level]])


def gaps_tab(coverage: Coverage, state: CoverageState, lang: str) -> None:
    """Known gaps only (surveyed areas)."""
    lists = cv.gap_lists(coverage, state.level)
    titles = {
        "office": cv.t("gaps_office", lang),
        "shelter": cv.t("gaps_shelter", lang),
        "no_shelter": cv.t("gaps_no_shelter", lang),
        "far": cv.t("gaps_far", lang, km=max(coverage.options.thresholds_km)),
    }
    for key, frame in lists.items():
        st.markdown(f"**{titles[key]}**")
        if frame.empty:
            st.caption(cv.t("gaps_none", lang))
        else:
            st.dataframe(cv.formatted(frame, lang), hide_index=True, key=f"cov_gaps_{key}")


def region_tab(coverage: Coverage, lang: str) -> None:
    """Pick Kreise -> pooled stock, need and gap (a Land's planning region)."""
    st.caption(cv.t("region_intro", lang))
    kreise = coverage.kreise
    labels = {cv.area_label(row, "kreis"): row["kreis_ags"] for _, row in kreise.iterrows()}
    picks = st.multiselect(
        cv.t("region_pick", lang),
        sorted(labels, key=s.fold),
        key="cov_region",
        placeholder=cv.t("region_pick", lang),
    )
    if not picks:
        st.info(cv.t("region_hint", lang))
        return
    pooled = region(kreise, [labels[p] for p in picks], coverage.options)
    frame = pooled.drop(labels=["kreise"]).to_frame().T
    st.dataframe(cv.formatted(frame, lang), hide_index=True, key="cov_region_table")


def report_tab(coverage: Coverage, lang: str) -> None:
    """The stock report workbook for a Stichtag."""
    st.write(cv.t("report_intro", lang))
    stichtag = st.date_input(
        cv.t("report_stichtag", lang), value=shell.today(), format="DD.MM.YYYY", key="cov_stichtag"
    )
    day = stichtag if isinstance(stichtag, date) else shell.today()
    st.download_button(
        cv.t("report_download", lang),
        data=lambda: build_report(
            coverage,
            data.all_yardsticks(),
            stichtag=day,
            lang=lang,
            data_dates=data_dates(data.located_entries(), lang),
            source_notes=[cv.t("source_notes", lang)],
        ),
        file_name=f"bestandsbericht-{day.isoformat()}.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        key="cov_report",
    )


def law_tab(lang: str) -> None:
    """Each Land's rule on equality officers, with its source."""
    st.caption(cv.t("law_note", lang))
    frame = rules_frame(load_legal_rules())
    frame["state"] = frame["state"].map(lambda c: i18n.state_label(c, lang))
    frame = frame.sort_values("state", key=lambda v: v.map(s.fold))
    shown = frame.rename(columns={c: cv.label(c, lang) for c in frame.columns})
    st.dataframe(
        shown,
        hide_index=True,
        key="cov_rules",
        column_config={
            cv.label("source_url", lang): st.column_config.LinkColumn(cv.label("source_url", lang))
        },
    )
