"""Data page for maintainers: upload CSV/XLSX, edit inline, see the diff, save safely, restore.

Routable only when signed in (app.py adds it to st.navigation via `access.data_pages()`), and
the page checks access again itself. The page's parts live in `ui.maintenance`.
"""

from __future__ import annotations

import streamlit as st

from equality_map.ui import access, data, maintenance, shell

shell.require_app_shell()  # before anything else: see its docstring
access.require_maintainer()

page = maintenance.DataPage(data.data_store(), shell.current_lang())
page.header()
upload_tab, edit_tab, geocode_tab, history_tab = st.tabs(
    [page._(k) for k in ("mt.upload_file", "mt.edit_directly", "mt.geocode_online", "mt.history")]
)
with upload_tab:
    page.upload_tab()
with edit_tab:
    page.edit_tab()
with geocode_tab:
    page.geocode_tab()
with history_tab:
    page.history_tab()
