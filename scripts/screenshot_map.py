"""Take docs/screenshot-map.png of the map page on the bundled data (blank tiles: offline)."""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.conftest import (  # noqa: E402
    BLANK_TILE,
    CHROMIUM,
    CHROMIUM_ARGS,
    TILE_HOST,
    start_app,
    wait_for_map,
)


def main() -> None:
    out = ROOT / "docs" / "screenshot-map.png"
    out.parent.mkdir(exist_ok=True)
    with start_app(ROOT / "data" / "facilities.csv") as server, sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1400, "height": 950})
        page.route(f"https://{TILE_HOST}/**", lambda r: r.fulfill(body=BLANK_TILE))
        page.goto(server.url + "/")
        frame = wait_for_map(page)
        frame.locator(".em-marker, .marker-cluster").first.wait_for()
        page.screenshot(path=str(out))
        browser.close()
    print(f"wrote {out}")


if __name__ == "__main__":
    main()
