"""Self-hosted browser assets: Leaflet and plugins from XStatic PyPI packages, and our own code.

Folium's HTML loads Leaflet, jQuery, Bootstrap and plugins from public CDNs. That sends every
visitor's IP address to third parties (DSGVO) and leaves the map blank where CDNs are not
reachable. The app therefore serves the few files it needs itself: `install_vendor()` copies
them from the XStatic packages into `static/vendor/` (served by Streamlit at `/app/static/`),
and `inline_assets()` returns their text for a standalone HTML export. No third-party code is
committed to the repository.

A plugin without an XStatic package (Leaflet.FeatureGroup.SubGroup) comes from the npm
registry at set-up time: `python -m equality_map.assets fetch` (run by `make install`)
downloads the pinned tarball, checks its sha512 `integrity` and extracts the few files the
app needs into `static/vendor/`. The app never fetches anything at run time; a missing file
is an `AssetMissingError` that says to run `make install`. The bundled BKG outlines
(`data/boundaries/`) are copied next to them, so the browser fetches them as static files.

Our own browser code (JavaScript and CSS, issue 12) is committed under `static/js/` and
`static/css/`, linted and unit-tested with node, and registered here as `OwnAsset`s: a page
asks for the vendored files plus the own files it needs, as URLs (`asset_urls`) or inlined
(`inline_assets`), and Python-rendered HTML takes a stylesheet's text from `asset_text`.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import importlib
import io
import shutil
import sys
import tarfile
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import IO

#: Repository root; `static/` next to app.py is what Streamlit serves under /app/static/.
APP_ROOT = Path(__file__).resolve().parents[2]
STATIC_DIR = APP_ROOT / "static"
VENDOR_DIR = STATIC_DIR / "vendor"
#: URL path under which Streamlit serves `static/` (server.enableStaticServing).
STATIC_URL = "/app/static"
NPM_REGISTRY = "https://registry.npmjs.org"


@dataclass(frozen=True)
class NpmPackage:
    """A package from the npm registry, pinned by version and the registry's sha512 integrity.

    `files` maps a path inside the tarball (below `package/`) to its name in
    static/vendor/<name>/.
    """

    name: str
    version: str
    integrity: str
    files: tuple[tuple[str, str], ...]

    def tarball_url(self, registry: str = NPM_REGISTRY) -> str:
        """The tarball's URL in the registry (npm's layout: <name>/-/<name>-<version>.tgz)."""
        return f"{registry.rstrip('/')}/{self.name}/-/{self.name}-{self.version}.tgz"


#: One cluster layer for all groups, one layer-control entry per group (folium's
#: FeatureGroupSubGroup uses the same plugin). BSD-2-Clause; no XStatic package exists.
#: `integrity` is `versions["1.0.2"].dist.integrity` of the registry's metadata at
#: https://registry.npmjs.org/leaflet.featuregroup.subgroup
SUBGROUP = NpmPackage(
    name="leaflet.featuregroup.subgroup",
    version="1.0.2",
    integrity=(
        "sha512-9nCVg8nUe686+BtPbUT7ALOe/IA+8Mum+rkA8pfPpCkH0WvKevRrH+"
        "JMcMTjAoNQKVI0uxrWrLV5w298SS3ESA=="
    ),
    files=(
        ("dist/leaflet.featuregroup.subgroup.js", "leaflet.featuregroup.subgroup.js"),
        ("LICENSE", "LICENSE"),
    ),
)
NPM_PACKAGES: tuple[NpmPackage, ...] = (SUBGROUP,)


@dataclass(frozen=True)
class Asset:
    """One file of a vendored package: XStatic module (or npm package), file, kind."""

    package: str
    module: str
    file: str
    kind: str  # "js", "css" or "other"
    npm: NpmPackage | None = None

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
    Asset(SUBGROUP.name, "", "leaflet.featuregroup.subgroup.js", "js", npm=SUBGROUP),
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
#: The title of an embed (ui.views.embed_title).
EMBED_CSS = OwnAsset("css/embed.css", "css")
#: Every own file (a test checks that each exists and static/js, static/css hold no other).
OWN_ASSETS: tuple[OwnAsset, ...] = (
    MAP_JS,
    MAP_CSS,
    PAGE_CSS,
    LIST_CSS,
    A11Y_CSS,
    COVERAGE_CSS,
    SITE_JS,
    EMBED_CSS,
)
#: What a page with the entries map loads after the vendored files.
MAP_ASSETS: tuple[OwnAsset, ...] = (MAP_JS, MAP_CSS)


#: The BKG outlines the entries map draws as its base layer (static files, fetched by map.js).
BOUNDARIES_DIR = APP_ROOT / "data" / "boundaries"
BOUNDARY_FILES: tuple[str, ...] = ("laender.geojson", "kreise.geojson")


class AssetMissingError(RuntimeError):
    """A vendored package is not installed (or not fetched)."""


class IntegrityError(RuntimeError):
    """A downloaded file does not match the pinned checksum."""


def source_path(asset: Asset) -> Path:
    """The file inside the installed XStatic package, or the fetched npm file."""
    if asset.npm is not None:
        path = VENDOR_DIR / asset.relative
        if not path.is_file():
            raise AssetMissingError(
                # No server path: the app shows this message to every visitor.
                f"{asset.npm.name} {asset.npm.version} is missing in static/vendor/: run "
                "`make install`, which fetches it once from the npm registry "
                "(`python -m equality_map.assets fetch`)."
            )
        return path
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


def _copy(src: Path, dst: Path) -> bool:
    """Copy `src` to `dst` atomically unless a file of the same size is there already."""
    if dst.exists() and dst.stat().st_size == src.stat().st_size:
        return False
    dst.parent.mkdir(parents=True, exist_ok=True)
    tmp = dst.with_suffix(dst.suffix + ".tmp")
    shutil.copyfile(src, tmp)
    tmp.replace(dst)
    return True


def install_vendor(target: Path = VENDOR_DIR) -> list[Path]:
    """Copy the assets and the BKG outlines into `target` (unchanged files are not rewritten).

    Raises AssetMissingError when a package (or a fetched npm file) is missing.
    """
    written: list[Path] = []
    for asset in ASSETS:
        dst = target / asset.relative
        if _copy(source_path(asset), dst):
            written.append(dst)
    for name in BOUNDARY_FILES:
        dst = target / "boundaries" / name
        if _copy(BOUNDARIES_DIR / name, dst):
            written.append(dst)
    return written


def boundary_urls(base_url: str = STATIC_URL) -> dict[str, str]:
    """URL of each outline layer ("laender", "kreise") as served from static/vendor/."""
    base = base_url.rstrip("/")
    return {name.split(".")[0]: f"{base}/vendor/boundaries/{name}" for name in BOUNDARY_FILES}


# --- npm packages, fetched at set-up time -----------------------------------------------------

Opener = Callable[[str], IO[bytes]]


def _download(url: str) -> IO[bytes]:
    return urllib.request.urlopen(url, timeout=60)  # noqa: S310 - https registry URL


def check_integrity(data: bytes, integrity: str) -> None:
    """Raise IntegrityError unless `data` has the npm `integrity` (sha512-<base64>)."""
    algorithm, _, expected = integrity.partition("-")
    if algorithm != "sha512":
        raise IntegrityError(f"unsupported integrity {integrity!r}: expected sha512-...")
    actual = base64.b64encode(hashlib.sha512(data).digest()).decode()
    if actual != expected:
        raise IntegrityError(
            f"checksum mismatch: expected {integrity}, got sha512-{actual}; the download is "
            "damaged or not the pinned release (nothing was written)"
        )


def fetch_npm(
    package: NpmPackage,
    target: Path = VENDOR_DIR,
    *,
    registry: str = NPM_REGISTRY,
    opener: Opener | None = None,
) -> list[Path]:
    """Download `package`'s tarball, check its integrity, extract its `files` into target/<name>/.

    Idempotent: when the files of this exact release are there (a stamp file records the
    integrity), nothing is downloaded.
    """
    folder = target / package.name
    stamp = folder / ".integrity"
    wanted = [folder / name for _, name in package.files]
    fetched = stamp.is_file() and stamp.read_text().strip() == package.integrity
    if fetched and all(path.is_file() for path in wanted):
        return []
    with (opener or _download)(package.tarball_url(registry)) as response:
        data = response.read()
    check_integrity(data, package.integrity)
    members: dict[str, bytes] = {}
    with tarfile.open(fileobj=io.BytesIO(data), mode="r:gz") as archive:
        for inner, name in package.files:
            member = archive.extractfile(f"package/{inner}")
            if member is None:
                raise IntegrityError(f"{package.name} {package.version}: no file {inner}")
            members[name] = member.read()
    folder.mkdir(parents=True, exist_ok=True)
    for name, content in members.items():
        tmp = folder / (name + ".tmp")
        tmp.write_bytes(content)
        tmp.replace(folder / name)
    stamp.write_text(package.integrity + "\n")
    return wanted


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m equality_map.assets fetch`: get the npm plugins into static/vendor/."""
    parser = argparse.ArgumentParser(prog="python -m equality_map.assets", description=main.__doc__)
    parser.add_argument("command", choices=["fetch"])
    parser.add_argument("--registry", default=NPM_REGISTRY, help="npm registry (or a mirror)")
    args = parser.parse_args(argv)
    for package in NPM_PACKAGES:
        try:
            written = fetch_npm(package, registry=args.registry)
        except (OSError, IntegrityError, tarfile.TarError) as exc:
            print(
                f"Could not fetch {package.name} {package.version} from {args.registry}: {exc}",
                file=sys.stderr,
            )
            return 1
        state = "fetched" if written else "up to date"
        print(f"{package.name} {package.version}: {state} in {VENDOR_DIR / package.name}")
    return 0


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


if __name__ == "__main__":
    sys.exit(main())
