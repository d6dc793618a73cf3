"""Embed mode, Embed page and static export in Chromium (issue 7).

One Streamlit server and one fake tile server per module, one browser. Three surfaces are
checked: the map page (`/`), the embed view (`/?embed=true&...`) and the static export opened
from `file://`. For each: (1) every request goes to the app's own origin (or file:) or to the
configured tile host, (2) axe-core finds no serious or critical violation in any frame,
(3) XSS payloads from every text field show literally, open no dialog and raise no error, and
the confidential shelter street appears nowhere.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.browser._server import REPO, streamlit_app, tile_server
from tests.browser.conftest import wait_for_map

pytestmark = pytest.mark.browser

AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
SECRET = "Geheimstraße"
PAYLOADS = ("<script>alert(1)</script>", '"><img src=x onerror=alert(1)>', "javascript:alert(1)")
# Payloads in every text field that the loader accepts (javascript: URLs and malformed e-mail
# addresses are rejected as row errors, so they cannot reach the page anyway).
PAYLOAD_CSV = (
    "id,name,category,organisation,street,postcode,city,state,lat,lon,address_confidential,"
    "phone,email,website,target_groups,topics,networks,languages,wheelchair_accessible,"
    "capacity,source_url,last_verified,notes\n"
    'p1,<script>alert(1)</script>,equality_office,"""><img src=x onerror=alert(1)>",'
    "<script>alert(1)</script> 1,50667,Köln,NW,50.94,6.96,false,<script>alert(1)</script>,"
    "x@x.de,https://example.org/,<script>alert(1)</script>; women,"
    '"""><img src=x onerror=alert(1)>",javascript:alert(1),<b>bold</b>,yes,,'
    'https://example.org/src,2025-05-01,"javascript:alert(1) ""><img src=x onerror=alert(1)>"\n'
    'p2,"""><img src=x onerror=alert(1)>",counselling_centre,javascript:alert(1),Hauptstr. 2,'
    "50667,Köln,NW,50.93,6.95,false,0221 123,a@b.de,,girls,,,,no,,,2025-06-01,"
    "<script>alert(1)</script>\n"
    "p3,javascript:alert(1),girls_facility,<script>alert(1)</script>,Ring 3,50667,Köln,NW,"
    "50.95,6.97,false,,,,,,,,,,,,\n"
    "s1,Frauenhaus Geheim,womens_shelter,Frauen helfen Frauen,Geheimstraße 7,50999,Köln,NW,"
    "50.90,6.90,,0221 999,,,women,violence protection,,,,12,,2025-07-01,\n"
    "b1,Gleichstellungsstelle Bonn,equality_office,Stadt Bonn,Altes Rathaus,53111,Bonn,NW,"
    "50.73,7.10,false,0228 1,gs@bonn.de,https://www.bonn.de,,,,,,,,2025-01-01,\n"
)
EMBED_PATH = "/?embed=true&city=K%C3%B6ln&lang=de&view=map"
EMBED_LIST_PATH = "/?embed=true&lang=en&view=list"


# --- fixtures ----------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def embed_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("embed")
    (folder / "payload.csv").write_text(PAYLOAD_CSV, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def embed_tiles() -> Iterator:
    with tile_server() as tiles:
        yield tiles


@pytest.fixture(scope="module")
def embed_server(embed_dir: Path, embed_tiles) -> Iterator:
    with streamlit_app(embed_dir / "payload.csv", embed_tiles.url_template, embed_dir) as app:
        yield app


@pytest.fixture(scope="module")
def embed_export(embed_dir: Path, embed_tiles) -> Path:
    out = embed_dir / "map.html"
    env = dict(os.environ, EQUALITY_MAP_TILES_URL=embed_tiles.url_template)
    env["PYTHONPATH"] = str(REPO / "src") + os.pathsep + env.get("PYTHONPATH", "")
    subprocess.run(
        [sys.executable, "-m", "equality_map", "export", str(embed_dir / "payload.csv")]
        + ["--output", str(out), "--lang", "de"],
        check=True,
        env=env,
        cwd=REPO,
    )
    return out


@pytest.fixture(scope="module")
def embed_browser(browser):
    """The session's Chromium (conftest): one Playwright instance for all browser tests."""
    return browser


class Visit:
    """A page with everything recorded: requests, dialogs, console errors, page errors."""

    def __init__(self, browser, url: str) -> None:
        self.page = browser.new_page(viewport={"width": 1200, "height": 900})
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("dialog", self._dialog)
        self.page.on("pageerror", lambda e: self.errors.append(f"pageerror: {e}"))
        self.page.on("console", self._console)
        self.page.goto(url)

    def _dialog(self, dialog) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def _console(self, msg) -> None:
        # Failed resource loads (e.g. a favicon 404) are not code; everything else counts.
        if msg.type == "error" and "Failed to load resource" not in msg.text:
            self.errors.append(f"console: {msg.text}")

    def map_frame(self, timeout: float = 60_000):
        """The frame whose map has been filled (body[data-em-count] set by EM.fill)."""
        self.page.wait_for_function(
            "() => [window, ...Array.from(window.frames)].some(w => { try { return "
            "w.document.body && w.document.body.hasAttribute('data-em-count'); } "
            "catch (e) { return false; } })",
            timeout=timeout,
        )
        for frame in self.page.frames:
            if frame.evaluate("!!(document.body && document.body.hasAttribute('data-em-count'))"):
                return frame
        raise AssertionError("no map frame")

    def close(self) -> None:
        self.page.close()


def _wait_for_app(visit: Visit, text: str) -> None:
    visit.page.get_by_text(text, exact=False).first.wait_for(timeout=60_000)


def _hosts(urls: list[str]) -> set[str]:
    out = set()
    for url in urls:
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob", "about", "file", "chrome-extension"):
            out.add(parts.scheme + ":")
        else:
            out.add(parts.netloc)
    return out


# --- surfaces ----------------------------------------------------------------------------------


def _open_map_page(browser, server) -> tuple[Visit, object]:
    visit = Visit(browser, server.origin + "/")
    frame = visit.map_frame()
    _wait_for_app(visit, "Liste der Einträge")
    return visit, frame


def _open_embed(browser, server) -> tuple[Visit, object]:
    visit = Visit(browser, server.origin + EMBED_PATH)
    return visit, visit.map_frame()


def _open_export(browser, export: Path) -> tuple[Visit, object]:
    visit = Visit(browser, export.as_uri())
    return visit, visit.map_frame()


SURFACES = ("map_page", "embed_view", "static_export")


@pytest.fixture(params=SURFACES)
def surface(request, embed_browser, embed_server, embed_export, embed_tiles):
    name = request.param
    if name == "map_page":
        visit, frame = _open_map_page(embed_browser, embed_server)
    elif name == "embed_view":
        visit, frame = _open_embed(embed_browser, embed_server)
    else:
        visit, frame = _open_export(embed_browser, embed_export)
    yield name, visit, frame
    visit.close()


# --- 1. no third-party requests ---------------------------------------------------------------


def test_requests_only_own_origin_and_tile_host(surface, embed_server, embed_tiles):
    name, visit, frame = surface
    # Tiles have been asked for once the map is drawn; wait until one arrived.
    visit.page.wait_for_function(
        "host => performance.getEntriesByType('resource').some(e => e.name.includes(host)) || "
        "Array.from(window.frames).some(w => { try { return w.performance.getEntriesByType("
        "'resource').some(e => e.name.includes(host)); } catch (e) { return false; } })",
        arg=embed_tiles.host,
        timeout=30_000,
    )
    allowed = {embed_tiles.host}
    allowed |= {"file:", "data:", "blob:", "about:"} if name == "static_export" else set()
    if name != "static_export":
        allowed |= {embed_server.host, "data:", "blob:", "about:"}
    hosts = _hosts(visit.requests)
    assert embed_tiles.host in hosts, "the map requested no tiles from the configured server"
    assert hosts <= allowed, f"third-party requests from {name}: {sorted(hosts - allowed)}"


def test_export_requests_nothing_but_tiles_from_the_network(
    embed_browser, embed_export, embed_tiles
):
    visit, _ = _open_export(embed_browser, embed_export)
    try:
        network = [u for u in visit.requests if urlsplit(u).scheme in ("http", "https")]
        assert network, "expected tile requests"
        assert all(urlsplit(u).netloc == embed_tiles.host for u in network), network
    finally:
        visit.close()


# --- 2. axe-core ------------------------------------------------------------------------------


def _axe(frame) -> list[dict]:
    frame.add_script_tag(path=str(AXE))
    result = frame.evaluate(
        "async () => { const r = await axe.run(document, {iframes: false, "
        "resultTypes: ['violations']}); return r.violations.map(v => ({id: v.id, "
        "impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(n => "
        "n.target.join(' ') + ' :: ' + n.html.slice(0, 160))})); }"
    )
    return list(result)


def _require_axe() -> None:
    if not AXE.exists():
        message = "axe-core missing: run `npm ci` (make browser-deps)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)


def _serious_violations(visit: Visit) -> list[dict]:
    found = []
    for frame in visit.page.frames:
        if frame.url in ("about:blank", "about:srcdoc") or frame.is_detached():
            continue
        for violation in _axe(frame):
            if violation["impact"] in ("serious", "critical"):
                found.append({"frame": frame.url[:80], **violation})
    return found


def test_axe_no_serious_or_critical_violations(surface):
    _require_axe()
    name, visit, _ = surface
    found = _serious_violations(visit)
    assert not found, f"axe on {name}:\n" + json.dumps(found, indent=1, ensure_ascii=False)


_SETTLED = """
() => new Promise((resolve, reject) => {
  // Resolves once the page has not changed for 1 s and no element is stale (a rerun fades
  // elements, which axe would rightly count as low contrast).
  let last = Date.now();
  const observer = new MutationObserver(() => { last = Date.now(); });
  observer.observe(document.body, {subtree: true, childList: true, attributes: true,
                                   characterData: true});
  const started = Date.now();
  (function check() {
    const stale = document.querySelector('[data-stale="true"]');
    if (!stale && Date.now() - last > 1000) { observer.disconnect(); resolve(true); return; }
    if (Date.now() - started > 60000) {
      observer.disconnect(); reject(new Error('not settled')); return;
    }
    setTimeout(check, 100);
  })();
})
"""


@pytest.mark.parametrize(("path", "ready"), [("/embed", "Vorschau"), ("/coverage", "Abdeckung")])
def test_axe_on_the_embed_and_coverage_pages(embed_browser, embed_server, path, ready):
    _require_axe()
    visit = Visit(embed_browser, embed_server.origin + path)
    try:
        _wait_for_app(visit, ready)
        if path == "/embed":
            wait_for_map(visit.page)  # the live preview (an app in an iframe) has drawn its map
        visit.page.evaluate(_SETTLED)
        found = _serious_violations(visit)
        assert not found, f"axe on {path}:\n" + json.dumps(found, indent=1, ensure_ascii=False)
    finally:
        visit.close()


# --- 3. payloads and confidentiality ----------------------------------------------------------

_OPEN_ALL_POPUPS = """
async () => {
  const EM = window.EM;
  const texts = [];
  // One cluster layer holds every entry, in no fixed order: keep every popup open, so the
  // check below does not depend on which one was opened last.
  for (const m of EM.shown().cluster.getLayers()) {
    const popup = m.getPopup();
    if (!popup) { continue; }
    const content = popup.getContent();
    texts.push(typeof content === 'string' ? content : '');
    EM.map.openPopup(content, m.getLatLng(), {autoClose: false, autoPan: false});
  }
  await new Promise(resolve => {
    const img = document.createElement('img');
    img.onerror = img.onload = resolve;
    img.src = 'x-sentinel-' + Date.now();
    document.body.appendChild(img);
  });
  return texts;
}
"""


def _all_html(visit: Visit) -> str:
    return "\n".join(f.content() for f in visit.page.frames if not f.is_detached())


def test_payloads_show_literally_and_run_nowhere(surface):
    name, visit, frame = surface
    popups = frame.evaluate(_OPEN_ALL_POPUPS)
    assert len(popups) >= 3
    joined = "\n".join(popups)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in joined
    assert "<script>" not in joined
    assert "<img src=x" not in joined
    # The popups were rendered as HTML: the payload text is visible as text.
    shown = frame.evaluate("() => document.querySelector('.leaflet-popup-pane').innerText")
    assert "<script>alert(1)</script>" in shown
    if name == "map_page":
        _wait_for_app(visit, "Liste der Einträge")
    list_text = visit.page.inner_text("body") if name != "embed_view" else ""
    if name != "embed_view":
        for payload in PAYLOADS:
            assert payload in list_text, f"{payload!r} not shown literally on {name}"
    assert not visit.dialogs, f"dialog opened on {name}: {visit.dialogs}"
    assert not visit.errors, f"errors on {name}: {visit.errors}"
    assert SECRET not in _all_html(visit) + joined


def test_embed_list_view_shows_payloads_literally(embed_browser, embed_server):
    visit = Visit(embed_browser, embed_server.origin + EMBED_LIST_PATH)
    try:
        _wait_for_app(visit, "Frauenhaus Geheim")
        text = visit.page.inner_text("body")
        for payload in PAYLOADS:
            assert payload in text
        assert "Address confidential, Köln" in text
        assert SECRET not in _all_html(visit)
        assert not visit.dialogs, visit.dialogs
        assert not visit.errors, visit.errors
    finally:
        visit.close()


# --- embed mode and Embed page ----------------------------------------------------------------


def test_embed_view_has_no_navigation_or_sidebar(embed_browser, embed_server):
    visit, _ = _open_embed(embed_browser, embed_server)
    try:
        page = visit.page
        assert page.evaluate("document.documentElement.lang") == "de"
        assert page.locator("[data-testid='stSidebar']").count() == 0
        assert page.locator("[data-testid='stSidebarNav']").count() == 0
        assert page.get_by_role("tab", name="Liste").count() == 1
        body = page.inner_text("body")
        assert "Filter" not in body
        assert "CSV" not in body
    finally:
        visit.close()


def test_embed_page_preview_and_snippet(embed_browser, embed_server):
    visit = Visit(embed_browser, embed_server.origin + "/embed")
    try:
        _wait_for_app(visit, "<iframe")
        code = visit.page.inner_text("body")
        assert 'title="Karte der Gleichstellungsinfrastruktur"' in code
        # Without EQUALITY_MAP_PUBLIC_URL the snippet says YOUR-HOST (the address this browser
        # uses is rarely the one a city's visitors reach) and points at the app's root.
        assert 'src="https://YOUR-HOST/?embed=true' in code
        assert embed_server.origin not in code.split("<iframe", 1)[1].split(">", 1)[0]
        assert "view=map" in code
        assert "equality-map export" in code
        preview = visit.page.frame_locator("iframe[src*='embed=true']")
        preview.locator("text=Karte").first.wait_for(timeout=60_000)
        assert not visit.dialogs, visit.dialogs
        assert not visit.errors, visit.errors
    finally:
        visit.close()
