"""The files of one published build: content-hashed names and the shared bundle.

Every page of a site (`publish`) loads the same JS and CSS bundle (vendored Leaflet and its
plugins, our map.js, site.js and stylesheets), Leaflet's images and the BKG outlines; they are
written once under names that carry a hash of their content, so browsers may keep them a year.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import NamedTuple

from equality_map import assets

_CSS_URL = re.compile(r"url\((['\"]?)(images/[A-Za-z0-9_.-]+\.png)\1\)")


def _hashed(name: str, data: bytes) -> str:
    stem, dot, suffix = name.rpartition(".")
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:12]}{dot}{suffix}"


class SiteWriter:
    """Writes the files of one build; every path is relative to the build folder."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.paths: list[str] = []

    def write(self, relative: str, data: bytes) -> str:
        path = self.root / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        self.paths.append(relative)
        return relative

    def asset(self, name: str, data: bytes) -> str:
        return self.write(f"assets/{_hashed(name, data)}", data)


class Bundle(NamedTuple):
    """Site-relative names of the shared files every page uses."""

    js: str
    css: str
    laender: str
    kreise: str


def write_bundle(site: SiteWriter) -> Bundle:
    """The JS and CSS bundles (vendored + own) with Leaflet's images, and the BKG outlines,
    as hashed files."""
    own = (*assets.MAP_ASSETS, assets.PAGE_CSS, assets.SITE_JS)
    js, css = assets.inline_assets(own)
    images: dict[str, str] = {}
    for asset in assets.ASSETS:
        if asset.kind == "other" and asset.file.startswith("images/"):
            data = assets.source_path(asset).read_bytes()
            images[asset.file] = site.asset(Path(asset.file).name, data).removeprefix("assets/")

    def repl(match: re.Match[str]) -> str:
        name = images.get(match.group(2))
        return f'url("{name}")' if name else "none"

    css = _CSS_URL.sub(repl, css)
    outlines = [
        site.asset(name, (assets.BOUNDARIES_DIR / name).read_bytes())
        for name in ("laender.geojson", "kreise.geojson")
    ]
    return Bundle(
        site.asset("map.js", js.encode("utf-8")),
        site.asset("map.css", css.encode("utf-8")),
        *outlines,
    )
