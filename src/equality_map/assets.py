"""Self-hosted browser assets: Leaflet and plugins from XStatic PyPI packages, and our own code.

Folium's HTML loads Leaflet, jQuery, Bootstrap and plugins from public CDNs. That sends every
visitor's IP address to third parties (DSGVO) and leaves the map blank where CDNs are not
reachable. The app therefore serves the few files it needs itself: `install_vendor()` copies
them from the XStatic packages into `static/vendor/` (served by Streamlit at `/app/static/`),
and `inline_assets()` returns their text for a standalone HTML export. No third-party code is
committed to the repository.

Our own browser code (JavaScript and CSS, issue 12) is committed under `static/js/` and
`static/css/`, linted and unit-tested with node, and registered here as `OwnAsset`s: a page
asks for the vendored files plus the own files it needs, as URLs (`asset_urls`) or inlined
(`inline_assets`), and Python-rendered HTML takes a stylesheet's text from `asset_text`.
"""

from __future__ import annotations

import importlib
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

#: Repository root; `static/` next to app.py is what Streamlit serves under /app/static/.
APP_ROOT = Path(__file__).resolve().parents[2]
STATIC_DIR = APP_ROOT / "static"
VENDOR_DIR = STATIC_DIR / "vendor"
#: URL path under which Streamlit serves `static/` (server.enableStaticServing).
STATIC_URL = "/app/static"


@dataclass(frozen=True)
class Asset:
    """One file of a vendored package: XStatic module, file inside its data dir, kind."""

    package: str
    module: str
    file: str
    kind: str  # "js", "css" or "other"

    @property
    def relative(self) -> str:
        """Path below static/vendor/."""
        return f"{self.package}/{self.file}"


#: Files the map needs, in load order. Leaflet's images are referenced by leaflet.css.
ASSETS: tuple[Asset, ...] = (
    Asset("leaflet", "xstatic.pkg.leaflet", "leaflet.js", "js"),
    Asset(
        "leaflet_markercluster",
        "xstatic.pkg.leaflet_markercluster",
        "leaflet.markercluster.js",
        "js",
    ),
    Asset("leaflet", "xstatic.pkg.leaflet", "leaflet.css", "css"),
    Asset("leaflet_markercluster", "xstatic.pkg.leaflet_markercluster", "MarkerCluster.css", "css"),
    Asset(
        "leaflet_markercluster",
        "xstatic.pkg.leaflet_markercluster",
        "MarkerCluster.Default.css",
        "css",
    ),
    Asset("leaflet", "xstatic.pkg.leaflet", "images/layers.png", "other"),
    Asset("leaflet", "xstatic.pkg.leaflet", "images/layers-2x.png", "other"),
    Asset("leaflet", "xstatic.pkg.leaflet", "images/marker-icon.png", "other"),
    Asset("leaflet", "xstatic.pkg.leaflet", "images/marker-icon-2x.png", "other"),
    Asset("leaflet", "xstatic.pkg.leaflet", "images/marker-shadow.png", "other"),
    # Embedded maps must not hijack page scrolling (enabled per map by embed.GestureHandling).
    Asset(
        "leaflet_gesturehandling",
        "xstatic.pkg.leaflet_gesturehandling",
        "leaflet-gesture-handling.js",
        "js",
    ),
    Asset(
        "leaflet_gesturehandling",
        "xstatic.pkg.leaflet_gesturehandling",
        "leaflet-gesture-handling.css",
        "css",
    ),
)


@dataclass(frozen=True)
class OwnAsset:
    """One file of our own browser code, committed below static/ (URL: /app/static/<file>)."""

    file: str  # below static/, e.g. "js/map.js"
    kind: str  # "js" or "css"

    @property
    def path(self) -> Path:
        """The file in the repository."""
        return STATIC_DIR / self.file


#: The entries map: EM.setup/EM.fill (mapping.py) and its markers, legend and popups.
MAP_JS = OwnAsset("js/map.js", "js")
MAP_CSS = OwnAsset("css/map.css", "css")
#: The page around the map in the standalone HTML export (export_html.py).
PAGE_CSS = OwnAsset("css/page.css", "css")
#: The accessible list of entries in the app (exports.entries_table_html).
LIST_CSS = OwnAsset("css/list.css", "css")
#: Caption contrast in the Streamlit app (ui.set_document_lang).
A11Y_CSS = OwnAsset("css/a11y.css", "css")
#: The legend of the coverage page's map (coverage_view.coverage_map).
COVERAGE_CSS = OwnAsset("css/coverage.css", "css")
#: The boot of a page of the published static site (publish.py): map from a JSON config.
SITE_JS = OwnAsset("js/site.js", "js")
#: Every own file (a test checks that each exists and static/js, static/css hold no other).
OWN_ASSETS: tuple[OwnAsset, ...] = (
    MAP_JS,
    MAP_CSS,
    PAGE_CSS,
    LIST_CSS,
    A11Y_CSS,
    COVERAGE_CSS,
    SITE_JS,
)
#: What a page with the entries map loads after the vendored files.
MAP_ASSETS: tuple[OwnAsset, ...] = (MAP_JS, MAP_CSS)


class AssetMissingError(RuntimeError):
    """A vendored package is not installed."""


def source_path(asset: Asset) -> Path:
    """The file inside the installed XStatic package."""
    try:
        module = importlib.import_module(asset.module)
    except ImportError as exc:  # pragma: no cover - dependency declared in pyproject
        pip_name = "XStatic-" + asset.package.replace("_", "-").title()
        raise AssetMissingError(
            f"Python package {asset.module} is missing; install it with "
            f"`pip install {pip_name}` (it is a dependency in pyproject.toml)."
        ) from exc
    base = Path(getattr(module, "BASE_DIR", Path(str(module.__file__)).parent / "data"))
    return base / asset.file


def install_vendor(target: Path = VENDOR_DIR) -> list[Path]:
    """Copy the assets into `target` (idempotent: unchanged files are not rewritten)."""
    written: list[Path] = []
    for asset in ASSETS:
        src = source_path(asset)
        dst = target / asset.relative
        if dst.exists() and dst.stat().st_size == src.stat().st_size:
            continue
        dst.parent.mkdir(parents=True, exist_ok=True)
        tmp = dst.with_suffix(dst.suffix + ".tmp")
        shutil.copyfile(src, tmp)
        tmp.replace(dst)
        written.append(dst)
    return written


def asset_urls(
    base_url: str = STATIC_URL, own: Sequence[OwnAsset] = ()
) -> tuple[list[str], list[str]]:
    """(js URLs, css URLs) under `base_url` (no trailing slash): vendored, then `own` files."""
    base = base_url.rstrip("/")
    js = [f"{base}/vendor/{a.relative}" for a in ASSETS if a.kind == "js"]
    css = [f"{base}/vendor/{a.relative}" for a in ASSETS if a.kind == "css"]
    js += [f"{base}/{a.file}" for a in own if a.kind == "js"]
    css += [f"{base}/{a.file}" for a in own if a.kind == "css"]
    return js, css


def asset_text(asset: OwnAsset) -> str:
    """The text of one of our own files."""
    return asset.path.read_text("utf-8")


def inline_assets(own: Sequence[OwnAsset] = ()) -> tuple[str, str]:
    """(all JS, all CSS) as text, vendored then `own`, for a file that needs no server."""
    js = [source_path(a).read_text("utf-8") for a in ASSETS if a.kind == "js"]
    css = [source_path(a).read_text("utf-8") for a in ASSETS if a.kind == "css"]
    js += [asset_text(a) for a in own if a.kind == "js"]
    css += [asset_text(a) for a in own if a.kind == "css"]
    return "\n;\n".join(js), "\n".join(css)
