"""Test harness with app.py's maintainer wiring: sign-in in the sidebar, Data page in navigation.

app.py does the same around its public pages:
    ui.sign_in_form(); st.navigation([*public_pages, *ui.data_pages()]).run()
"""

from __future__ import annotations

import streamlit as st

from equality_map import ui


def home() -> None:
    """Stand-in for the public pages."""
    st.title("equality-map")
    st.write("öffentliche Seite")


st.set_page_config(page_title="equality-map", layout="wide")
ui.sign_in_form()
st.navigation([st.Page(home, title="Karte", default=True), *ui.data_pages()]).run()
