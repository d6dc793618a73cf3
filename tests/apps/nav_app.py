"""Test harness with app.py's maintainer wiring: sign-in in the sidebar, Data page in navigation.

app.py does the same around its public pages:
    access.sign_in_form(); st.navigation([*public_pages, *access.data_pages()]).run()
"""

from __future__ import annotations

import streamlit as st

from equality_map.ui import access


def home() -> None:
    """Stand-in for the public pages."""
    st.title("equality-map")
    st.write("öffentliche Seite")


st.set_page_config(page_title="equality-map", layout="wide")
access.sign_in_form()
st.navigation([st.Page(home, title="Karte", default=True), *access.data_pages()]).run()
