"""The map page in a real browser: markers, filters, shared URLs, no third-party requests."""

from __future__ import annotations

import contextlib
import json
import re

import pytest

from tests.browser.conftest import ARTIFACTS, TILE_HOST, foreign_hosts, wait_for_map

pytestmark = pytest.mark.browser


def _markers(frame) -> int:
    return frame.locator(".em-marker, .marker-cluster").count()


def test_map_shows_markers(app_server, page):
    page.goto(app_server.url + "/")
    page.get_by_text("7 Einträge", exact=True).wait_for()
    frame = wait_for_map(page, count=6)
    frame.locator(".em-marker, .marker-cluster").first.wait_for()
    assert _markers(frame) > 0
    assert frame.locator(".em-legend").count() == 1
    # Counts per category: one flat list item per category, symbols shown as text (a "+"
    # symbol used to turn its line into a nested Markdown list).
    sidebar = page.locator("[data-testid='stSidebar']")
    assert sidebar.locator("li li").count() == 0
    assert sidebar.get_by_text("+ Bündnispartner*in: 1").count() == 1
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "map.png"), full_page=True)
    assert page.em_log.page_errors == []
    assert page.em_log.console_errors == []


def test_filter_changes_count_and_markers(app_server, page):
    page.goto(app_server.url + "/")
    page.get_by_text("7 Einträge", exact=True).wait_for()
    wait_for_map(page, count=6)
    page.get_by_text("Nur rollstuhlgerecht").click()
    page.get_by_text("2 Einträge", exact=True).wait_for()
    frame = wait_for_map(page, count=2)
    frame.locator(".em-marker, .marker-cluster").first.wait_for()
    assert "wheelchair=1" in page.url
    assert page.em_log.page_errors == []


def test_shared_url_restores_filters(app_server, page):
    page.goto(app_server.url + "/?category=womens_shelter&category=girls_facility&lang=en")
    page.get_by_text("2 entries", exact=True).wait_for()
    wait_for_map(page, count=2)
    sidebar = page.locator("[data-testid='stSidebar']")
    assert sidebar.get_by_text("Women's shelter").first.is_visible()
    assert sidebar.get_by_text("Girls' facility").first.is_visible()
    assert re.search(r"category=", page.url)


def test_reset_after_a_shared_url_clears_filters_and_url(app_server, page):
    page.goto(app_server.url + "/?category=womens_shelter&wheelchair=1")
    page.get_by_text("0 Einträge", exact=True).wait_for()
    page.get_by_role("button", name="Filter zurücksetzen").click()
    page.get_by_text("7 Einträge", exact=True).wait_for()
    wait_for_map(page, count=6)
    page.wait_for_function("() => !location.search.includes('category')")
    assert "wheelchair" not in page.url
    sidebar = page.locator("[data-testid='stSidebar']")
    assert sidebar.get_by_role("checkbox", name="Nur rollstuhlgerecht").is_checked() is False
    # The widgets work again after the reset, and the URL follows them.
    page.get_by_text("Nur rollstuhlgerecht").click()
    page.get_by_text("2 Einträge", exact=True).wait_for()
    wait_for_map(page, count=2)
    assert "wheelchair=1" in page.url
    assert page.em_log.page_errors == []


def test_popup_escapes_csv_text(app_server, page):
    page.goto(app_server.url + "/?q=onerror")
    page.get_by_text("1 Eintrag", exact=True).wait_for()
    frame = wait_for_map(page, count=1)
    frame.locator(".em-marker").first.click()
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "<img src=x onerror=alert(1)>" in popup.inner_text()
    assert popup.locator("img").count() == 0
    assert page.em_log.dialogs == []


def test_requests_stay_on_own_origin(app_server, page):
    page.goto(app_server.url + "/")
    frame = wait_for_map(page, count=6)
    frame.locator(".em-marker, .marker-cluster").first.wait_for()
    assert foreign_hosts(page, app_server.url) == set()


def test_markers_render_without_tiles(app_server, page):
    page.context.unroute(f"https://{TILE_HOST}/**")
    page.context.route(f"https://{TILE_HOST}/**", lambda route: route.abort())
    page.goto(app_server.url + "/")
    frame = wait_for_map(page, count=6)
    frame.locator(".em-marker, .marker-cluster").first.wait_for()
    assert _markers(frame) > 0


def test_coverage_map_tab_requests_stay_on_own_origin(app_server, page):
    """The coverage page's municipality map uses the same self-hosted Leaflet (no CDN)."""
    page.goto(app_server.url + "/coverage")
    page.get_by_role("tab", name="Karte").click()
    leaflet = None
    for _ in range(300):
        for frame in page.frames:
            with contextlib.suppress(Exception):
                if frame.evaluate("typeof L !== 'undefined' && !!document.querySelector('path')"):
                    leaflet = frame
        if leaflet is not None:
            break
        page.wait_for_timeout(100)  # polling interval, not a fixed wait
    assert leaflet is not None, "coverage map did not render (Leaflet missing?)"
    assert foreign_hosts(page, app_server.url) == set()
    assert page.em_log.page_errors == []


def test_hidden_layer_stays_hidden_across_filter_changes(app_server, page):
    page.goto(app_server.url + "/")
    frame = wait_for_map(page, count=6)
    frame.get_by_label("Bündnisse und Partner").uncheck()
    assert frame.evaluate("!EM.map.hasLayer(EM.shown().subs.alliance_partner)")
    for count in (2, 6):  # tick a filter, untick it again (the second uses the kept layers)
        page.get_by_text("Nur rollstuhlgerecht").click()
        frame = wait_for_map(page, count=count)
        assert frame.get_by_label("Bündnisse und Partner").is_checked() is False
        assert frame.evaluate("!EM.map.hasLayer(EM.shown().subs.alliance_partner)")
        assert frame.evaluate("EM.map.hasLayer(EM.shown().subs.equality_office)")
    frame.get_by_label("Bündnisse und Partner").check()
    frame.locator(".leaflet-marker-pane .em-diamond").first.wait_for()
    assert page.em_log.page_errors == []


_LEGEND = """
() => {
  const legend = document.querySelector('.em-legend');
  return {
    role: legend.getAttribute('role'),
    label: legend.getAttribute('aria-label'),
    heading: legend.querySelector('strong').textContent,
    items: Array.from(legend.querySelectorAll('li')).map(li => {
      const marker = li.querySelector('.em-marker');
      const symbol = marker.querySelector('span');
      return [marker.className, symbol.getAttribute('style'), symbol.textContent,
              li.lastElementChild.textContent];
    }),
  };
}
"""


def test_legend_shows_every_category_on_the_map_with_its_marker(app_server, page):
    """Legend built by map.js: the categories of the entries shown, with the markers' symbols.

    The fixture's mapped entries have five categories (the women's centre has no place); a
    group switched off in the layer control leaves the legend too.
    """
    from equality_map import i18n, mapping
    from equality_map import schema as s

    shown = ("equality_office", "womens_shelter", "counselling_centre", "girls_facility")
    page.goto(app_server.url + "/?lang=en")
    frame = wait_for_map(page, count=6)
    legend = frame.evaluate(_LEGEND)
    assert legend["role"] == "region"
    assert legend["label"] == legend["heading"] == "Legend"
    assert legend["items"] == [
        [
            f"em-marker em-{mapping.GROUP_SHAPES[cat.group]}",
            f"background:{mapping.CATEGORY_STYLES[key].color};"
            f"color:{mapping.CATEGORY_STYLES[key].text}",
            mapping.CATEGORY_STYLES[key].symbol,
            i18n.category_label(key, "en"),
        ]
        for key, cat in s.CATEGORIES.items()
        if key in (*shown, "alliance_partner")
    ]
    assert frame.get_by_role("region", name="Legend").count() == 1
    frame.get_by_label("Alliances and partners").uncheck()
    assert [item[3] for item in frame.evaluate(_LEGEND)["items"]] == [
        i18n.category_label(key, "en") for key in shown
    ]
    frame.get_by_label("Alliances and partners").check()
    # The markers on the map carry the same symbol markup as their legend line.
    marker = frame.locator(".leaflet-marker-pane .em-marker").first
    marker.wait_for()
    assert marker.inner_html() in frame.locator(".em-legend").inner_html()


def test_enter_on_a_focused_marker_opens_its_popup(app_server, page):
    page.goto(app_server.url + "/?q=onerror")
    page.get_by_text("1 Eintrag", exact=True).wait_for()
    frame = wait_for_map(page, count=1)
    marker = frame.locator(".leaflet-marker-pane .em-marker").first
    marker.focus()
    marker.press("Enter")
    popup = frame.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "<img src=x onerror=alert(1)>" in popup.inner_text()
    assert page.em_log.page_errors == []


_FULL = (
    "() => !!document.fullscreenElement || "
    "document.querySelector('.leaflet-container').classList.contains('em-pseudo-full')"
)


def test_full_screen_button_toggles(app_server, page):
    """Native full screen where the frame allows it, else the full-window fallback."""
    page.goto(app_server.url + "/")
    frame = wait_for_map(page, count=6)
    button = frame.get_by_role("button", name="Vollbild")
    button.click()
    frame.wait_for_function(_FULL)
    button.click()
    frame.wait_for_function(f"() => !({_FULL[6:]})")
    assert page.em_log.page_errors == []


def test_downloads_are_the_filtered_selection_without_confidential_addresses(app_server, page):
    import csv
    import io

    page.goto(app_server.url + "/?city=Kassel")
    page.get_by_text("3 Einträge", exact=True).wait_for()
    with page.expect_download() as info:
        page.get_by_role("button", name="Gefilterte Einträge als CSV").click()
    rows = list(csv.DictReader(io.StringIO(info.value.path().read_text("utf-8-sig"))))
    assert sorted(r["id"] for r in rows) == ["ks-fh", "ks-gs", "ks-xss"]
    shelter = next(r for r in rows if r["id"] == "ks-fh")
    assert "Geheimweg" not in info.value.path().read_text("utf-8-sig")
    assert shelter["phone"] == "0561 123456"
    # the selection changes, the download follows
    page.goto(app_server.url + "/?city=Kassel&category=equality_office")
    page.get_by_text("1 Eintrag", exact=True).wait_for()
    with page.expect_download() as info:
        page.get_by_role("button", name="Gefilterte Einträge als GeoJSON").click()
    features = json.loads(info.value.path().read_text("utf-8"))["features"]
    assert [f["properties"]["id"] for f in features] == ["ks-gs"]
