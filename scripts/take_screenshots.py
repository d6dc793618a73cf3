"""Screenshots for docs/: the map, the coverage tabs and an embed, German and English, desktop
and phone width, on the bundled data. Tiles are replaced by blank images (no network here),
so the maps show the BKG outlines that the app draws under the markers.

Run: .venv/bin/python scripts/take_screenshots.py [--out DIR] [--readme]
(starts and stops its own app server). All shots go to DIR (default bench/out/screenshots, not
in git), to be read before a release; --readme also copies the README's images to docs/.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import (  # noqa: E402
    BLANK_TILE,
    CHROMIUM,
    CHROMIUM_ARGS,
    TILE_HOST,
    start_app,
)

OUT = ROOT / "bench" / "out" / "screenshots"
#: The README's images: docs/<name> <- shot.
README_IMAGES = {
    "screenshot-map.png": "map-de-desktop.png",
    "screenshot-coverage.png": "coverage-table-de-desktop.png",
    "screenshot-embed-phone.png": "embed-kassel-de-phone.png",
}
WIDTHS = {"desktop": (1400, 1000), "phone": (390, 844)}
#: name -> (path, tab label to click per language or None)
SHOTS = {
    "map": ("/", None),
    "coverage-table": ("/coverage?level=kreis", None),
    "coverage-profile": ("/coverage?level=kreis&area=03159", {"de": "Profil", "en": "Profile"}),
    "coverage-map": ("/coverage?level=kreis", {"de": "Karte", "en": "Map"}),
    "coverage-gaps": ("/coverage?level=kreis", {"de": "Lücken", "en": "Gaps"}),
    "embed-kassel": ("/?embed=true&city=Kassel", None),
}


def settle(page) -> None:
    page.wait_for_selector(
        "[data-testid='stApp'][data-test-script-state='notRunning']", timeout=90_000
    )
    page.wait_for_timeout(3_500)  # the map's clustering and the outlines after the script


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the shots")
    parser.add_argument("--readme", action="store_true", help="copy the README's images")
    args = parser.parse_args()
    out: Path = args.out
    out.mkdir(parents=True, exist_ok=True)
    with start_app(data=ROOT / "data" / "facilities.csv") as app, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for lang in ("de", "en"):
            for width, (w, h) in WIDTHS.items():
                context = browser.new_context(viewport={"width": w, "height": h})
                context.route(
                    f"https://{TILE_HOST}/**",
                    lambda route: route.fulfill(body=BLANK_TILE, content_type="image/png"),
                )
                page = context.new_page()
                for name, (path, tab) in SHOTS.items():
                    joiner = "&" if "?" in path else "?"
                    page.goto(f"{app.url}{path}{joiner}lang={lang}")
                    settle(page)
                    if tab:
                        page.get_by_role("tab", name=tab[lang]).click()
                        settle(page)
                    target = out / f"{name}-{lang}-{width}.png"
                    page.screenshot(path=str(target))
                    print(target)
                context.close()
        browser.close()
    if args.readme:
        for name, shot in README_IMAGES.items():
            shutil.copyfile(out / shot, ROOT / "docs" / name)
            print(f"docs/{name} <- {shot}")


if __name__ == "__main__":
    main()
