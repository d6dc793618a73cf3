"""About page: data sources with the notes their publishers require, privacy, corrections."""

from __future__ import annotations

import streamlit as st

from equality_map import i18n
from equality_map.ui import shell

shell.require_app_shell()  # before anything else: see its docstring

lang = shell.current_lang()
st.title(i18n.t("about_heading", lang))
st.markdown(i18n.t("about_body", lang))
st.markdown(i18n.t("about_sources", lang))
st.markdown(i18n.t("about_privacy", lang))
contact = shell.settings().contact
if contact:
    st.markdown(i18n.t("about_corrections", lang, link=shell.contact_markdown(contact)))
else:
    st.markdown(i18n.t("about_corrections_none", lang))
st.markdown(i18n.t("about_licence", lang))
