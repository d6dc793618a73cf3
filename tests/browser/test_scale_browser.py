"""The map with 20,000 demo entries in a real browser: all entries arrive, filters work.

Speed is measured by bench/map_bench.py; this only checks that the large case works.
"""

from __future__ import annotations

import pytest

from equality_map import schema as s
from equality_map.demo import make_demo_frame
from equality_map.store import save_facilities
from tests.browser.conftest import start_app, wait_for_map

pytestmark = [pytest.mark.browser, pytest.mark.slow]
ROWS = 20_000


@pytest.fixture(scope="module")
def big_server(tmp_path_factory: pytest.TempPathFactory):
    frame = make_demo_frame(ROWS, seed=5)
    path = tmp_path_factory.mktemp("scale") / "demo.csv"
    save_facilities(frame, path)
    berlin = int((frame[s.STATE] == "BE").sum())
    with start_app(path) as server:
        yield server, berlin


def test_twenty_thousand_entries_render_and_filter(big_server, page):
    server, berlin = big_server
    page.goto(server.url + "/")
    frame = wait_for_map(page, count=ROWS, timeout=180_000)
    frame.locator(".marker-cluster").first.wait_for()
    page.goto(server.url + "/?state=BE")
    frame = wait_for_map(page, count=berlin, timeout=180_000)
    frame.locator(".em-marker, .marker-cluster").first.wait_for()
    assert 0 < berlin < ROWS
    assert page.em_log.page_errors == []
    assert page.em_log.dialogs == []


_SHOW_ONE_MARKER = """
() => new Promise(resolve => {
  const cl = EM.shown().cluster;
  const marker = cl.getLayers()[0];
  cl.zoomToShowLayer(marker, () => {
    marker._icon.setAttribute('data-test-target', '1');
    resolve(marker.options.title);
  });
})
"""


def test_popup_of_a_large_selection_is_fetched_on_click(big_server, page):
    """Above 3,000 entries popups travel in chunk files: a click fetches and shows the right one."""
    server, berlin = big_server
    names = set(make_demo_frame(ROWS, seed=5).query("state == 'BE'")[s.NAME])
    page.goto(server.url + "/?state=BE")
    frame = wait_for_map(page, count=berlin, timeout=180_000)
    title = frame.evaluate(_SHOW_ONE_MARKER)
    assert title  # the category's name until the details arrive
    frame.locator("[data-test-target='1']").click()
    heading = frame.locator(".leaflet-popup-content h3")
    heading.wait_for()
    assert heading.inner_text() in names
    assert any("/cache/" in url and url.endswith(".json") for url in page.em_log.requests)
    assert page.em_log.page_errors == []
