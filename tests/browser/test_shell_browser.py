"""A page URL opened first after a server start still runs inside app.py (the app shell).

Streamlit runs a file of `pages/` directly (its old pages-folder mode) until app.py has called
st.navigation once in the process; the pages then lacked the language switch, <html lang>,
the sign-in and the access rules. Each case needs a fresh server.
"""

from __future__ import annotations

import pytest

from tests.browser.conftest import FIXTURE, start_app

pytestmark = pytest.mark.browser


def test_first_visit_to_a_page_url_gets_the_app_shell(page):
    with start_app(FIXTURE) as server:
        page.goto(server.url + "/about")
        page.get_by_role("heading", name="Über").first.wait_for()
        sidebar = page.locator("[data-testid='stSidebar']")
        sidebar.get_by_text("English").wait_for()  # the language switch of app.py
        assert page.evaluate("document.documentElement.lang") == "de"
        # Only the app's pages are listed (not every file in pages/, e.g. the Data page).
        links = sidebar.locator("[data-testid='stSidebarNavLink']").all_inner_texts()
        # (each link's text starts with its icon's ligature name, e.g. "map")
        assert [t.split()[-1] for t in links] == ["Karte", "Abdeckung", "Einbetten", "Über"]
        assert page.em_log.page_errors == []


def test_first_visit_to_the_data_page_url_does_not_open_it(page):
    with start_app(FIXTURE) as server:
        page.goto(server.url + "/data")
        page.get_by_text("7 Einträge", exact=True).wait_for()  # the map page instead
        assert "/data" not in page.url
        assert page.get_by_text("Datenpflege ist ausgeschaltet, weil").count() == 0
        assert page.get_by_role("heading", name="Daten pflegen").count() == 0
