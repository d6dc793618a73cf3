"""Maintainer sign-in through the real app, on the map page (issue 6).

Regression: the map component starts a rerun right after the page loads; a form whose submit
was read from the button's return value lost the click in that rerun, so sign-in silently did
nothing on the map page (AppTest cannot see this; a browser can).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import FIXTURE, start_app, wait_for_map

pytestmark = pytest.mark.browser
PASSWORD = "Gleichstellung-2026"


@pytest.fixture(scope="module")
def signed_server(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("signin")
    data = folder / "facilities.csv"
    shutil.copy(FIXTURE, data)
    env = {
        "EQUALITY_MAP_ADMIN_PASSWORD": PASSWORD,
        "EQUALITY_MAP_HISTORY_DIR": str(folder / "history"),
    }
    with start_app(Path(data), env=env) as server:
        yield server


def password_field(page):
    """The password input once the sidebar has settled (a rerun briefly shows two)."""
    field = page.get_by_label("Passwort")
    expect(field).to_have_count(1, timeout=30_000)
    return field


def nav_text(page) -> str:
    return page.locator("[data-testid='stSidebarNav']").inner_text()


def test_sign_in_on_the_map_page_shows_the_data_page(signed_server, page):
    page.goto(signed_server.url + "/")
    wait_for_map(page)
    assert "Daten pflegen" not in nav_text(page)
    page.get_by_text("Anmelden für Datenpflege").click()
    password_field(page).fill("falsch")
    page.get_by_role("button", name="Anmelden", exact=True).click()
    page.get_by_text("Das Passwort stimmt nicht.").wait_for()
    assert "Daten pflegen" not in nav_text(page)
    password_field(page).fill(PASSWORD)
    page.get_by_role("button", name="Anmelden", exact=True).click()
    page.get_by_role("button", name="Abmelden").wait_for()
    assert "Daten pflegen" in nav_text(page)
    page.get_by_text("Daten pflegen").click()
    page.get_by_role("heading", name="Daten pflegen").wait_for()
    assert page.em_log.page_errors == []


def test_data_page_url_is_unreachable_without_sign_in(signed_server, page):
    page.goto(signed_server.url + "/data")
    wait_for_map(page)  # Streamlit falls back to the default page
    assert page.get_by_role("heading", name="Daten pflegen").count() == 0
