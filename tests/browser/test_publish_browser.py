"""The published static site in Chromium: own files and tiles only, markers, no errors, axe."""

from __future__ import annotations

import contextlib
import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from equality_map.load import load_facilities
from equality_map.prepare import prepare_entries
from equality_map.publish import SiteOptions, publish
from tests.browser.conftest import FIXTURE, TILE_HOST

pytestmark = pytest.mark.browser
AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def site_url(tmp_path_factory) -> Iterator[str]:
    root = tmp_path_factory.mktemp("published")
    entries = prepare_entries(load_facilities(FIXTURE).frame)
    publish(entries, root / "site", SiteOptions(base_url="https://karte.example.de/"))
    handler = functools.partial(_Quiet, directory=str((root / "site").resolve()))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def _markers(page) -> int:
    page.wait_for_selector(".leaflet-marker-icon", timeout=30_000)
    return page.locator(".leaflet-marker-icon").count()


@pytest.mark.parametrize("path", ["/index.html", "/gemeinde/06611000.html", "/kreis/06611.html"])
def test_a_published_page_requests_only_its_own_files_and_tiles(page, site_url, path):
    page.goto(site_url + path)
    assert _markers(page) > 0
    page.wait_for_load_state("networkidle")
    own = urlsplit(site_url).netloc
    hosts = {urlsplit(u).netloc for u in page.em_log.requests if u.startswith("http")}
    assert hosts <= {own, TILE_HOST}, hosts
    assert not page.em_log.page_errors
    assert not page.em_log.console_errors
    text = page.content()
    assert "Geheimweg" not in text  # the shelter's street never reaches a page


def test_the_kassel_page_shows_its_entries_and_a_popup(page, site_url):
    page.goto(site_url + "/gemeinde/06611000.html")
    _markers(page)
    assert page.get_by_role("heading", name="Gleichstellungsinfrastruktur in Kassel").count() == 1
    assert page.locator("#em-list li").count() == 3
    page.locator(".leaflet-marker-icon").first.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for(timeout=10_000)
    assert "Kassel" in popup.inner_text()


def test_a_published_page_passes_axe(page, site_url):
    if not AXE.exists():
        pytest.skip("axe-core missing: run `npm ci`")
    page.goto(site_url + "/gemeinde/06611000.html")
    _markers(page)
    page.add_script_tag(path=str(AXE))
    violations = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => v.id + ': ' + v.nodes.slice(0, 3).map(n => n.html.slice(0, 120)).join(' | '))"
    )
    assert violations == []


def test_a_published_page_at_phone_width_keeps_markers_visible(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    with contextlib.suppress(Exception):
        page.route(f"https://{TILE_HOST}/**", lambda route: route.abort())
    try:
        page.goto(site_url + "/gemeinde/06611000.html")
        _markers(page)
        box = page.locator("#em-map").bounding_box()
        assert box is not None
        assert box["width"] <= 390
        marker = page.locator(".leaflet-marker-icon").first.bounding_box()
        assert marker is not None
        assert box["x"] <= marker["x"] <= box["x"] + box["width"]
    finally:
        context.close()
