"""Self-hosted map assets: Leaflet and MarkerCluster from the installed XStatic PyPI packages.

Folium's HTML loads Leaflet, jQuery, Bootstrap and plugins from public CDNs. That sends every
visitor's IP address to third parties (DSGVO) and leaves the map blank where CDNs are not
reachable. The app therefore serves the few files it needs itself: `install_vendor()` copies
them from the XStatic packages into `static/vendor/` (served by Streamlit at `/app/static/`),
and `inline_assets()` returns their text for a standalone HTML export. No third-party code is
committed to the repository.
"""

from __future__ import annotations

import importlib
import shutil
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


def asset_urls(base_url: str = STATIC_URL) -> tuple[list[str], list[str]]:
    """(js URLs, css URLs) of the vendored assets under `base_url` (no trailing slash)."""
    base = base_url.rstrip("/") + "/vendor/"
    js = [base + a.relative for a in ASSETS if a.kind == "js"]
    css = [base + a.relative for a in ASSETS if a.kind == "css"]
    return js, css


def inline_assets() -> tuple[str, str]:
    """(all JS, all CSS) as text, for a standalone HTML file that needs no server."""
    js = "\n;\n".join(source_path(a).read_text("utf-8") for a in ASSETS if a.kind == "js")
    css = "\n".join(source_path(a).read_text("utf-8") for a in ASSETS if a.kind == "css")
    return js, css
