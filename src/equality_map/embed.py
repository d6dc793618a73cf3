"""Embedding for city web teams: embed URL params, the `<iframe>` snippet, gesture handling.

A city's web team puts the map on the city's site with an `<iframe>` whose URL carries
Streamlit's `embed=true` plus our params: the filter params of `filters.Filter` (`city`,
`category`, `group`, ...) and the embed-only `lang`, `view` and `height`. Everything here is
pure: parsing never raises and drops what it does not know, every value that ends up in HTML
is escaped, and the snippet only ever points at an http(s) base URL.
"""

from __future__ import annotations

import html
import shlex
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode, urlsplit, urlunsplit

import pandas as pd
from branca.element import MacroElement
from jinja2 import Template

from equality_map import i18n
from equality_map import schema as s
from equality_map.filters import Filter
from equality_map.mapping import script_json
from equality_map.places import Places, select_many

VIEWS: tuple[str, ...] = ("map", "list", "coverage")
DEFAULT_VIEW = "map"
HEIGHT_MIN, HEIGHT_MAX, HEIGHT_DEFAULT = 300, 1600, 600
#: Shown in snippets when no public URL is configured: the web team replaces it.
PLACEHOLDER_BASE_URL = "https://YOUR-HOST/"

ParamValue = str | Sequence[str]


def _first(params: Mapping[str, ParamValue], key: str) -> str:
    raw = params.get(key, "")
    if isinstance(raw, str):
        return raw
    return str(raw[0]) if raw else ""


def clamp_height(value: object, default: int = HEIGHT_DEFAULT) -> int:
    """A pixel height from a URL value, clamped to HEIGHT_MIN..HEIGHT_MAX (default if unusable)."""
    text = str(value or "").strip().lower().removesuffix("px")
    if not text.isdigit() or len(text) > 6:
        return default
    return max(HEIGHT_MIN, min(HEIGHT_MAX, int(text)))


@dataclass(frozen=True)
class EmbedOptions:
    """What an embed shows besides the filter: language, view and height in pixels."""

    lang: str = i18n.DEFAULT_LANG
    view: str = DEFAULT_VIEW
    height: int = HEIGHT_DEFAULT

    @classmethod
    def from_query_params(cls, params: Mapping[str, ParamValue]) -> EmbedOptions:
        """Parse `lang`, `view`, `height`; unknown values fall back to the defaults."""
        view = _first(params, "view").strip().lower()
        return cls(
            lang=i18n.parse_lang(_first(params, "lang")),
            view=view if view in VIEWS else DEFAULT_VIEW,
            height=clamp_height(_first(params, "height")),
        )

    def to_query_params(self) -> dict[str, str]:
        """The embed-only params (defaults left out, except view, which a snippet states)."""
        out = {"lang": self.lang, "view": self.view}
        if self.height != HEIGHT_DEFAULT:
            out["height"] = str(self.height)
        return out


def embed_query(flt: Filter, options: EmbedOptions) -> list[tuple[str, str]]:
    """The ordered (key, value) pairs of an embed URL: embed=true, filter, lang, view, height."""
    pairs: list[tuple[str, str]] = [("embed", "true")]
    for key, value in flt.to_query_params().items():
        for item in [value] if isinstance(value, str) else value:
            pairs.append((key, item))
    pairs.extend(options.to_query_params().items())
    return pairs


def normalise_base_url(value: str | None) -> str | None:
    """An http(s) base URL without query/fragment, ending in `/`; None when unusable."""
    text = (value or "").strip()
    if not text or any(ch.isspace() for ch in text):
        return None
    try:
        parts = urlsplit(text)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc, path, "", ""))


def embed_url(base_url: str | None, flt: Filter, options: EmbedOptions) -> str:
    """The URL of the embed view (placeholder host when `base_url` is not a usable http(s) URL)."""
    base = normalise_base_url(base_url) or PLACEHOLDER_BASE_URL
    return base + "?" + urlencode(embed_query(flt, options))


def iframe_title(flt: Filter, lang: str) -> str:
    """A descriptive iframe title (screen readers announce it), e.g. the cities shown."""
    title = i18n.t("embed_iframe_title", lang)
    if flt.cities:
        title += ": " + ", ".join(flt.cities[:5]) + (" …" if len(flt.cities) > 5 else "")
    return title


#: A title names at most this many places (then "…").
TITLE_PLACES_MAX = 5


def _joined(items: Sequence[str], lang: str) -> str:
    """ "A", "A und B", "A, B und C" (English: "and"); more than TITLE_PLACES_MAX end in "…"."""
    if len(items) > TITLE_PLACES_MAX:
        return ", ".join(items[:TITLE_PLACES_MAX]) + " …"
    if len(items) < 2:
        return "".join(items)
    return i18n.t("joined_and", lang, first=", ".join(items[:-1]), last=items[-1])


def selection_title(flt: Filter, lang: str) -> str:
    """The visible title of an embed or static page, naming the selection.

    "Gleichstellungsinfrastruktur in Kassel", with the chosen categories (else groups) after
    a colon: "... in Kassel: Frauenhaus, Beratungsstelle". Places are the cities, else the
    Länder. Plain text: the caller escapes it.
    """
    places = list(flt.cities) or [i18n.state_label(code, lang) for code in flt.states]
    title = (
        i18n.t("selection_title_in", lang, places=_joined(places, lang))
        if places
        else i18n.t("export_title", lang)
    )
    kinds = [i18n.category_label(key, lang) for key in flt.categories] or [
        i18n.group_label(key, lang) for key in flt.groups
    ]
    return f"{title}: {', '.join(kinds)}" if kinds else title


def _iframe(src: str, title: str, height: int) -> str:
    return (
        f'<iframe src="{html.escape(src, quote=True)}" title="{html.escape(title, quote=True)}" '
        f'width="100%" height="{height}" loading="lazy" style="border:0" '
        f'referrerpolicy="no-referrer"></iframe>'
    )


def iframe_snippet(
    base_url: str | None, flt: Filter, options: EmbedOptions, title: str | None = None
) -> str:
    """The copy-paste `<iframe>` for a city's web page; every attribute value is escaped."""
    src = embed_url(base_url, flt, options)
    text = title if title is not None else iframe_title(flt, options.lang)
    return _iframe(src, text, options.height)


def static_pages(frame: pd.DataFrame, cities: Sequence[str]) -> list[tuple[str, str | None]]:
    """(city label, AGS of its page on the published site or None) for each chosen city.

    The static site has one page per municipality (`publish.area_page_path`); a city label
    maps to the municipality most of its entries resolved to. None: no entry of that city has
    a municipality, so the site has no page for it (the index shows it).
    """
    if s.AGS not in frame or s.CITY not in frame:
        return [(city, None) for city in cities]
    out: list[tuple[str, str | None]] = []
    for city in cities:
        codes = frame.loc[frame[s.CITY].eq(city), s.AGS].dropna().astype(str)
        codes = codes[codes.str.fullmatch(r"\d{8}")]
        out.append((city, str(codes.mode().iloc[0]) if len(codes) else None))
    return out


def static_snippet(static_url: str, path: str, title: str, height: int) -> str | None:
    """The `<iframe>` for a page of the published site (None when `static_url` is unusable)."""
    base = normalise_base_url(static_url)
    if not base:
        return None
    return _iframe(base + path, title, height)


def export_command(
    flt: Filter,
    lang: str,
    data_file: str = "data/facilities.csv",
    output: str = "map.html",
) -> str:
    """The `equality-map export` command that writes the same selection as a static page."""
    parts = ["equality-map", "export", data_file, "--output", output]
    for city in flt.cities:
        parts += ["--city", city]
    for category in flt.categories:
        parts += ["--category", category]
    for group in flt.groups:
        parts += ["--group", group]
    parts += ["--lang", lang]
    return " ".join(shlex.quote(p) for p in parts)


# --- resolving what people type (CLI) ------------------------------------------------------------


def resolve_categories(wanted: Iterable[str]) -> tuple[list[str], list[str]]:
    """(category keys for keys or German/English labels in `wanted`, values not recognised)."""
    found: list[str] = []
    missing: list[str] = []
    for name in wanted:
        lowered = name.strip().lower()
        key = lowered if lowered in s.CATEGORIES else s.canonical_category(name)
        if key is None:
            missing.append(name)
        elif key not in found:
            found.append(key)
    return found, missing


def resolve_groups(wanted: Iterable[str]) -> tuple[list[str], list[str]]:
    """(group keys for keys or labels in `wanted`, values not recognised)."""
    labels: dict[str, str] = {}
    for group_key, group in s.GROUPS.items():
        for text in (group_key, group.label_de, group.label_en):
            labels[s.fold(text)] = group_key
    found: list[str] = []
    missing: list[str] = []
    for name in wanted:
        hit = labels.get(s.fold(name))
        if hit is None:
            missing.append(name)
        elif hit not in found:
            found.append(hit)
    return found, missing


# --- coverage view ----------------------------------------------------------------------------


def coverage_rows(table: pd.DataFrame, cities: Sequence[str], places: Places) -> pd.DataFrame:
    """The coverage table's rows of the embed's cities, found by the one place matcher."""
    if not cities or table.empty:
        return table.iloc[0:0]
    rows, _missing = select_many(places, cities, table)
    return table.loc[rows]


def coverage_counts(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """Entries per city and group of the selection (the embed's `view=coverage`)."""
    city_col = i18n.t("col_city", lang)
    state_col = i18n.t("col_state", lang)
    group_cols = {g: i18n.group_label(g, lang) for g in s.GROUPS}
    columns = [city_col, state_col, *group_cols.values()]
    if frame.empty:
        return pd.DataFrame(columns=columns)
    groups = frame[s.CATEGORY].map(s.group_of)
    rows = []
    keys = frame[[s.CITY, s.STATE]].drop_duplicates()
    keys = keys.assign(_k=keys[s.CITY].map(s.fold)).sort_values(["_k", s.STATE])
    for city, state in keys[[s.CITY, s.STATE]].itertuples(index=False):
        mask = (frame[s.CITY] == city) & (frame[s.STATE] == state)
        row: dict[str, Any] = {city_col: city, state_col: i18n.state_label(state, lang)}
        for g, label in group_cols.items():
            row[label] = int((mask & (groups == g)).sum())
        rows.append(row)
    return pd.DataFrame(rows, columns=columns)


# --- gesture handling ---------------------------------------------------------------------------


class GestureHandling(MacroElement):
    """Leaflet GestureHandling on this map: page scrolling is not hijacked by the map.

    The wheel zooms only with Ctrl/Cmd (a hint says so), one finger scrolls the page, two
    fingers move the map. The plugin's JS/CSS come from XStatic-Leaflet-GestureHandling; map.js
    (`EM.gestures`) switches it on with these texts.
    """

    _template = Template(
        "{% macro header(this, kwargs) %}{% endmacro %}"
        "{% macro html(this, kwargs) %}{% endmacro %}"
        "{% macro script(this, kwargs) %}"
        "window.EM.gestures({{ this._parent.get_name() }}, {{ this.text_json }});\n"
        "{% endmacro %}"
    )

    def __init__(self, lang: str) -> None:
        super().__init__()
        self._name = "GestureHandling"
        text = {
            "touch": i18n.t("gesture_touch", lang),
            "scroll": i18n.t("gesture_scroll", lang),
            "scrollMac": i18n.t("gesture_scroll_mac", lang),
        }
        self.text_json = script_json(text)
