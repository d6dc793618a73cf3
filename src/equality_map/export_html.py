"""Static export: one self-contained HTML page (map, accessible list, legend, attribution).

The path for high public traffic: the file needs no app server and works from any web
server, a CDN or `file://`. Leaflet and its plugins (JS, CSS, images) are inlined from the
installed XStatic packages and the fetched npm plugin, and our own map.js, map.css and
page.css from static/ (`assets`), so the page requests nothing but map tiles from the one
configured tile server. The map is built by the same code as the app's map
(`mapping.base_map` + `mapping.entries_layer`, popups and the Länder outlines inline, no
Kreis outlines); the list below it shows the same escaped facts as the popups. Every CSV
value is escaped; confidential addresses are removed by `privacy.public_frame` before
anything is rendered.
"""

from __future__ import annotations

import base64
import html
import re
from datetime import date
from typing import Any

import pandas as pd
from branca.element import Element, Figure
from jinja2 import Template

from equality_map import assets, i18n, mapping
from equality_map import schema as s
from equality_map.embed import GestureHandling, selection_title
from equality_map.filters import Filter
from equality_map.freshness import freshness
from equality_map.prepare import sort_entries
from equality_map.privacy import public_frame
from equality_map.settings import DEFAULT_TILES_ATTRIBUTION, DEFAULT_TILES_URL

_VIEWPORT = re.compile(r'<meta name="viewport"[^>]*>', re.IGNORECASE)
_SOURCE_MAP = re.compile(r"^\s*//[#@] sourceMappingURL=.*$", re.MULTILINE)
_CSS_URL = re.compile(r"url\((['\"]?)(images/[A-Za-z0-9_.-]+\.png)\1\)")
_MIME = {".png": "image/png", ".svg": "image/svg+xml"}


def _script_text(js: str) -> str:
    """JS safe inside an inline <script>: no `</script`, no source map fetches."""
    js = _SOURCE_MAP.sub("", js)
    return re.sub(r"</(script)", r"<\\/\1", js, flags=re.IGNORECASE)


def _data_uri(asset_file: str) -> str | None:
    for asset in assets.ASSETS:
        if asset.package == "leaflet" and asset.file == asset_file:
            path = assets.source_path(asset)
            mime = _MIME.get(path.suffix.lower())
            if mime and path.exists():
                return f"data:{mime};base64," + base64.b64encode(path.read_bytes()).decode()
    return None


def inline_css(css: str) -> str:
    """Leaflet's CSS with its image references turned into data URIs (no requests)."""

    def repl(match: re.Match[str]) -> str:
        uri = _data_uri(match.group(2))
        return f'url("{uri}")' if uri else "none"

    return _CSS_URL.sub(repl, css).replace("</", "<\\/")


class ExportFigure(Figure):
    """A whole page around the map: lang attribute, heading, skip link, list, footer."""

    _template = Template(
        "<!DOCTYPE html>\n"
        '<html lang="{{ this.lang }}">\n'
        "<head>\n"
        '<meta charset="utf-8">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        "<title>{{ this.title_html }}</title>\n"
        "{{ this.header.render(**kwargs) }}\n"
        "</head>\n"
        "<body>\n"
        "{{ this.before_html }}\n"
        "{{ this.html.render(**kwargs) }}\n"
        "{{ this.after_html }}\n"
        "<script>\n{{ this.script.render(**kwargs) }}\n</script>\n"
        "</body>\n"
        "</html>\n"
    )

    def __init__(self, lang: str, title_html: str, before_html: str, after_html: str) -> None:
        super().__init__()
        self._name = "ExportFigure"
        self.lang = html.escape(lang, quote=True)
        self.title_html = title_html
        self.before_html = before_html
        self.after_html = after_html


def page_title(cities: list[str], lang: str) -> str:
    """Plain-text title, as an embed's: "Equality infrastructure in Köln and Bonn"."""
    return selection_title(Filter(cities=tuple(cities)), lang)


def list_html(public: pd.DataFrame, lang: str) -> str:
    """The accessible list: one list item per entry with the same escaped facts as the popup."""
    items = []
    for _, row in public.iterrows():
        located = not (pd.isna(row.get(s.LAT)) or pd.isna(row.get(s.LON)))
        note = (
            ""
            if located
            else f'<p class="em-meta">({html.escape(i18n.t("export_no_location", lang))})</p>'
        )
        items.append(f"<li>{mapping.popup_html(row, lang)}{note}</li>")
    return '<ul class="em-list">' + "".join(items) + "</ul>"


def _uses_directory_points(public: pd.DataFrame) -> bool:
    if s.GEOCODE_SOURCE not in public.columns:
        return False
    return bool(public[s.GEOCODE_SOURCE].astype(str).isin(("municipality", "gazetteer")).any())


def _contact_html(href: str, lang: str) -> str:
    """The corrections contact as a link (href validated by settings.contact_href)."""
    if not href.startswith(("mailto:", "http://", "https://")):
        return ""
    text = html.escape(href.removeprefix("mailto:"))
    link = f'<a href="{html.escape(href, quote=True)}">{text}</a>'
    return i18n.t("export_contact", lang, contact=link)


def _strip_tags(text: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", text))


def render_html(
    frame: pd.DataFrame,
    *,
    lang: str = i18n.DEFAULT_LANG,
    cities: list[str] | None = None,
    tiles_url: str = DEFAULT_TILES_URL,
    tiles_attribution: str = DEFAULT_TILES_ATTRIBUTION,
    contact: str = "",
    generated: date | None = None,
) -> str:
    """The complete HTML page for the entries of `frame` (already filtered by the caller).

    `contact` is the corrections contact (settings.contact: a mailto: or http(s) link).
    """
    lang = lang if lang in i18n.LANGS else i18n.DEFAULT_LANG
    public = sort_entries(public_frame(frame))
    as_of = freshness(public).text(lang)
    specs = mapping.marker_specs(public, lang)
    located = sum(1 for sp in specs if sp["lat"] is not None)

    m = mapping.base_map(
        lang=lang,
        tiles_url=tiles_url,
        tiles_attribution=tiles_attribution,
        static_url="",
        inline_outlines=True,
    )
    # No links to asset URLs: everything is inlined below.
    m.default_js = []
    m.default_css = []
    js, css = assets.inline_assets((*assets.MAP_ASSETS, assets.PAGE_CSS))
    header: Any = Element(
        f"<style>\n{inline_css(css)}\n</style>\n<script>\n{_script_text(js)}\n</script>\n"
    )
    mapping.entries_layer(specs).add_to(m)
    m.add_child(GestureHandling(lang), name="em_gesture")

    title = page_title(list(cities or []), lang)
    esc = html.escape
    map_label = esc(i18n.t("export_map_label", lang), quote=True)
    n_text = i18n.count("n_entries", len(public), lang)
    before = (
        '<div class="em-page">'
        f"<header><h1>{esc(title)}</h1>"
        f'<p class="em-meta">{esc(n_text)}'
        + (f" · {esc(as_of)}" if as_of else "")
        + "</p></header><main>"
        f'<a class="em-skip" href="#em-list">{esc(i18n.t("skip_to_list", lang))}</a>'
        f'<div class="em-map-wrap" role="region" aria-label="{map_label}">'
    )
    unmapped = len(public) - located
    unmapped_text = i18n.count("n_unmapped", unmapped, lang)
    unmapped_html = f'<p class="em-meta">{esc(unmapped_text)}</p>' if unmapped else ""
    sources = [
        i18n.t("export_tiles", lang, attribution=_strip_tags(tiles_attribution)),
        i18n.t("export_data_source", lang),
        i18n.t("export_boundaries", lang, note=mapping.BKG_SOURCE_TEXT),
    ]
    if _uses_directory_points(public):
        sources.append(i18n.t("export_destatis", lang))
    if generated is not None:
        sources.append(i18n.t("export_generated", lang, date=i18n.format_date(generated, lang)))
    after = (
        "</div>"
        f'<section id="em-list" tabindex="-1" aria-labelledby="em-list-h">'
        f'<h2 id="em-list-h">{esc(i18n.t("list_heading", lang))}</h2>'
        + unmapped_html
        + (list_html(public, lang) if len(public) else f"<p>{esc(i18n.t('no_entries', lang))}</p>")
        + "</section></main>"
        f"<footer><h2>{esc(i18n.t('export_attribution', lang))}</h2><ul>"
        + "".join(f"<li>{esc(text)}</li>" for text in sources)
        + (f"<li>{esc(as_of)}</li>" if as_of else "")
        + (f"<li>{_contact_html(contact, lang)}</li>" if contact else "")
        + "</ul></footer></div>"
    )
    figure = ExportFigure(lang, esc(title), before, after)
    figure.header.add_child(header, name="em_inline_assets")
    figure.add_child(m)
    page = figure.render()
    # folium's map header forbids zooming (user-scalable=no), which fails WCAG 1.4.4: ours stays.
    first = page.find('<meta name="viewport"')
    head, tail = page[: first + 1], page[first + 1 :]
    return head + _VIEWPORT.sub("", tail)
