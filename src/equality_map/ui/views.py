"""Views of a selection: the map, the accessible list beside it, and the downloads."""

from __future__ import annotations

import hashlib
import html
import json
from datetime import date

import pandas as pd
import streamlit as st

from equality_map import assets, embed, i18n, mapping
from equality_map import schema as s
from equality_map.filters import Filter
from equality_map.ui import shell
from equality_map.ui.data import Prepared


def show_map(
    prep: Prepared,
    selected: pd.DataFrame,
    lang: str,
    flt: Filter,
    *,
    height: int = 600,
    gestures: bool = False,
    key: str = "em_map",
) -> None:
    """The map: constant base (never remounted on filter change) + the filtered entries layer.

    Embeds pass `gestures=True` (two-finger/Ctrl scrolling) and their own height and key.
    """
    from streamlit_folium import st_folium

    url, attribution = shell.tiles_config()
    base = mapping.base_map(
        lang=lang, tiles_url=url, tiles_attribution=attribution, static_url=shell.static_url()
    )
    if gestures:
        base.add_child(embed.GestureHandling(lang), name="em_gesture")
    keys = [prep.position[row] for row in selected.index]
    specs = [prep.specs[k] for k in keys]
    filter_id = hashlib.sha1(json.dumps(flt.to_query_params(), sort_keys=True).encode()).hexdigest()
    layer = mapping.entries_layer(
        specs, keys=keys, details_url=prep.details_url, filter_id=filter_id[:12]
    )
    st_folium(
        base,
        key=key,
        height=height,
        use_container_width=True,
        returned_objects=[],
        feature_group_to_add=layer,
    )


_SORT_KEYS = ("col_name", "col_category", "col_state", "col_last_verified")


def entries_list(
    selected: pd.DataFrame, lang: str, page_size: int = 50, name_key: pd.Series | None = None
) -> None:
    """An accessible HTML table of the selection (sortable, paged), same facts as the popups."""
    from equality_map.exports import entries_table_html

    st.subheader(i18n.t("list_heading", lang))
    if selected.empty:
        st.info(i18n.t("no_entries", lang))
        return
    cols = st.columns([2, 1, 1])
    sort_key = cols[0].selectbox(
        i18n.t("list_sort", lang),
        _SORT_KEYS,
        format_func=lambda k: i18n.t(k, lang),
        key="l_sort",
        placeholder=i18n.t("choose_option", lang),
    )
    descending = cols[1].toggle(i18n.t("list_desc", lang), key="l_desc")
    pages = max(1, -(-len(selected) // page_size))
    page = cols[2].number_input(
        i18n.t("list_page", lang, pages=pages), min_value=1, max_value=pages, step=1, key="l_page"
    )
    frame = selected
    if sort_key == "col_last_verified":
        order = frame[s.LAST_VERIFIED].sort_values(ascending=not descending, na_position="last")
    elif sort_key == "col_category":
        order = frame[s.CATEGORY].map(lambda k: i18n.category_label(k, lang)).map(s.fold)
        order = order.sort_values(ascending=not descending, kind="stable")
    elif sort_key == "col_state":
        order = (frame[s.STATE] + "\n" + frame[s.CITY]).map(s.fold)
        order = order.sort_values(ascending=not descending, kind="stable")
    else:
        keys = name_key.loc[frame.index] if name_key is not None else frame[s.NAME].map(s.fold)
        order = keys.sort_values(ascending=not descending, kind="stable")
    start = (int(page) - 1) * page_size
    rows = frame.loc[order.index[start : start + page_size]]
    caption = i18n.t(
        "list_caption",
        lang,
        first=i18n.format_number(start + 1, lang),
        last=i18n.format_number(start + len(rows), lang),
        total=i18n.format_number(len(frame), lang),
        sort=i18n.t(sort_key, lang),
        order=i18n.t("list_desc" if descending else "list_ascending", lang),
    )
    st.html(entries_table_html(rows, lang, caption))


def downloads(frame: pd.DataFrame, flt: Filter, lang: str, today: date | None = None) -> None:
    """CSV and GeoJSON downloads of `flt` applied to `frame` (the shared prepared data).

    Made only when clicked; the callbacks keep the filter and the shared frame, not the
    selection: a selection is a copy of its rows, and every open session holding one (about
    1 MB for 5,000 entries) was most of a viewer's memory on the server.
    """
    from equality_map.exports import to_geojson_bytes, to_safe_csv_bytes

    col1, col2 = st.columns(2)
    col1.download_button(
        i18n.t("download_csv", lang),
        data=lambda: to_safe_csv_bytes(flt.apply(frame, today=today)),
        file_name="equality-map.csv",
        mime="text/csv",
        key="dl_csv",
    )
    col2.download_button(
        i18n.t("download_geojson", lang),
        data=lambda: to_geojson_bytes(flt.apply(frame, today=today)),
        file_name="equality-map.geojson",
        mime="application/geo+json",
        key="dl_geojson",
    )


def show_embed_map(
    prep: Prepared, selected: pd.DataFrame, lang: str, flt: Filter, height: int
) -> None:
    """The map of an embed: like show_map, with gesture handling and the requested height."""
    show_map(prep, selected, lang, flt, height=height, gestures=True, key="em_embed_map")


def embed_title(flt: Filter, lang: str) -> None:
    """The embed's visible title naming the selection: one compact heading (embed.css)."""
    title = html.escape(embed.selection_title(flt, lang))
    css = assets.asset_text(assets.EMBED_CSS)
    st.html(f'<style>{css}</style><h1 class="em-embed-title">{title}</h1>')


def embed_link(flt: Filter, lang: str) -> None:
    """A link to the Embed page with the places and categories of `flt` chosen there."""
    kept = Filter(groups=flt.groups, categories=flt.categories, cities=flt.cities)
    params = dict(kept.to_query_params())
    if lang != i18n.DEFAULT_LANG:
        params[shell.LANG_PARAM] = lang
    st.page_link(
        "pages/embed.py",
        label=i18n.t("embed_this_selection", lang),
        icon=":material/code:",
        query_params=params,
    )
