"""The Data page's table editor: its columns, labelled and typed for people, and the search
that narrows the rows it shows."""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from equality_map import changes as ch
from equality_map import i18n
from equality_map import schema as s


def editor_columns(lang: str) -> dict[str, Any]:
    """Streamlit column configs of the editable table (labels in `lang`, checks per column)."""

    def _(key: str) -> str:
        return i18n.t(key, lang)

    return {
        s.ID: st.column_config.TextColumn("id", help=_("mt.stable_identifier_leave_empty")),
        s.NAME: st.column_config.TextColumn(_("mt.name"), required=True),
        s.CATEGORY: st.column_config.SelectboxColumn(
            _("mt.category"),
            options=list(s.CATEGORIES),
            format_func=lambda k: (
                i18n.category_label(str(k), lang) if k in s.CATEGORIES else str(k)
            ),
            required=True,
        ),
        s.CITY: st.column_config.TextColumn(_("mt.place"), required=True),
        s.STATE: st.column_config.SelectboxColumn(
            _("mt.land"),
            options=["", *s.STATES],
            help=_("mt.empty_from_gazetteer"),
        ),
        s.LAT: st.column_config.NumberColumn(
            _("mt.latitude"),
            min_value=s.GERMANY_BBOX[0],
            max_value=s.GERMANY_BBOX[1],
            format="%.5f",
        ),
        s.LON: st.column_config.NumberColumn(
            _("mt.longitude"),
            min_value=s.GERMANY_BBOX[2],
            max_value=s.GERMANY_BBOX[3],
            format="%.5f",
        ),
        s.GEOCODE_PRECISION: st.column_config.TextColumn(_("mt.precision"), disabled=True),
        s.GEOCODE_SOURCE: st.column_config.TextColumn(_("mt.source_coordinates"), disabled=True),
        s.ADDRESS_CONFIDENTIAL: st.column_config.CheckboxColumn(_("mt.address_confidential")),
        s.WEBSITE: st.column_config.LinkColumn(_("mt.website"), validate=r"^https?://"),
        s.SOURCE_URL: st.column_config.LinkColumn(_("mt.source"), validate=r"^https?://"),
        s.WHEELCHAIR_ACCESSIBLE: st.column_config.SelectboxColumn(
            _("mt.wheelchair_accessible"), options=list(s.WHEELCHAIR_VALUES)
        ),
        s.CAPACITY: st.column_config.NumberColumn(_("mt.places"), min_value=0, step=1),
        s.LAST_VERIFIED: st.column_config.DateColumn(_("mt.last_verified"), format="DD.MM.YYYY"),
        s.TARGET_GROUPS: st.column_config.TextColumn(_("mt.target_groups")),
        s.TOPICS: st.column_config.TextColumn(_("mt.topics")),
        s.NETWORKS: st.column_config.TextColumn(_("mt.networks")),
        s.LANGUAGES: st.column_config.TextColumn(_("mt.languages")),
    }


def editor_key(gen: int, text: str, categories: list[str], places: list[str]) -> str:
    """One editor per selection (a new selection starts a new, unedited editor)."""
    return f"dp_editor_{gen}_{abs(hash((text, *categories, '|', *places)))}"


def has_edits(key: str) -> bool:
    """Whether the editor `key` holds unsaved edits."""
    edits = st.session_state.get(key) or {}
    return any(edits.get(k) for k in ("edited_rows", "added_rows", "deleted_rows"))


def filtered_editor(
    table: pd.DataFrame, lang: str, gen: int
) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """Search, category and city filters over the table, then the editor of the rows shown.

    Returns (rows shown, edited rows shown, editor key). The filters are locked while the
    editor holds unsaved edits: another selection means another editor, and edits would be
    lost.
    """

    def _(key: str, **values: Any) -> str:
        return i18n.t(key, lang, **values)

    state = st.session_state
    current = (
        str(state.get(f"dp_q_{gen}") or ""),
        list(state.get(f"dp_cat_{gen}") or []),
        list(state.get(f"dp_city_{gen}") or []),
    )
    locked = has_edits(editor_key(gen, *current))
    search, cats, cities = st.columns([2, 1, 1])
    text = search.text_input(_("mt.edit_search"), key=f"dp_q_{gen}", disabled=locked)
    categories = cats.multiselect(
        _("mt.edit_categories"),
        list(s.CATEGORIES),
        format_func=lambda k: i18n.category_label(k, lang),
        key=f"dp_cat_{gen}",
        disabled=locked,
        placeholder=_("f_any"),
    )
    places = cities.multiselect(
        _("mt.edit_cities"),
        sorted(set(table[s.CITY].astype(str))),
        key=f"dp_city_{gen}",
        disabled=locked,
        placeholder=_("f_any"),
    )
    view = table[ch.editor_mask(table, text, categories, places)]
    if locked:
        st.caption(_("mt.edit_filter_locked"))
    st.caption(_("mt.edit_rows_shown", shown=len(view), total=len(table)))
    key = editor_key(gen, text, categories, places)
    edited: pd.DataFrame = st.data_editor(
        view,
        key=key,
        num_rows="dynamic",
        hide_index=True,
        column_config=editor_columns(lang),
    )
    return view, edited, key
