"""equality-map: Streamlit entry point (placeholder until the map page lands)."""

from __future__ import annotations

from equality_map import ui

ui.page_setup()
ui.placeholder_page()
