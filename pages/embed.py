"""Embed page (placeholder; the embed issue replaces it)."""

from __future__ import annotations

import streamlit as st

from equality_map import i18n, ui

lang = ui.current_lang()
st.title(i18n.t("nav_embed", lang))
st.info(i18n.t("coming_soon", lang))
