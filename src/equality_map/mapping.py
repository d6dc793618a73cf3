"""Marker specs (escaped, privacy-filtered plain data) and the folium map built from them.

Speed: one folium.Marker with popup per entry makes a 16 MB page for 20,000 entries. Here the
map is a small constant script (`base_map`) plus one layer (`entries_layer`) that carries the
filtered entries as a compact array `[lat, lon, category, key, ...]`; the browser builds the
markers and clusters them. Popup HTML is built and escaped here, in Python, and either sent
inline (small data) or served as chunk files that the browser fetches when a marker is opened.

The browser code is static/js/map.js (with static/css/map.css, registered in `assets`): the
folium elements here only hand it one JSON config per map (`map_config`) and the layer data.
"""

from __future__ import annotations

import html
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlsplit

import folium
import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from equality_map import i18n, vocab
from equality_map import schema as s
from equality_map.assets import BOUNDARIES_DIR, MAP_ASSETS, asset_urls, boundary_urls
from equality_map.fields import mailto_href, safe_http_url, tel_href
from equality_map.privacy import public_frame
from equality_map.settings import DEFAULT_TILES_ATTRIBUTION, DEFAULT_TILES_URL

GERMANY_CENTER = (51.16, 10.45)
#: Entries per details chunk file (popups are fetched chunk-wise when a marker is opened).
CHUNK_SIZE = 500
#: Up to this many entries the popups travel inline with the layer.
INLINE_DETAILS_MAX = 3000
#: Kreis outlines are drawn from this zoom on (below it, 400 Kreise are a grey mesh).
KREISE_MIN_ZOOM = 8
#: The source note BKG requires wherever its boundaries are shown (dl-de/by-2-0), and its link.
BKG_SOURCE_TEXT = "© GeoBasis-DE / BKG 2021 (Daten verändert)"
BKG_SOURCE_URL = "https://www.bkg.bund.de"
BKG_NOTE = f'<a href="{BKG_SOURCE_URL}">{html.escape(BKG_SOURCE_TEXT)}</a>'


@dataclass(frozen=True)
class CategoryStyle:
    """How a category looks: fill colour, text colour, symbol (not colour alone)."""

    color: str
    text: str
    symbol: str


#: Okabe-Ito palette (colour-blind safe) plus a symbol per category and a shape per group.
CATEGORY_STYLES: dict[str, CategoryStyle] = {
    "equality_office": CategoryStyle("#0072B2", "#FFFFFF", "="),
    "labour_market_equality": CategoryStyle("#56B4E9", "#000000", "€"),
    "womens_shelter": CategoryStyle("#D55E00", "#FFFFFF", "⌂"),
    "counselling_centre": CategoryStyle("#E69F00", "#000000", "i"),
    "girls_facility": CategoryStyle("#CC79A7", "#000000", "★"),
    "womens_centre": CategoryStyle("#F0E442", "#000000", "♀"),
    "antidiscrimination_office": CategoryStyle("#000000", "#FFFFFF", "≠"),
    "alliance_partner": CategoryStyle("#009E73", "#000000", "+"),
    "initiative": CategoryStyle("#999999", "#000000", "∞"),
}
GROUP_SHAPES: dict[str, str] = {
    "equality_office": "square",
    "womens_facility": "circle",
    "alliance_partner": "diamond",
}
CATEGORY_INDEX: dict[str, int] = {key: i for i, key in enumerate(s.CATEGORIES)}

# --- safe links -----------------------------------------------------------------------------


def link_html(href: str | None, text: str, external: bool = False) -> str:
    """`text` escaped, as a link when `href` is given (external ones open a new tab)."""
    label = html.escape(text)
    if href is None:
        return label
    attrs = ' target="_blank" rel="noopener noreferrer"' if external else ""
    return f'<a href="{html.escape(href, quote=True)}"{attrs}>{label}</a>'


# --- marker specs ------------------------------------------------------------------------------

#: One entry: a DataFrame row or the same as a plain dict (much faster to read field by field).
Row = Mapping[Any, Any] | pd.Series


def _text(row: Row, column: str) -> str:
    value = row.get(column, "")
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _items(row: Row, column: str) -> list[str]:
    value = row.get(column)
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value if str(v).strip()]
    return []


def _labels(row: Row, column: str, lang: str) -> str:
    """A list column's values as labels in `lang` (controlled vocabulary; free text as is)."""
    return "; ".join(vocab.label(column, v, lang) for v in _items(row, column))


def address_text(row: Row, lang: str) -> str:
    """The address as shown to the public: city only (and a note) when it is confidential.

    An entry placed at its municipality's centre (`geocode_precision` "city") says so, so its
    point on the map is not read as its address: without a street, "in Göttingen, exact
    address not recorded"; with one, the address and "map point: town centre".
    """
    city = _text(row, s.CITY)
    if bool(row.get(s.ADDRESS_CONFIDENTIAL, False)):
        return f"{i18n.t('address_confidential', lang)}, {city}" if city else ""
    street = _text(row, s.STREET)
    postcode = _text(row, s.POSTCODE)
    place = " ".join(p for p in (postcode, city) if p)
    address = ", ".join(p for p in (street, place) if p)
    if _text(row, s.GEOCODE_PRECISION) != "city" or not city:
        return address
    if not street:
        return i18n.t("address_city_only", lang, city=city)
    return i18n.t("address_city_point", lang, address=address)


#: Link texts longer than this are shortened (the link keeps the whole address).
URL_TEXT_MAX = 40


def url_text(url: str) -> str:
    """A short readable text for an http(s) URL: host and path, without scheme, query, "www."."""
    parts = urlsplit(url)
    host = parts.netloc.removeprefix("www.")
    text = host + (parts.path if parts.path not in ("", "/") else "")
    return text if len(text) <= URL_TEXT_MAX else text[: URL_TEXT_MAX - 1] + "…"


def _url_html(value: str) -> str:
    """An http(s) value as a link with a short text; anything else as escaped plain text."""
    if not value:
        return ""
    href = safe_http_url(value)
    return link_html(href, url_text(href), external=True) if href else html.escape(value)


def entry_fields(row: Row, lang: str) -> dict[str, str]:
    """The public facts of one entry as escaped HTML, by column key ("" when missing).

    The one place that turns an entry into text for people: popups and the list beside the map
    both use it, so they show the same facts. Every CSV value is escaped; links are tel:,
    mailto: or http(s) only; the address is public (confidential: city only).
    """
    esc = html.escape
    phone, email = _text(row, s.PHONE), _text(row, s.EMAIL)
    website, source = _text(row, s.WEBSITE), _text(row, s.SOURCE_URL)
    wheel = _text(row, s.WHEELCHAIR_ACCESSIBLE)
    capacity, verified = row.get(s.CAPACITY), row.get(s.LAST_VERIFIED)
    return {
        "col_name": esc(_text(row, s.NAME)),
        "col_category": esc(i18n.category_label(_text(row, s.CATEGORY), lang)),
        "col_organisation": esc(_text(row, s.ORGANISATION)),
        "col_address": esc(address_text(row, lang)),
        "col_state": esc(i18n.state_label(_text(row, s.STATE), lang)),
        "col_phone": link_html(tel_href(phone), phone) if phone else "",
        "col_email": link_html(mailto_href(email), email) if email else "",
        "col_website": _url_html(website),
        "col_networks": esc("; ".join(_items(row, s.NETWORKS))),
        "col_target_groups": esc(_labels(row, s.TARGET_GROUPS, lang)),
        "col_topics": esc(_labels(row, s.TOPICS, lang)),
        "col_languages": esc(_labels(row, s.LANGUAGES, lang)),
        "col_wheelchair": esc(i18n.wheelchair_label(wheel, lang)) if wheel else "",
        "col_capacity": ""
        if capacity is None or pd.isna(capacity)
        else esc(i18n.format_number(int(capacity), lang)),
        "col_last_verified": ""
        if verified is None or pd.isna(verified)
        else esc(i18n.format_date(pd.Timestamp(verified).date(), lang)),
        "col_source": _url_html(source),
    }


#: The facts listed in a popup below its heading (name) and category, in this order.
POPUP_FIELDS = (
    "col_organisation",
    "col_address",
    "col_phone",
    "col_email",
    "col_website",
    "col_networks",
    "col_target_groups",
    "col_topics",
    "col_languages",
    "col_wheelchair",
    "col_capacity",
    "col_last_verified",
    "col_source",
)


def popup_html(row: Row, lang: str) -> str:
    """Popup HTML for one public row (see `entry_fields`): heading, category, the facts."""
    fields = entry_fields(row, lang)
    facts = "".join(
        f"<dt>{html.escape(i18n.t(key, lang))}</dt><dd>{fields[key]}</dd>"
        for key in POPUP_FIELDS
        if fields[key]
    )
    return (
        f'<div class="em-popup"><h3>{fields["col_name"]}</h3>'
        f'<p class="em-popup-cat">{fields["col_category"]}</p><dl>{facts}</dl></div>'
    )


def marker_specs(frame: pd.DataFrame, lang: str = i18n.DEFAULT_LANG) -> list[dict[str, Any]]:
    """One plain dict per row: position (None when unknown), category, escaped tooltip/popup."""
    public = public_frame(frame)
    specs: list[dict[str, Any]] = []
    for row_id, row in zip(public.index, public.to_dict("records"), strict=True):
        lat, lon = row.get(s.LAT), row.get(s.LON)
        located = lat is not None and lon is not None and not (pd.isna(lat) or pd.isna(lon))
        category = _text(row, s.CATEGORY)
        specs.append(
            {
                "row": row_id,
                "id": _text(row, s.ID),
                "lat": round(float(lat), 5) if located else None,  # type: ignore[arg-type]
                "lon": round(float(lon), 5) if located else None,  # type: ignore[arg-type]
                "category": category,
                "group": s.CATEGORIES[category].group if category in s.CATEGORIES else "",
                "tooltip": html.escape(_text(row, s.NAME)),
                "popup": popup_html(row, lang),
            }
        )
    return specs


def details_chunks(specs: Sequence[dict[str, Any]]) -> list[bytes]:
    """The [tooltip, popup] pairs of all specs as JSON files of CHUNK_SIZE entries each."""
    out = []
    for start in range(0, len(specs), CHUNK_SIZE):
        part = [[sp["tooltip"], sp["popup"]] for sp in specs[start : start + CHUNK_SIZE]]
        out.append(json.dumps(part, ensure_ascii=False, separators=(",", ":")).encode("utf-8"))
    return out


def layer_data(
    specs: Sequence[dict[str, Any]],
    keys: Iterable[int] | None = None,
    *,
    inline: bool = True,
) -> dict[str, Any]:
    """Compact data of the located specs for the browser.

    `p` is a flat list `[lat, lon, category index, key, ...]`. With `inline`, `d` holds the
    [tooltip, popup] pairs and key indexes `d`; otherwise key is the position of the entry in
    the full details chunk files (given as `keys`, parallel to `specs`).
    """
    points: list[float | int] = []
    details: list[list[str]] = []
    key_list = list(keys) if keys is not None else list(range(len(specs)))
    for spec, key in zip(specs, key_list, strict=True):
        if spec["lat"] is None or spec["category"] not in CATEGORY_INDEX:
            continue
        if inline:
            key = len(details)
            details.append([spec["tooltip"], spec["popup"]])
        points.extend((spec["lat"], spec["lon"], CATEGORY_INDEX[spec["category"]], key))
    data: dict[str, Any] = {"p": points}
    if inline:
        data["d"] = details
    return data


# --- folium elements --------------------------------------------------------------------------


def legend_symbol(category: str) -> str:
    """The plain-text symbol of a category (for lists outside the map)."""
    style = CATEGORY_STYLES.get(category)
    return style.symbol if style else ""


def outlines_config(static_url: str | None) -> dict[str, Any]:
    """Where map.js gets the BKG outlines: the static files under `static_url`; without a
    server (static export, `None`) the Länder inline and no Kreise (400 KB)."""
    if static_url is None:
        text = (BOUNDARIES_DIR / "laender.geojson").read_text("utf-8")
        laender: Any = json.loads(text)
        kreise = None
    else:
        urls = boundary_urls(static_url)
        laender, kreise = urls["laender"], urls["kreise"]
    return {
        "laender": laender,
        "kreise": kreise,
        "kreiseMinZoom": KREISE_MIN_ZOOM,
        "source": {"text": BKG_SOURCE_TEXT, "url": BKG_SOURCE_URL},
    }


def map_config(lang: str, outlines: dict[str, Any] | None = None) -> dict[str, Any]:
    """The one JSON config of static/js/map.js: categories (style, label), groups, texts and
    where the outlines come from (`outlines_config`; none when not given).

    Plain text only: map.js escapes what it puts into HTML, and builds the legend's symbols
    with the same code as the markers'.
    """
    cats = []
    for key, cat in s.CATEGORIES.items():
        style = CATEGORY_STYLES[key]
        cats.append(
            {
                "key": key,
                "group": cat.group,
                "color": style.color,
                "text": style.text,
                "symbol": style.symbol,
                "shape": GROUP_SHAPES[cat.group],
                "label": i18n.category_label(key, lang),
            }
        )
    groups = [{"key": g, "label": i18n.group_label(g, lang)} for g in s.GROUPS]
    config: dict[str, Any] = {
        "cats": cats,
        "groups": groups,
        "chunk": CHUNK_SIZE,
        "text": {
            "legend": i18n.t("legend", lang),
            "fullscreen": i18n.t("fullscreen", lang),
            "panels": i18n.t("map_panels", lang),
        },
    }
    if outlines is not None:
        config["outlines"] = outlines
    return config


def script_json(data: Any) -> str:
    """JSON for embedding in a <script>: <, > and & as \\u escapes, so no text can end it."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


class MapSetup(MacroElement):
    """Hands the map and its config to static/js/map.js: clusters, legend, outlines, buttons."""

    # window.EM, not EM: streamlit-folium evaluates the script inside its own (minified) code.
    _template = Template(
        "{% macro header(this, kwargs) %}{% endmacro %}"
        "{% macro html(this, kwargs) %}{% endmacro %}"
        "{% macro script(this, kwargs) %}"
        "window.EM.setup({{ this._parent.get_name() }}, {{ this.config_json }});\n"
        "{% endmacro %}"
    )

    def __init__(self, lang: str, outlines: dict[str, Any] | None = None) -> None:
        super().__init__()
        self._name = "EqualityMapSetup"
        self.config_json = script_json(map_config(lang, outlines))


class EntriesLayer(folium.FeatureGroup):
    """A feature group (empty; map.js's EM.fill returns it) carrying the compact entries."""

    _template = Template(
        "{% macro script(this, kwargs) %}"
        "var {{ this.get_name() }} = window.EM.fill({{ this.data_json }});\n"
        "{% endmacro %}"
    )

    def __init__(self, data: dict[str, Any], name: str = "entries") -> None:
        super().__init__(name=name, control=False)
        # Keep folium's "FeatureGroup" name: streamlit-folium adds `feature_group_<id>` by name.
        self.data_json = script_json(data)


def base_map(
    *,
    lang: str = i18n.DEFAULT_LANG,
    tiles_url: str = DEFAULT_TILES_URL,
    tiles_attribution: str = DEFAULT_TILES_ATTRIBUTION,
    static_url: str = "/app/static",
    height: str | int = "100%",
    inline_outlines: bool = False,
) -> folium.Map:
    """The map without entries: self-hosted assets only, configured tiles, controls, legend,
    BKG outlines (static files under `static_url`, or the Länder inline for a static page)."""
    m = folium.Map(
        location=GERMANY_CENTER,
        zoom_start=6,
        # Germany fits at zoom 4 even in a 300 px embed; every zoom level less is one level
        # less for the marker clustering to compute (about 5 % each).
        min_zoom=4,
        tiles=None,
        control_scale=True,
        prefer_canvas=False,
        height=height,
    )
    js, css = asset_urls(static_url, MAP_ASSETS)
    # Replace folium's CDN defaults (Leaflet, jQuery, Bootstrap, awesome-markers) per instance.
    m.default_js = [(f"em_js_{i}", url) for i, url in enumerate(js)]
    m.default_css = [(f"em_css_{i}", url) for i, url in enumerate(css)]
    if safe_http_url(tiles_url.replace("{", "").replace("}", "")):
        folium.TileLayer(
            tiles=tiles_url, attr=tiles_attribution, name="tiles", control=False, max_zoom=19
        ).add_to(m)
    outlines = outlines_config(None if inline_outlines else static_url)
    m.add_child(MapSetup(lang, outlines), name="em_setup")
    return m


def entries_layer(
    specs: Sequence[dict[str, Any]],
    *,
    keys: Iterable[int] | None = None,
    details_url: str | None = None,
    filter_id: str = "",
) -> EntriesLayer:
    """The layer with the given specs; popups inline unless `details_url` (chunk files) given."""
    inline = details_url is None
    data = layer_data(specs, keys, inline=inline)
    if inline:
        data["t"] = [html.unescape(d[0]) for d in data["d"]]  # titles are set as text by Leaflet
    else:
        data["u"] = details_url
    data["f"] = filter_id
    return EntriesLayer(data)


def build_map(
    specs: Sequence[dict[str, Any]],
    *,
    lang: str = i18n.DEFAULT_LANG,
    tiles_url: str = DEFAULT_TILES_URL,
    tiles_attribution: str = DEFAULT_TILES_ATTRIBUTION,
    static_url: str = "/app/static",
) -> folium.Map:
    """A complete map (base + entries with inline popups), e.g. for a standalone HTML export."""
    m = base_map(
        lang=lang, tiles_url=tiles_url, tiles_attribution=tiles_attribution, static_url=static_url
    )
    entries_layer(specs).add_to(m)
    return m
