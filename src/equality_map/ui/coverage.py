"""The Coverage page's parts: ranking, municipality profile, map, comparison, Länder, gaps, law.

All numbers come from `coverage` (pure); texts from the catalogue (`cov.*`); the page file
only lays the tabs out.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd
import streamlit as st
from streamlit_folium import st_folium

from equality_map import coverage as cov
from equality_map import coverage_view as cv
from equality_map import i18n
from equality_map import schema as s
from equality_map.exports import safe_csv_bytes
from equality_map.legal_rules import load_legal_rules, rules_frame
from equality_map.places import load_places
from equality_map.ui import shell

RANK_COLUMNS = [
    "city",
    "state",
    "population",
    "coverage_score",
    "has_equality_office",
    "equality_office_required",
    "shelter_places",
    "shelter_places_target",
    "shelter_places_gap",
    "nearest_counselling_centre_km",
    "nearest_womens_shelter_km",
    "nearest_equality_office_km",
    "n_equality_office",
    "n_womens_facility",
    "n_alliance_partner",
    "per100k_womens_facility",
    "share_verified_24m",
    "size_class",
]


@dataclass(frozen=True)
class Picker:
    """Municipality labels ("Göttingen (NI)") of a coverage table, largest first."""

    labels: list[str]
    label_to_index: dict[str, object]
    by_size: list[str]

    @classmethod
    def of(cls, table: pd.DataFrame) -> Picker:
        """The labels of `table`'s rows."""
        labels = [cv.city_label(r) for _, r in table.iterrows()]
        label_to_index: dict[str, object] = dict(zip(labels, table.index, strict=True))
        population = dict(
            zip(labels, table["population"].astype("Float64").fillna(0).astype(float), strict=True)
        )
        by_size = sorted(labels, key=lambda lb: -population[lb])
        return cls(labels, label_to_index, by_size)


def ranking_tab(table: pd.DataFrame, lang: str) -> None:
    """Sortable ranking with Land and size filters, and its CSV."""
    col_state, col_size = st.columns(2)
    state_options = sorted(table["state"].dropna().unique())
    chosen_states = col_state.multiselect(
        cv.t("filter_state", lang),
        state_options,
        format_func=lambda c: cv.state_name(c, lang),
        key="cov_states",
        placeholder=i18n.t("f_any", lang),
    )
    size_options = [label for _, label in cov.SIZE_CLASSES if label in set(table["size_class"])]
    chosen_sizes = col_size.multiselect(
        cv.t("filter_size", lang),
        size_options,
        key="cov_sizes",
        placeholder=i18n.t("f_any", lang),
    )
    shown = table
    if chosen_states:
        shown = shown[shown["state"].isin(chosen_states)]
    if chosen_sizes:
        shown = shown[shown["size_class"].isin(chosen_sizes)]
    shown = shown.sort_values("coverage_score", ascending=False, na_position="last")
    st.caption(cv.t("rows_shown", lang, n=cv.fmt_number(len(shown), lang)))
    config = {c: st.column_config.Column(cv.label(c, lang)) for c in RANK_COLUMNS}
    for c in RANK_COLUMNS:
        if c in (
            "population",
            "shelter_places",
            "n_equality_office",
            "n_womens_facility",
            "n_alliance_partner",
        ):
            config[c] = st.column_config.NumberColumn(cv.label(c, lang), format="localized")
        elif (
            c.endswith("_km")
            or c.startswith(("shelter_places_", "per100k_"))
            or c in ("coverage_score",)
        ):
            config[c] = st.column_config.NumberColumn(cv.label(c, lang), format="%.1f")
        elif c == "share_verified_24m":
            config[c] = st.column_config.NumberColumn(cv.label(c, lang), format="percent")
    st.dataframe(shown[RANK_COLUMNS], hide_index=True, column_config=config, key="cov_rank")
    st.download_button(
        cv.t("download", lang),
        data=safe_csv_bytes(shown),
        file_name="coverage.csv",
        mime="text/csv",
        key="cov_download",
    )


def profile_tab(table: pd.DataFrame, frame: pd.DataFrame, picker: Picker, lang: str) -> None:
    """One municipality's indicators in sentences and its entries; `?city=` preselects."""
    wanted = st.query_params.get("city")
    default: int | None = 0
    if wanted:  # the one place matcher: "Marburg" is "Marburg an der Lahn", never another city
        found = load_places().select(str(wanted), table)
        position = list(table.index).index(found.rows[0]) if found.found else -1
        default = picker.by_size.index(picker.labels[position]) if position >= 0 else None
        if not found.found:
            st.warning(cv.t("city_not_found", lang, city=wanted))
    picked = st.selectbox(cv.t("pick_city", lang), picker.by_size, index=default, key="cov_city")
    if picked:
        row = table.loc[picker.label_to_index[picked]]  # type: ignore[call-overload]
        st.subheader(picked)
        for sentence in cv.city_sentences(row, lang):
            st.markdown(f"- {sentence}")
        where = cov.entry_municipalities(frame, load_places())
        mine = frame[(where["municipality"] == row["city"]) & (where["state"] == row["state"])]
        st.markdown(f"**{cv.t('entries', lang)}**")
        if mine.empty:
            st.info(cv.t("no_entries", lang))
        else:
            view = mine[
                [s.NAME, s.CATEGORY, s.ORGANISATION, s.STREET, s.POSTCODE, s.PHONE, s.WEBSITE]
            ].copy()
            # confidential addresses (women's shelters) never leave the app: city level only
            hidden = mine[s.ADDRESS_CONFIDENTIAL].astype(bool)
            view.loc[hidden, [s.STREET, s.POSTCODE]] = ""
            view[s.CATEGORY] = view[s.CATEGORY].map(
                lambda c: (
                    (s.CATEGORIES[c].label_en if lang == "en" else s.CATEGORIES[c].label_de)
                    if c in s.CATEGORIES
                    else c
                )
            )
            st.dataframe(view, hide_index=True, key="cov_city_entries")


def map_tab(table: pd.DataFrame, lang: str) -> None:
    """The municipalities on a map, coloured by a chosen indicator."""
    options = [i.column for i in cv.MAP_INDICATORS]
    indicator = st.selectbox(
        cv.t("indicator", lang), options, format_func=lambda c: cv.label(c, lang), key="cov_ind"
    )
    st.caption(cv.t("map_note", lang))
    tiles_url, tiles_attribution = shell.tiles_config()
    fmap = cv.coverage_map(
        table,
        indicator,
        lang,
        tiles_url=tiles_url,
        tiles_attribution=tiles_attribution,
        static_url=shell.static_url(),
    )
    st_folium(fmap, key="cov_map", height=560, use_container_width=True, returned_objects=[])


def compare_tab(table: pd.DataFrame, picker: Picker, lang: str) -> None:
    """Two to five municipalities side by side."""
    picks = st.multiselect(
        cv.t("compare_pick", lang),
        picker.by_size,
        default=picker.by_size[:3] if len(picker.by_size) >= 3 else picker.by_size,
        max_selections=5,
        key="cov_compare",
        placeholder=cv.t("compare_pick", lang),
    )
    if len(picks) < 2:
        st.info(cv.t("compare_hint", lang))
    else:
        rows = table.loc[[picker.label_to_index[p] for p in picks]]
        compare_cols = [c for c in RANK_COLUMNS if c not in ("city", "size_class")]
        pretty = cv.formatted(rows[compare_cols], lang)
        pretty.index = picks
        st.dataframe(pretty.T, key="cov_compare_table")
        chart = pd.DataFrame(
            {cv.label("coverage_score", lang): rows["coverage_score"].to_numpy()}, index=picks
        )
        st.bar_chart(chart, horizontal=True)


def states_tab(states: pd.DataFrame, lang: str) -> None:
    """Charts and a table per Land."""
    names = states["state"].map(lambda c: cv.state_name(c, lang))
    st.markdown(f"**{cv.t('states_score', lang)}**")
    st.bar_chart(
        pd.DataFrame(
            {cv.t("states_score", lang): states["mean_coverage_score"].to_numpy()}, index=names
        ),
        horizontal=True,
    )
    st.markdown(f"**{cv.t('states_shelter', lang)}**")
    per10k = states["shelter_places"] / states["population"].where(states["population"] > 0) * 1e4
    st.bar_chart(
        pd.DataFrame({cv.t("states_shelter", lang): per10k.to_numpy()}, index=names),
        horizontal=True,
    )
    st.markdown(f"**{cv.t('states_office', lang)}**")
    req = states["n_equality_office_required"].where(states["n_equality_office_required"] > 0)
    share = 1 - states["n_equality_office_missing"] / req
    st.bar_chart(
        pd.DataFrame({cv.t("states_office", lang): share.to_numpy()}, index=names), horizontal=True
    )
    state_cols = [
        "state",
        "n_municipalities",
        "population",
        "n_entries",
        "shelter_places",
        "shelter_places_target",
        "shelter_places_gap",
        "mean_coverage_score",
    ]
    st.dataframe(cv.formatted(states[state_cols], lang), hide_index=True, key="cov_states_table")


def gaps_tab(table: pd.DataFrame, lang: str) -> None:
    """Required-but-missing offices, largest shelter gaps, longest counselling distances."""
    gaps = cv.gap_lists(table)
    for key in ("office", "shelter", "counselling"):
        st.markdown(f"**{cv.t('gaps_' + key, lang)}**")
        st.dataframe(cv.formatted(gaps[key], lang), hide_index=True, key=f"cov_gaps_{key}")


def law_tab(lang: str) -> None:
    """Each Land's rule on equality officers, with its source."""
    st.caption(cv.t("law_note", lang))
    st.dataframe(
        rules_frame(load_legal_rules()),
        hide_index=True,
        key="cov_rules",
        column_config={"source_url": st.column_config.LinkColumn("source_url")},
    )
