"""Publish a static site: the public face that scales without the app.

`publish(entries, out_dir, …)` writes

* `index.html` (all entries: map, legend, data date, sources; the accessible list when it is
  small enough, else the directory of municipalities and Kreise),
* `gemeinde/<AGS>.html` for every municipality with entries and `kreis/<AGS>.html` for every
  Kreis with entries — small pages for a city's iframe,
* `daten/eintraege.csv` and `daten/eintraege.geojson` (public fields only),
* `assets/`: Leaflet, its plugins, our map.js/site.js and CSS once, under content-hashed names
  (cache them for a year), and the data of the big index map with popups in chunk files,
* `sitemap.xml` when a base URL is given,
* `FILE.gz` next to every page, bundle and data file (`precompress`): the web server sends
  them as they are instead of compressing on every request.

Pages load nothing from other hosts except the configured tile server; confidential addresses
never reach a file (`privacy.public_frame` first). The site is built in a new folder next to
`out_dir` and `out_dir` (a symbolic link) is switched to it in one atomic step, so a visitor
never sees half a site and a failed build leaves the previous site in place. The last two
builds are kept.
"""

from __future__ import annotations

import hashlib
import html
import json
import os
import re
import shutil
import time
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pandas as pd

from equality_map import exports, i18n, mapping, precompress
from equality_map import schema as s
from equality_map.export_html import page_title
from equality_map.freshness import freshness_of_dates
from equality_map.prepare import sort_entries
from equality_map.privacy import public_frame
from equality_map.settings import DEFAULT_TILES_ATTRIBUTION, DEFAULT_TILES_URL, Settings
from equality_map.site_files import Bundle, SiteWriter, write_bundle

#: Up to this many entries the index page carries the full list; above it, the directory.
INDEX_LIST_MAX = 1_500
#: Builds kept next to the live one (the live one included).
KEEP_BUILDS = 2


class PublishError(RuntimeError):
    """The site cannot be published at `path`; the message says why and what to do."""

    def __init__(self, path: Path) -> None:
        super().__init__(
            f"{path} exists and is not a site published by equality-map (a symbolic link); "
            "choose a new or empty folder, the web server's root then points at it"
        )
        self.path = path


@dataclass(frozen=True)
class PublishResult:
    """What a publish wrote."""

    directory: Path
    build: Path
    pages: int
    entries: int
    seconds: float


@dataclass(frozen=True)
class SiteOptions:
    """How the site looks and where it lives."""

    lang: str = i18n.DEFAULT_LANG
    base_url: str = ""
    tiles_url: str = DEFAULT_TILES_URL
    tiles_attribution: str = DEFAULT_TILES_ATTRIBUTION
    contact: str = ""
    generated: date | None = None

    @classmethod
    def from_settings(
        cls, settings: Settings, lang: str | None = None, base_url: str | None = None
    ) -> SiteOptions:
        """The operator's site as configured (language, address, tiles, contact), dated today;
        `lang` and `base_url` override the settings."""
        from equality_map.embed import normalise_base_url

        address = settings.static_url if base_url is None else base_url
        return cls(
            lang=lang or settings.publish_lang,
            base_url=normalise_base_url(address) or "",
            tiles_url=settings.tiles_url,
            tiles_attribution=settings.tiles_attribution,
            contact=settings.contact,
            generated=date.today(),
        )


# --- pages ---------------------------------------------------------------------------------


def _url(depth: int, relative: str) -> str:
    return "../" * depth + relative


def _sources(centres: bool, opts: SiteOptions) -> list[str]:
    lang = opts.lang
    out = [
        i18n.t("export_tiles", lang, attribution=re.sub(r"<[^>]*>", "", opts.tiles_attribution)),
        i18n.t("export_data_source", lang),
    ]
    if centres:
        out.append(i18n.t("export_destatis", lang))
    out.append(i18n.t("site_boundaries", lang))
    if opts.generated is not None:
        out.append(i18n.t("export_generated", lang, date=i18n.format_date(opts.generated, lang)))
    return out


def _contact(opts: SiteOptions) -> str:
    href = opts.contact
    if not href.startswith(("mailto:", "http://", "https://")):
        return ""
    link = (
        f'<a href="{html.escape(href, quote=True)}">{html.escape(href.removeprefix("mailto:"))}</a>'
    )
    return f"<li>{i18n.t('export_contact', opts.lang, contact=link)}</li>"


@dataclass(frozen=True)
class _Area:
    """The entries of one page, prepared once: specs (escaped popups), check dates."""

    specs: list[dict[str, Any]]
    dates: pd.Series
    centres: bool  # some entries stand at their municipality's centre (Destatis note)

    def data(self) -> dict[str, Any]:
        data = mapping.layer_data(self.specs)
        data["t"] = [html.unescape(d[0]) for d in data["d"]]
        return data

    def list_html(self, lang: str) -> str:
        if not self.specs:
            return f"<p>{html.escape(i18n.t('no_entries', lang))}</p>"
        unplaced = html.escape(i18n.t("export_no_location", lang))
        items = [
            f"<li>{sp['popup']}"
            + ("" if sp["lat"] is not None else f'<p class="em-meta">({unplaced})</p>')
            + "</li>"
            for sp in self.specs
        ]
        return '<ul class="em-list">' + "".join(items) + "</ul>"


def _page(
    *,
    title: str,
    depth: int,
    bundle: Bundle,
    site_config: dict[str, Any],
    area: _Area,
    opts: SiteOptions,
    body_list: str,
    nav: str = "",
) -> bytes:
    lang = opts.lang
    esc = html.escape
    js, css = bundle.js, bundle.css
    meta = i18n.count("n_entries", len(area.specs), lang)
    as_of = freshness_of_dates(area.dates, len(area.specs)).text(lang)
    footer = "".join(f"<li>{esc(text)}</li>" for text in _sources(area.centres, opts))
    if as_of:
        footer += f"<li>{esc(as_of)}</li>"
    footer += _contact(opts)
    config = mapping.script_json(site_config)
    page = (
        "<!DOCTYPE html>\n"
        f'<html lang="{esc(lang, quote=True)}">\n<head>\n<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{esc(title)}</title>\n"
        f'<link rel="stylesheet" href="{esc(_url(depth, css), quote=True)}">\n'
        "</head>\n<body>\n"
        f'<div class="em-page"><header><h1>{esc(title)}</h1>'
        f'<p class="em-meta">{esc(meta)}'
        + (f" · {esc(as_of)}" if as_of else "")
        + "</p>"
        + nav
        + "</header><main>"
        f'<a class="em-skip" href="#em-list">{esc(i18n.t("skip_to_list", lang))}</a>'
        f'<div class="em-map-wrap" role="region" '
        f'aria-label="{esc(i18n.t("export_map_label", lang), quote=True)}">'
        '<div id="em-map" class="em-site-map"></div></div>'
        f'<section id="em-list" tabindex="-1" aria-labelledby="em-list-h">'
        f'<h2 id="em-list-h">{esc(i18n.t("list_heading", lang))}</h2>'
        + body_list
        + "</section></main>"
        f"<footer><h2>{esc(i18n.t('export_attribution', lang))}</h2><ul>{footer}</ul></footer>"
        "</div>\n"
        f'<script type="application/json" id="em-site">{config}</script>\n'
        f'<script src="{esc(_url(depth, js), quote=True)}"></script>\n'
        "</body>\n</html>\n"
    )
    return page.encode("utf-8")


def _site_config(
    opts: SiteOptions,
    depth: int,
    bundle: Bundle,
    data: dict[str, Any] | None,
    data_url: str | None,
) -> dict[str, Any]:
    outlines = mapping.outlines_config("") | {
        "laender": _url(depth, bundle.laender),
        "kreise": _url(depth, bundle.kreise),
    }
    config = mapping.map_config(opts.lang, outlines)
    return {
        "config": config,
        "tiles": {"url": opts.tiles_url, "attribution": opts.tiles_attribution},
        "gestures": {
            "touch": i18n.t("gesture_touch", opts.lang),
            "scroll": i18n.t("gesture_scroll", opts.lang),
            "scrollMac": i18n.t("gesture_scroll_mac", opts.lang),
        },
        "data": data,
        "dataUrl": data_url,
    }


def _area_page(area: _Area, name: str, bundle: Bundle, opts: SiteOptions) -> bytes:
    """The page of one municipality or Kreis (one folder below the root)."""
    return _page(
        title=page_title([name], opts.lang),
        depth=1,
        bundle=bundle,
        site_config=_site_config(opts, 1, bundle, area.data(), None),
        area=area,
        opts=opts,
        body_list=area.list_html(opts.lang),
    )


def _directory(
    municipalities: Sequence[tuple[str, str, str, int]],
    kreise: Sequence[tuple[str, str, int]],
    lang: str,
) -> str:
    """Links to every municipality and Kreis page, by Land."""
    esc = html.escape
    parts = [f"<p>{esc(i18n.t('site_directory_intro', lang))}</p>"]
    by_land: dict[str, list[str]] = {}
    for ags, name, land, n in municipalities:
        by_land.setdefault(land, []).append(
            f'<li><a href="gemeinde/{ags}.html">{esc(name)}</a> ({n})</li>'
        )
    for land in sorted(by_land, key=lambda c: i18n.state_label(c, lang)):
        parts.append(
            f"<h3>{esc(i18n.state_label(land, lang))}</h3><ul>{''.join(by_land[land])}</ul>"
        )
    if kreise:
        items = "".join(
            f'<li><a href="kreis/{k}.html">{esc(name)}</a> ({n})</li>' for k, name, n in kreise
        )
        parts.append(f"<h3>{esc(i18n.t('site_kreise', lang))}</h3><ul>{items}</ul>")
    return "".join(parts)


def _data_files(site: SiteWriter, specs: list[dict[str, Any]]) -> str:
    """Compact points of the index map as a hashed file, popups in chunk files of a folder
    named by the hash of their content (map.js fetches `<u><n>.json`); the points' URL."""
    chunks = mapping.details_chunks(specs)
    digest = hashlib.sha256(b"".join(chunks)).hexdigest()[:12]
    folder = f"assets/details-{digest}/"
    for number, chunk in enumerate(chunks):
        site.write(f"{folder}{number}.json", chunk)
    data = mapping.layer_data(specs, inline=False)
    data["u"] = folder
    payload = json.dumps(data, separators=(",", ":")).encode("utf-8")
    return site.asset("index-data.json", payload)


# --- publish --------------------------------------------------------------------------------


def _sitemap(base_url: str, paths: Sequence[str]) -> bytes:
    base = base_url.rstrip("/") + "/"
    urls = "".join(f"<url><loc>{html.escape(base + p)}</loc></url>" for p in paths)
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">'
        f"{urls}</urlset>\n"
    ).encode()


def area_page_path(ags: str | None) -> str:
    """The site path of an area's page: gemeinde/<8-digit AGS>.html, kreis/<5-digit>.html,
    else the index (what the Embed page links to and build_site writes)."""
    code = (ags or "").strip()
    if re.fullmatch(r"\d{8}", code):
        return f"gemeinde/{code}.html"
    if re.fullmatch(r"\d{5}", code):
        return f"kreis/{code}.html"
    return "index.html"


def build_site(entries: pd.DataFrame, root: Path, opts: SiteOptions) -> int:
    """Write the whole site into the empty folder `root`; returns the number of pages."""
    lang = opts.lang
    public = sort_entries(public_frame(entries))
    site = SiteWriter(root)
    bundle = write_bundle(site)
    specs = mapping.marker_specs(public, lang)  # once: every page takes its part
    dates = pd.to_datetime(public[s.LAST_VERIFIED], errors="coerce").reset_index(drop=True)
    centre = public[s.GEOCODE_SOURCE].eq("municipality").reset_index(drop=True)
    ags = public[s.AGS].fillna("").astype(str).reset_index(drop=True)
    names = public[s.MUNICIPALITY if s.MUNICIPALITY in public else s.CITY].astype(str)
    names = names.reset_index(drop=True)

    def area(positions: Sequence[int]) -> _Area:
        rows = list(positions)
        return _Area([specs[i] for i in rows], dates.iloc[rows], bool(centre.iloc[rows].any()))

    pages: list[str] = []
    municipalities: list[tuple[str, str, str, int]] = []
    for code, positions in ags.groupby(ags, sort=True).groups.items():
        if not re.fullmatch(r"\d{8}", str(code)):
            continue
        rows = list(positions)
        name = names.iloc[rows[0]] or str(code)
        municipalities.append((str(code), name, s.LAND_BY_AGS.get(str(code)[:2], ""), len(rows)))
        page = _area_page(area(rows), name, bundle, opts)
        pages.append(site.write(area_page_path(str(code)), page))
    kreise: list[tuple[str, str, int]] = []
    kreis_names = _kreis_names()
    kreis = ags.str[:5]
    for code, positions in kreis.groupby(kreis, sort=True).groups.items():
        if not re.fullmatch(r"\d{5}", str(code)):
            continue
        name = kreis_names.get(str(code), str(code))
        kreise.append((str(code), name, len(positions)))
        page = _area_page(area(list(positions)), name, bundle, opts)
        pages.append(site.write(area_page_path(str(code)), page))

    # index
    csv_name = site.write("daten/eintraege.csv", exports.safe_csv_bytes(public))
    geojson_name = site.write("daten/eintraege.geojson", exports.to_geojson_bytes(public))
    downloads = (
        f'<p><a href="{csv_name}">{html.escape(i18n.t("site_download_csv", lang))}</a> · '
        f'<a href="{geojson_name}">{html.escape(i18n.t("site_download_geojson", lang))}</a></p>'
    )
    everything = area(range(len(specs)))
    data: dict[str, Any] | None = None
    data_url: str | None = None
    if len(public) <= INDEX_LIST_MAX:
        index_list = everything.list_html(lang)
        data = everything.data()
    else:
        index_list = ""
        data_url = _data_files(site, specs)
    index = _page(
        title=i18n.t("export_title", lang),
        depth=0,
        bundle=bundle,
        site_config=_site_config(opts, 0, bundle, data, data_url),
        area=everything,
        opts=opts,
        body_list=downloads + index_list + _directory(municipalities, kreise, lang),
    )
    pages.insert(0, site.write("index.html", index))
    if opts.base_url:
        site.write("sitemap.xml", _sitemap(opts.base_url, pages))
    return len(pages)


def _kreis_names() -> dict[str, str]:
    from equality_map.places import load_places

    kreise = load_places().kreise
    return dict(zip(kreise["kreis_ags"], kreise["display_name"], strict=True))


def publish(entries: pd.DataFrame, out_dir: str | Path, opts: SiteOptions) -> PublishResult:
    """Build the site for `entries` (located, e.g. `prepare.locate`) and switch `out_dir` to it.

    `out_dir` becomes a symbolic link to `<parent>/.<name>.builds/<build>`; it must not be an
    existing non-empty folder (PublishError says so).
    """
    start = time.perf_counter()
    out = Path(out_dir)
    if out.exists() and not out.is_symlink():
        if out.is_dir() and not any(out.iterdir()):
            out.rmdir()
        else:
            raise PublishError(out)
    builds = out.parent / f".{out.name}.builds"
    builds.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S%f")  # sorts in build order
    build = builds / f"{stamp}-{uuid.uuid4().hex[:8]}"
    partial = builds / f".partial-{build.name}"
    try:
        partial.mkdir()
        pages = build_site(entries, partial, opts)
        precompress.gzip_siblings(partial)  # FILE.gz for nginx's gzip_static (deploy/nginx/)
        partial.rename(build)
    except BaseException:
        shutil.rmtree(partial, ignore_errors=True)
        raise
    link = out.parent / f".{out.name}.link-{uuid.uuid4().hex[:8]}"
    os.symlink(os.path.relpath(build, out.parent), link)
    os.replace(link, out)  # the one atomic step: the web server sees the old or the new site
    _prune(builds, keep=build)
    return PublishResult(out, build, pages, len(entries), time.perf_counter() - start)


def _prune(builds: Path, keep: Path) -> None:
    done = sorted(
        (p for p in builds.iterdir() if p.is_dir() and not p.name.startswith(".")),
        key=lambda p: p.name,
    )
    for old in done[: max(0, len(done) - KEEP_BUILDS)]:
        if old != keep:
            shutil.rmtree(old, ignore_errors=True)
    for stale in builds.glob(".partial-*"):
        if time.time() - stale.stat().st_mtime > 3600:
            shutil.rmtree(stale, ignore_errors=True)


def republish(settings: Settings, lang: str | None = None) -> PublishResult | None:
    """Rebuild the site of `settings.data` into `settings.publish_dir` (None when not set).

    What the Data page calls after every save: the public site never lags behind the data.
    Raises PublishError (the folder is not a published site) and whatever reading raises.
    """
    if settings.publish_dir is None:
        return None
    from equality_map.load import load_facilities
    from equality_map.places import load_places
    from equality_map.prepare import prepare_entries

    loaded = load_facilities(settings.data)
    frame = prepare_entries(loaded.frame, cache=settings.geocode_cache, places=load_places())
    return publish(frame, settings.publish_dir, SiteOptions.from_settings(settings, lang))
