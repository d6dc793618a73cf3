"""Pure helpers for the coverage page: labels, German/English number formatting, sentences,
gap lists and the municipality map (folium). No Streamlit here, so all of it is unit-tested.
"""

from __future__ import annotations

import html
import math
from dataclasses import dataclass
from typing import Any

import folium
import numpy as np
import pandas as pd

from equality_map import i18n
from equality_map.coverage import COUNSELLING_ZERO_KM, SHELTER_BEDS_PER_10K_DE


def t(key: str, lang: str, **kwargs: Any) -> str:
    """A coverage page text (catalogue key `cov.<key>`) in German (default) or English."""
    return i18n.t(f"cov.{key}", lang, **kwargs)


def label(column: str, lang: str) -> str:
    """Column header in the UI language (the column key when there is no label)."""
    key = f"label.{column}"
    text = i18n.t(key, lang)
    return column if text == key else text


def state_name(code: str, lang: str) -> str:
    """A Land's name from its code ('' stays '')."""
    return i18n.state_label(code, lang)


def fmt_number(value: Any, lang: str, decimals: int = 0) -> str:
    """A number the German way in German ('1.234,5'), the English way in English; '–' if empty."""
    return i18n.format_number(value, lang, decimals) or "–"


def fmt_percent(value: Any, lang: str) -> str:
    """A share 0..1 as a percentage ('40 %' in German); '–' if empty."""
    return i18n.format_percent(value, lang) or "–"


def fmt_bool(value: Any, lang: str) -> str:
    """Yes/no/unknown in the UI language."""
    return i18n.format_bool(value, lang)


_missing = i18n.is_missing

# --- city profile ------------------------------------------------------------------------------

#: The three distances of a profile: column stem -> catalogue key stem.
_NEAREST = ("counselling_centre", "womens_shelter", "equality_office")


def city_sentences(row: pd.Series, lang: str) -> list[str]:
    """The indicators of one municipality as plain sentences."""
    out: list[str] = []
    pop = row.get("population")
    state = state_name(str(row.get("state", "")), lang)
    if _missing(pop):
        out.append(t("s_population_unknown", lang))
    else:
        out.append(t("s_population", lang, population=fmt_number(pop, lang), state=state))
    has, req = row.get("has_equality_office"), row.get("equality_office_required")
    law = str(row.get("equality_office_law") or "")
    office = t("s_office_listed" if bool(has) else "s_office_none", lang)
    if _missing(req):
        duty = t("s_duty_unknown", lang)
    else:
        duty = t("s_duty_yes" if bool(req) else "s_duty_no", lang, law=law)
    out.append(office + duty + ".")
    target = row.get("shelter_places_target")
    if not _missing(target):
        goal_value = float(target)  # type: ignore[arg-type]
        out.append(
            t(
                "s_shelter_places",
                lang,
                places=fmt_number(row.get("shelter_places"), lang),
                goal=fmt_number(goal_value, lang, 0 if goal_value >= 10 else 1),
                per=fmt_number(SHELTER_BEDS_PER_10K_DE, lang, 1),
                beds=fmt_number(row.get("shelter_beds_target_de"), lang, 1),
            )
        )
        unknown = int(row.get("n_womens_shelter_without_capacity") or 0)
        if unknown:
            out.append(i18n.count("cov.s_shelter_no_capacity", unknown, lang))
    for stem in _NEAREST:
        km = row.get(f"nearest_{stem}_km")
        if _missing(km):
            out.append(t(f"s_none_{stem}", lang))
        else:
            where = str(row.get(f"nearest_{stem}_city") or "")
            out.append(t(f"s_nearest_{stem}", lang, km=fmt_number(km, lang, 1), where=where))
    share = row.get("share_verified_24m")
    if not _missing(share):
        out.append(t("s_verified", lang, share=fmt_percent(share, lang)))
    nets = str(row.get("networks") or "")
    if nets:
        out.append(t("s_networks", lang, networks=nets))
    out.append(t("s_score", lang, score=fmt_number(row.get("coverage_score"), lang, 1)))
    return out


def city_label(row: pd.Series) -> str:
    """'Göttingen (NI)' — the option text for a municipality."""
    return f"{row['city']} ({row['state']})"


# --- gap lists ---------------------------------------------------------------------------------


def gap_lists(table: pd.DataFrame, top: int = 20) -> dict[str, pd.DataFrame]:
    """Three lists: required-but-missing offices, largest shelter gaps, longest counselling."""
    missing = table[table["equality_office_missing"].fillna(False).astype(bool)]
    office = missing.sort_values("population", ascending=False)[
        ["city", "state", "population", "equality_office_law"]
    ]
    shelter = table[table["shelter_places_gap"].fillna(0) > 0].nlargest(top, "shelter_places_gap")[
        [
            "city",
            "state",
            "population",
            "shelter_places",
            "shelter_places_target",
            "shelter_places_gap",
        ]
    ]
    counselling = table.dropna(subset=["nearest_counselling_centre_km"]).nlargest(
        top, "nearest_counselling_centre_km"
    )[
        [
            "city",
            "state",
            "population",
            "nearest_counselling_centre_km",
            "nearest_counselling_centre_city",
        ]
    ]
    return {"office": office, "shelter": shelter, "counselling": counselling}


def formatted(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A copy with numbers as locale strings and German/English headers (for short lists)."""
    out = pd.DataFrame(index=frame.index)
    for col in frame.columns:
        series = frame[col]
        head = label(col, lang)
        if col == "share_verified_24m":
            out[head] = series.map(lambda v: fmt_percent(v, lang))
        elif col in ("has_equality_office", "equality_office_required", "equality_office_missing"):
            out[head] = series.map(lambda v: fmt_bool(v, lang))
        elif col == "state":
            out[head] = series.map(lambda v: state_name(str(v), lang))
        elif pd.api.types.is_bool_dtype(series.dtype):
            out[head] = series.map(lambda v: fmt_bool(v, lang))
        elif pd.api.types.is_integer_dtype(series.dtype) or col in ("population", "shelter_places"):
            out[head] = series.map(lambda v: fmt_number(v, lang))
        elif pd.api.types.is_float_dtype(series.dtype):
            out[head] = series.map(lambda v: fmt_number(v, lang, 1))
        else:
            out[head] = series.map(lambda v: "" if _missing(v) else str(v))
    return out


# --- map ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Indicator:
    """A column the map can colour by; `higher_is_better` orders the palette."""

    column: str
    higher_is_better: bool


MAP_INDICATORS: tuple[Indicator, ...] = (
    Indicator("coverage_score", True),
    Indicator("shelter_places_gap", False),
    Indicator("nearest_counselling_centre_km", False),
    Indicator("nearest_womens_shelter_km", False),
    Indicator("nearest_equality_office_km", False),
    Indicator("per100k_womens_facility", True),
    Indicator("per100k_equality_office", True),
    Indicator("share_verified_24m", True),
)
#: Colour-blind-friendly diverging palette, bad -> good (ColorBrewer RdYlBu, 5 classes).
PALETTE = ("#d7191c", "#fdae61", "#ffffbf", "#abd9e9", "#2c7bb6")
NO_DATA = "#999999"


def class_breaks(values: pd.Series, n: int = 5) -> list[float]:
    """Quantile class breaks (unique, ascending) of the non-empty values."""
    data = values.dropna().astype(float)
    if data.empty:
        return []
    qs = np.quantile(data.to_numpy(), np.linspace(0, 1, n + 1))
    return sorted(set(float(q) for q in qs))


def colour_for(value: Any, breaks: list[float], higher_is_better: bool) -> str:
    """The palette colour of a value given class breaks."""
    if _missing(value) or not breaks:
        return NO_DATA
    n_classes = max(1, len(breaks) - 1)
    idx = int(np.searchsorted(breaks[1:-1], float(value), side="right")) if n_classes > 1 else 0
    palette = PALETTE if higher_is_better else PALETTE[::-1]
    # spread the classes over the palette when there are fewer than five
    pick = round(idx * (len(palette) - 1) / max(1, n_classes - 1)) if n_classes > 1 else 2
    return palette[pick]


def _legend_html(indicator: Indicator, breaks: list[float], lang: str) -> str:
    title = html.escape(label(indicator.column, lang))
    rows = []
    decimals = 0 if indicator.column in ("shelter_places_gap",) else 1
    for i in range(max(0, len(breaks) - 1)):
        low, high = breaks[i], breaks[i + 1]
        colour = colour_for((low + high) / 2 if i < len(breaks) - 2 else high, breaks,
                            indicator.higher_is_better)  # fmt: skip
        text = f"{fmt_number(low, lang, decimals)} – {fmt_number(high, lang, decimals)}"
        rows.append(_legend_row(colour, text))
    rows.append(_legend_row(NO_DATA, t("unknown", lang)))
    # Layout in static/css/coverage.css; only each swatch's colour is set here.
    return f'<div class="coverage-legend"><b>{title}</b>{"".join(rows)}</div>'


def _legend_row(colour: str, text: str) -> str:
    colour = html.escape(colour, quote=True)
    swatch = f'<span class="coverage-legend-swatch" style="background:{colour}"></span>'
    return f"<div>{swatch}{html.escape(text)}</div>"


def coverage_map(
    table: pd.DataFrame,
    indicator: str,
    lang: str = "de",
    *,
    tiles_url: str | None = None,
    tiles_attribution: str = "",
    static_url: str = "/app/static",
) -> folium.Map:
    """Municipalities as circles (size by population, colour by `indicator`) with a legend.

    Only rows with gazetteer coordinates are drawn; names are HTML-escaped. Leaflet comes
    from the app's own static files (never a CDN); tiles only from `tiles_url` if given.
    """
    from equality_map.assets import COVERAGE_CSS, asset_urls
    from equality_map.mapping import DEFAULT_TILES_ATTRIBUTION, safe_http_url

    spec = next((i for i in MAP_INDICATORS if i.column == indicator), None)
    if spec is None:
        known = ", ".join(i.column for i in MAP_INDICATORS)
        raise ValueError(f"indicator {indicator!r} cannot be mapped; choose one of: {known}")
    shown = table.dropna(subset=["lat", "lon"])
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
    breaks = class_breaks(shown[indicator])
    pops = shown["population"].astype("Float64").fillna(0).astype(float).to_numpy()
    values = shown[indicator].to_numpy()
    cities = shown["city"].astype(str).to_numpy()
    states = shown["state"].astype(str).to_numpy()
    decimals = 0 if indicator == "shelter_places_gap" else 1
    features = []
    # one GeoJSON layer instead of 1,600 CircleMarker objects: renders ~10x faster and smaller
    for i, (lat, lon) in enumerate(shown[["lat", "lon"]].to_numpy(dtype=float)):
        value_text = fmt_number(values[i], lang, decimals)
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [round(lon, 5), round(lat, 5)]},
                "properties": {
                    "tip": html.escape(
                        f"{cities[i]} ({states[i]}): {label(indicator, lang)} {value_text}"
                    ),
                    "colour": colour_for(values[i], breaks, spec.higher_is_better),
                    "radius": round(3 + 2.2 * math.sqrt(max(pops[i], 0) / 50_000), 1),
                },
            }
        )
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
    root.html.add_child(folium.Element(_legend_html(spec, breaks, lang)))
    return fmap


def counselling_zero_km() -> float:
    """The distance at which the counselling part of the score reaches zero (for the page)."""
    return COUNSELLING_ZERO_KM
