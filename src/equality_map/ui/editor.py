"""The Data page's table editor: its columns, labelled and typed for people."""

from __future__ import annotations

from typing import Any

import streamlit as st

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
