"""One cluster layer, city-level popups, the embed's layout and the BKG outlines, in Chromium.

On the bundled data (data/facilities.csv) Kassel's 10 and Göttingen's 6 entries all sit at
their town's centre (geocode precision "city"): they must form one bubble per town whatever
their group, and the bubble must open to all of them.
"""

from __future__ import annotations

import csv
import json

import pytest

from tests.browser.conftest import ROOT, TILE_HOST, start_app, wait_for_map
from tests.browser.test_embed_browser import _axe, _require_axe

pytestmark = pytest.mark.browser

BUNDLED = ROOT / "data" / "facilities.csv"
KASSEL_EMBED = "/?embed=true&city=Kassel"


def _rows(city: str) -> list[dict[str, str]]:
    with BUNDLED.open(encoding="utf-8") as f:
        return [row for row in csv.DictReader(f) if row["city"] == city]


KASSEL = _rows("Kassel")
GOETTINGEN = _rows("Göttingen")
ALLIANCE = ("alliance_partner", "initiative")


@pytest.fixture(scope="module")
def bundled():
    with start_app(BUNDLED) as server:
        yield server


# Every visible icon in the marker pane: markers and bubbles (with their number).
_ICONS = """
() => Array.from(document.querySelectorAll('.leaflet-marker-pane > .leaflet-marker-icon'))
  .filter(el => getComputedStyle(el).opacity !== '0')
  .map(el => {
    const r = el.getBoundingClientRect();
    return {cluster: el.classList.contains('marker-cluster'), text: el.innerText.trim(),
            title: el.getAttribute('title'), box: [r.left, r.top, r.right, r.bottom]};
  })
"""

# Visible Leaflet controls (legend, layers, buttons, attribution, scale) as boxes.
_CONTROLS = """
() => Array.from(document.querySelectorAll('.leaflet-control'))
  .filter(el => el.offsetParent !== null)
  .map(el => { const r = el.getBoundingClientRect();
               return {cls: el.className, box: [r.left, r.top, r.right, r.bottom]}; })
"""

_SETTLED = (
    "() => !document.querySelector('.leaflet-cluster-anim') && "
    "document.querySelectorAll('.leaflet-marker-pane > .leaflet-marker-icon').length > 0"
)


def _overlap(a: list[float], b: list[float]) -> bool:
    """Whether two boxes [left, top, right, bottom] share an area (touching is fine)."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def _overlapping(icons: list[dict]) -> list[tuple[str, str]]:
    return [
        (one["title"] or one["text"], two["title"] or two["text"])
        for i, one in enumerate(icons)
        for two in icons[i + 1 :]
        if _overlap(one["box"], two["box"])
    ]


def _still(frame, expr: str = _ICONS) -> list[dict]:
    """The boxes once they stopped moving (spiderfy animates icons with CSS transitions; the
    map's frame takes its size while the page settles)."""
    last = None
    for _ in range(100):
        boxes = frame.evaluate(expr)
        if boxes == last:
            return boxes
        last = boxes
        frame.page.wait_for_timeout(200)  # polling interval of the check, not a fixed wait
    raise AssertionError("still moving")


def _bubbles(frame) -> list[int]:
    frame.wait_for_function(_SETTLED)
    return sorted(int(icon["text"]) for icon in frame.evaluate(_ICONS) if icon["cluster"])


def test_colocated_entries_form_one_bubble_per_place(bundled, page):
    page.goto(bundled.url + "/?city=G%C3%B6ttingen&city=Kassel")
    frame = wait_for_map(page, count=len(KASSEL) + len(GOETTINGEN))
    frame.wait_for_function(_SETTLED)
    icons = frame.evaluate(_ICONS)
    bubbles = sorted(int(icon["text"]) for icon in icons if icon["cluster"])
    singles = [icon for icon in icons if not icon["cluster"]]
    # One bubble per town holds every entry there, offices, facilities and partners alike.
    assert bubbles == sorted([len(GOETTINGEN), len(KASSEL)])
    assert sum(bubbles) + len(singles) == len(KASSEL) + len(GOETTINGEN)
    assert _overlapping(icons) == []
    assert page.em_log.page_errors == []


@pytest.mark.parametrize("zoom", [None, 16])
def test_a_colocated_bubble_opens_to_all_its_entries_at_any_zoom(bundled, page, zoom):
    page.goto(bundled.url + KASSEL_EMBED)
    frame = wait_for_map(page, count=len(KASSEL))
    if zoom is not None:
        frame.evaluate(f"void EM.map.setView(EM.shown().latlngs[0], {zoom}, {{animate: false}})")
    assert _bubbles(frame) == [len(KASSEL)]
    before = frame.evaluate("EM.map.getZoom()")
    frame.evaluate("EM.shown().cluster.once('spiderfied', () => { window.emSpider = true; })")
    frame.locator(".marker-cluster").click()
    frame.wait_for_function("window.emSpider === true")
    assert frame.evaluate("EM.map.getZoom()") == before  # spiderfied, not zoomed
    icons = _still(frame)
    titles = sorted(icon["title"] for icon in icons if not icon["cluster"])
    assert titles == sorted(row["name"] for row in KASSEL)
    assert _overlapping(icons) == []
    assert page.em_log.page_errors == []


def test_popups_of_city_level_points_say_so(bundled, page):
    page.goto(bundled.url + KASSEL_EMBED)
    frame = wait_for_map(page, count=len(KASSEL))
    frame.locator(".marker-cluster").click()
    popup = frame.locator(".leaflet-popup-content")
    frame.get_by_title("Amt für Chancengleichheit der Stadt Kassel").click()
    assert "in Kassel, genaue Adresse nicht erfasst" in popup.inner_text()
    frame.evaluate("EM.map.closePopup()")  # it covers the next marker
    frame.get_by_title("Autonomes Frauenhaus Kassel").click()
    popup.get_by_text("Adresse vertraulich, Kassel").wait_for()
    assert "genaue Adresse" not in popup.inner_text()


_POPUP_AND_CONTROLS = """
() => {
  const box = el => { const r = el.getBoundingClientRect();
                      return [r.left, r.top, r.right, r.bottom]; };
  return {popup: box(document.querySelector('.leaflet-popup-content-wrapper')),
          map: box(EM.map.getContainer()),
          controls: Array.from(document.querySelectorAll('.leaflet-top .leaflet-control'))
            .filter(el => el.offsetParent !== null).map(box)};
}
"""


def test_a_popup_on_a_phone_fits_the_map_clear_of_the_buttons(bundled, page):
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(bundled.url + KASSEL_EMBED)
    frame = wait_for_map(page, count=len(KASSEL))
    frame.locator(".marker-cluster").click()
    frame.get_by_title("Amt für Chancengleichheit der Stadt Kassel").click()
    frame.locator(".leaflet-popup-content").wait_for()
    boxes = _still(frame, _POPUP_AND_CONTROLS)
    popup, whole = boxes["popup"], boxes["map"]
    assert whole[0] <= popup[0], (popup, whole)
    assert popup[2] <= whole[2], (popup, whole)
    assert [c for c in boxes["controls"] if _overlap(c, popup)] == []


def test_switching_a_group_off_changes_the_bubbles(bundled, page):
    page.goto(bundled.url + "/?city=G%C3%B6ttingen&city=Kassel")
    frame = wait_for_map(page, count=len(KASSEL) + len(GOETTINGEN))
    full = sorted([len(GOETTINGEN), len(KASSEL)])
    assert _bubbles(frame) == full
    without = sorted(
        sum(row["category"] not in ALLIANCE for row in rows) for rows in (GOETTINGEN, KASSEL)
    )
    frame.get_by_label("Bündnisse und Partner").uncheck()
    frame.wait_for_function(
        "want => JSON.stringify(Array.from(document.querySelectorAll("
        "'.leaflet-marker-pane .marker-cluster')).map(e => +e.innerText).sort((a, b) => a - b))"
        " === JSON.stringify(want)",
        arg=without,
    )
    assert "Bündnispartner*in" not in frame.locator(".em-legend").inner_text()
    frame.get_by_label("Bündnisse und Partner").check()
    frame.wait_for_function(
        "n => Array.from(document.querySelectorAll('.leaflet-marker-pane .marker-cluster'))"
        ".reduce((sum, e) => sum + +e.innerText, 0) === n",
        arg=len(KASSEL) + len(GOETTINGEN),
    )
    assert _bubbles(frame) == full
    assert page.em_log.page_errors == []


_FILL_TWICE = """
() => new Promise(resolve => {
  // 20,000 entries take MarkerCluster several chunks; the second selection comes meanwhile.
  const big = {p: [], d: [], t: [], f: 'big'};
  for (let i = 0; i < 20000; i++) {
    big.p.push(47.5 + (i % 100) / 15, 6 + Math.floor(i / 100) / 22, 0, i);
    big.d.push(['n', '<p>n</p>']);
    big.t.push('n');
  }
  const small = {p: [51.3, 9.5, 0, 0], d: [['s', '<p>s</p>']], t: ['s'], f: 'small'};
  EM.fill(big);
  const first = EM.shown();
  EM.fill(small);
  const waitingWasShown = EM.shown() === first;
  (function check() {
    if (document.body.getAttribute('data-em-filter') === 'small') {
      resolve({waitingWasShown, count: document.body.getAttribute('data-em-count'),
               layers: EM.shown().cluster.getLayers().length});
    } else {
      setTimeout(check, 50);
    }
  })();
})
"""


def test_a_selection_that_comes_while_clustering_waits_for_it(bundled, page):
    """Taking a half-built cluster off the map broke MarkerCluster (its next chunk needs the
    map): the new selection waits, and only the latest one is shown."""
    page.goto(bundled.url + KASSEL_EMBED)
    frame = wait_for_map(page, count=len(KASSEL))
    result = frame.evaluate(_FILL_TWICE)
    assert result == {"waitingWasShown": True, "count": "1", "layers": 1}
    assert page.em_log.page_errors == []


# --- the embed: title, legend out of the way, toggle on narrow screens -----------------------


@pytest.mark.parametrize(
    ("width", "height", "lang", "title", "button"),
    [
        (390, 844, "de", "Gleichstellungsinfrastruktur in Kassel", "Legende und Ebenen"),
        (390, 844, "en", "Equality infrastructure in Kassel", "Legend and layers"),
        (1400, 1000, "de", "Gleichstellungsinfrastruktur in Kassel", "Legende und Ebenen"),
    ],
)
def test_embed_names_the_selection_and_keeps_the_markers_free(
    bundled, page, width, height, lang, title, button
):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(bundled.url + KASSEL_EMBED + f"&lang={lang}")
    heading = page.get_by_role("heading", name=title, exact=True)
    heading.wait_for()
    assert heading.is_visible()
    frame = wait_for_map(page, count=len(KASSEL))
    frame.wait_for_function(_SETTLED)
    controls = _still(frame, _CONTROLS)
    icons = _still(frame)
    assert icons
    covered = [
        (c["cls"], i["text"]) for c in controls for i in icons if _overlap(c["box"], i["box"])
    ]
    assert covered == []
    legend = frame.locator(".em-legend")
    toggle = frame.get_by_role("button", name=button)
    if width > 600:
        assert legend.is_visible()
        assert not toggle.is_visible()
        return
    # Narrow: legend and layers folded behind one button that says whether they are open.
    assert not legend.is_visible()
    assert not frame.locator(".leaflet-control-layers").is_visible()
    assert toggle.get_attribute("aria-expanded") == "false"
    toggle.focus()
    page.keyboard.press("Enter")
    legend.wait_for(state="visible")
    assert frame.locator(".leaflet-control-layers").is_visible()
    assert toggle.get_attribute("aria-expanded") == "true"
    # Only the categories on the map: no girls' facility or labour market office in Kassel.
    listed = legend.locator("li").all_inner_texts()
    kinds = {row["category"] for row in KASSEL}
    assert len(listed) == len(kinds)
    page.keyboard.press("Space")
    legend.wait_for(state="hidden")
    assert toggle.get_attribute("aria-expanded") == "false"


def test_axe_on_a_narrow_embed_with_open_panels(bundled, page):
    _require_axe()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(bundled.url + KASSEL_EMBED)
    frame = wait_for_map(page, count=len(KASSEL))
    frame.get_by_role("button", name="Legende und Ebenen").click()
    frame.locator(".em-legend").wait_for(state="visible")
    found = []
    for fr in page.frames:
        if fr.url in ("about:blank", "about:srcdoc") or fr.is_detached():
            continue
        found += [v for v in _axe(fr) if v["impact"] in ("serious", "critical")]
    assert not found, json.dumps(found, indent=1, ensure_ascii=False)


# --- the BKG outlines: a map without tiles still shows where things are ----------------------


def test_outlines_show_without_tiles_with_their_source_note(bundled, page):
    page.context.unroute(f"https://{TILE_HOST}/**")
    page.context.route(f"https://{TILE_HOST}/**", lambda route: route.abort())
    page.goto(bundled.url + "/")
    frame = wait_for_map(page)
    frame.wait_for_function(
        "() => EM.outlines.laender && EM.map.hasLayer(EM.outlines.laender) && "
        "document.querySelectorAll('.leaflet-emOutlines-pane path').length >= 16"
    )
    link = frame.locator(".leaflet-control-attribution a", has_text="GeoBasis-DE")
    assert link.inner_text() == "© GeoBasis-DE / BKG 2021 (Daten verändert)"
    assert link.get_attribute("href") == "https://www.bkg.bund.de"
    assert link.is_visible()
    # The Kreise come (as a static file) only when they help: from zoom 8 on.
    assert frame.evaluate("EM.map.getZoom()") < 8
    assert not any(url.endswith("kreise.geojson") for url in page.em_log.requests)
    frame.evaluate("void EM.map.setView([51.31, 9.5], 9, {animate: false})")
    frame.wait_for_function("() => EM.outlines.kreise && EM.map.hasLayer(EM.outlines.kreise)")
    assert [u for u in page.em_log.requests if u.endswith(".geojson")] == [
        bundled.url + "/app/static/vendor/boundaries/laender.geojson",
        bundled.url + "/app/static/vendor/boundaries/kreise.geojson",
    ]
    # Outlines are drawn under the markers and take no clicks.
    assert (
        frame.evaluate(
            "getComputedStyle(document.querySelector('.leaflet-emOutlines-pane')).pointerEvents"
        )
        == "none"
    )
    assert page.em_log.page_errors == []
