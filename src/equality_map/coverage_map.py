"""The coverage maps: a choropleth of Kreise or Länder from the bundled BKG boundaries, and
municipalities as circles. Not surveyed areas are grey and dashed, explained in the legend.

Leaflet comes from the app's own static files (never a CDN); tiles only from the configured
server; every name in a tooltip is escaped; the boundary layer carries the BKG source note.
"""

from __future__ import annotations

import html
import json
import math
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import folium
import numpy as np
import pandas as pd

from equality_map import i18n
from equality_map.coverage_view import NAME, area_label, cell_formatter, label
from equality_map.coverage_view import t as cov_t
from equality_map.coverage_view import thresholds_of as cv_thresholds
from equality_map.mapping import BKG_NOTE
from equality_map.settings import DATA_DIR, DEFAULT_TILES_ATTRIBUTION


@dataclass(frozen=True)
class Indicator:
    """A column the map can colour by; `higher_is_better` orders the palette."""

    column: str
    higher_is_better: bool


INDICATORS: dict[str, tuple[Indicator, ...]] = {
    "municipality": (
        Indicator("coverage_score", True),
        Indicator("shelter_places_gap", False),
        Indicator("nearest_womens_shelter_km", False),
        Indicator("nearest_counselling_centre_km", False),
    ),
    "kreis": (
        Indicator("places_per10k", True),
        Indicator("shelter_places_gap", False),
        Indicator("share_women_beyond_30km_womens_shelter", False),
        Indicator("share_women_beyond_50km_womens_shelter", False),
        Indicator("coverage_score", True),
    ),
    "land": (
        Indicator("places_per10k", True),
        Indicator("shelter_places_gap", False),
        Indicator("share_women_beyond_50km_womens_shelter", False),
        Indicator("coverage_score", True),
    ),
}
#: Colour-blind-friendly diverging palette, bad -> good (ColorBrewer RdYlBu, 5 classes).
PALETTE = ("#d7191c", "#fdae61", "#ffffbf", "#abd9e9", "#2c7bb6")
NO_DATA = "#bdbdbd"


def class_breaks(values: pd.Series, n: int = 5) -> list[float]:
    """Quantile class breaks (unique, ascending) of the non-empty values."""
    data = values.dropna().astype(float)
    if data.empty:
        return []
    qs = np.quantile(data.to_numpy(), np.linspace(0, 1, n + 1))
    return sorted(set(float(q) for q in qs))


def colour_for(value: Any, breaks: list[float], higher_is_better: bool) -> str:
    """The palette colour of a value given class breaks (grey when unknown)."""
    if i18n.is_missing(value) or not breaks:
        return NO_DATA
    n_classes = max(1, len(breaks) - 1)
    idx = int(np.searchsorted(breaks[1:-1], float(value), side="right")) if n_classes > 1 else 0
    palette = PALETTE if higher_is_better else PALETTE[::-1]
    pick = round(idx * (len(palette) - 1) / max(1, n_classes - 1)) if n_classes > 1 else 2
    return palette[pick]


@lru_cache(maxsize=2)
def boundaries(layer: str) -> dict[str, Any]:
    """The simplified boundary layer ('kreise' or 'laender') as GeoJSON."""
    text = (DATA_DIR / "boundaries" / f"{layer}.geojson").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


def _legend(indicator: Indicator, breaks: list[float], lang: str) -> str:
    fmt = cell_formatter(indicator.column, lang)
    rows = []
    for i in range(max(0, len(breaks) - 1)):
        low, high = breaks[i], breaks[i + 1]
        colour = colour_for(
            (low + high) / 2 if i < len(breaks) - 2 else high, breaks, indicator.higher_is_better
        )
        rows.append(_legend_row(colour, f"{fmt(low)} – {fmt(high)}"))
    rows.append(
        '<div><span class="coverage-legend-swatch coverage-legend-unknown"></span>'
        f"{html.escape(cov_t('not_surveyed', lang))}</div>"
    )
    title = html.escape(label(indicator.column, lang))
    return f'<div class="coverage-legend"><b>{title}</b>{"".join(rows)}</div>'


def _legend_row(colour: str, text: str) -> str:
    colour = html.escape(colour, quote=True)
    swatch = f'<span class="coverage-legend-swatch" style="background:{colour}"></span>'
    return f"<div>{swatch}{html.escape(text)}</div>"


def _base(tiles_url: str | None, tiles_attribution: str, static_url: str) -> folium.Map:
    from equality_map.assets import COVERAGE_CSS, asset_urls
    from equality_map.fields import safe_http_url

    fmap = folium.Map(location=(51.2, 10.4), zoom_start=6, tiles=None, control_scale=True)
    js, css = asset_urls(static_url, (COVERAGE_CSS,))
    fmap.default_js = [(f"em_js_{i}", url) for i, url in enumerate(js)]
    fmap.default_css = [(f"em_css_{i}", url) for i, url in enumerate(css)]
    if tiles_url and safe_http_url(tiles_url.replace("{", "").replace("}", "")):
        folium.TileLayer(
            tiles=tiles_url,
            attr=tiles_attribution or DEFAULT_TILES_ATTRIBUTION,
            control=False,
            max_zoom=19,
        ).add_to(fmap)
    return fmap


def indicators(level: str, table: pd.DataFrame) -> tuple[Indicator, ...]:
    """The indicators of `level` that `table` has (distance shares follow its thresholds)."""
    out = [i for i in INDICATORS[level] if i.column in table.columns]
    for km in cv_thresholds(table):
        column = f"share_women_beyond_{km}km_womens_shelter"
        if column not in {i.column for i in out} and level != "municipality":
            out.insert(-1, Indicator(column, False))
    return tuple(out)


def _spec(level: str, indicator: str) -> Indicator:
    spec = next((i for i in INDICATORS[level] if i.column == indicator), None)
    if spec is None and indicator.startswith("share_women_beyond_"):
        spec = Indicator(indicator, False)
    if spec is None:
        known = ", ".join(i.column for i in INDICATORS[level])
        raise ValueError(f"indicator {indicator!r} cannot be mapped; choose one of: {known}")
    return spec


def choropleth(
    table: pd.DataFrame,
    level: str,
    indicator: str,
    lang: str = "de",
    *,
    tiles_url: str | None = None,
    tiles_attribution: str = "",
    static_url: str = "/app/static",
) -> folium.Map:
    """Kreise (level 'kreis') or Länder ('land') coloured by `indicator`, with a legend."""
    spec = _spec(level, indicator)
    key = "kreis_ags" if level == "kreis" else "state"
    layer = boundaries("kreise" if level == "kreis" else "laender")
    by_key = table.set_index(key)
    breaks = class_breaks(table[indicator])
    fmt = cell_formatter(indicator, lang)
    features = []
    for feature in layer["features"]:
        code = feature["properties"]["ags" if level == "kreis" else "land"]
        if code not in by_key.index:
            continue
        row = by_key.loc[code]
        value = row[indicator]
        unknown = i18n.is_missing(value)
        text = cov_t("not_surveyed", lang) if unknown else str(fmt(value))
        name = area_label(row, level)
        features.append(
            {
                "type": "Feature",
                "geometry": feature["geometry"],
                "properties": {
                    "key": code,
                    "tip": html.escape(f"{name}: {label(indicator, lang)} {text}"),
                    "colour": colour_for(value, breaks, spec.higher_is_better),
                    "unknown": bool(unknown),
                },
            }
        )
    fmap = _base(tiles_url, tiles_attribution, static_url)
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name=label(indicator, lang),
        style_function=lambda f: {
            "fillColor": f["properties"]["colour"],
            "color": "#555555" if f["properties"]["unknown"] else "#333333",
            "weight": 1.2 if f["properties"]["unknown"] else 0.6,
            "dashArray": "4 3" if f["properties"]["unknown"] else None,
            "fillOpacity": 0.45 if f["properties"]["unknown"] else 0.8,
        },
        highlight_function=lambda f: {"weight": 2.5, "color": "#000000"},
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False),
        attr=BKG_NOTE,
    ).add_to(fmap)
    root: Any = fmap.get_root()
    root.html.add_child(folium.Element(_legend(spec, breaks, lang)))
    return fmap


def circles(
    table: pd.DataFrame,
    indicator: str,
    lang: str = "de",
    *,
    tiles_url: str | None = None,
    tiles_attribution: str = "",
    static_url: str = "/app/static",
) -> folium.Map:
    """Municipalities as circles (size by population, colour by `indicator`)."""
    spec = _spec("municipality", indicator)
    shown = table.dropna(subset=["lat", "lon"])
    breaks = class_breaks(shown[indicator])
    fmt = cell_formatter(indicator, lang)
    features = []
    for _, row in shown.iterrows():
        value = row[indicator]
        text = cov_t("not_surveyed", lang) if i18n.is_missing(value) else str(fmt(value))
        features.append(
            {
                "type": "Feature",
                "geometry": {
                    "type": "Point",
                    "coordinates": [round(float(row["lon"]), 5), round(float(row["lat"]), 5)],
                },
                "properties": {
                    "key": row["ags"],
                    "tip": html.escape(
                        f"{area_label(row, 'municipality')}: {label(indicator, lang)} {text}"
                    ),
                    "colour": colour_for(value, breaks, spec.higher_is_better),
                    "radius": round(
                        3 + 2.2 * math.sqrt(max(float(row["population"]), 0) / 50_000), 1
                    ),
                },
            }
        )
    fmap = _base(tiles_url, tiles_attribution, static_url)
    folium.GeoJson(
        {"type": "FeatureCollection", "features": features},
        name=label(indicator, lang),
        marker=folium.CircleMarker(radius=4, weight=0.6, fill=True, fill_opacity=0.85),
        style_function=lambda f: {
            "fillColor": f["properties"]["colour"],
            "color": "#333333",
            "weight": 0.6,
            "fillOpacity": 0.85,
            "radius": f["properties"]["radius"],
        },
        tooltip=folium.GeoJsonTooltip(fields=["tip"], labels=False),
    ).add_to(fmap)
    root: Any = fmap.get_root()
    root.html.add_child(folium.Element(_legend(spec, breaks, lang)))
    return fmap


__all__ = ["BKG_NOTE", "INDICATORS", "NAME", "choropleth", "circles", "class_breaks"]
