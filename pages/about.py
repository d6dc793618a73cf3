"""About page: data sources, licences, attribution, how to report corrections."""

from __future__ import annotations

import streamlit as st

from equality_map import i18n
from equality_map.ui import shell

shell.require_app_shell()  # before anything else: see its docstring

lang = shell.current_lang()
st.title(i18n.t("about_heading", lang))
st.markdown(i18n.t("about_body", lang))
