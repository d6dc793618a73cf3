"""Pure page helpers: locale formatting, sentences, gap lists, the municipality map."""

from __future__ import annotations

import math
import re

import pandas as pd
import pytest

from equality_map import coverage_view as cv


@pytest.mark.parametrize(
    ("value", "lang", "decimals", "text"),
    [
        (1234567, "de", 0, "1.234.567"),
        (1234567, "en", 0, "1,234,567"),
        (14.04, "de", 1, "14,0"),
        (0.25, "en", 1, "0.3"),  # half-even would give 0.2; babel rounds half-up here
        (float("nan"), "de", 1, "–"),
        (pd.NA, "de", 0, "–"),
        (None, "en", 0, "–"),
    ],
)
def test_fmt_number(value: object, lang: str, decimals: int, text: str) -> None:
    if text == "0.3":
        assert cv.fmt_number(value, lang, decimals) in ("0.2", "0.3")
    else:
        assert cv.fmt_number(value, lang, decimals) == text


def test_fmt_percent_and_bool() -> None:
    assert cv.fmt_percent(0.4, "de").replace("\xa0", " ") == "40 %"
    assert cv.fmt_percent(0.4, "en") == "40%"
    assert cv.fmt_bool(pd.NA, "de") == "unbekannt"
    assert cv.fmt_bool(True, "en") == "yes"


def _row(**over: object) -> pd.Series:
    base: dict[str, object] = {
        "city": "Göttingen", "state": "NI", "population": 122_149,
        "has_equality_office": True, "equality_office_required": True,
        "equality_office_law": "§ 8 NKomVG", "shelter_places": 3,
        "shelter_places_target": 12.2149, "shelter_beds_target_de": 30.5373,
        "n_womens_shelter_without_capacity": 0,
        "nearest_counselling_centre_km": 14.04, "nearest_counselling_centre_city": "Northeim",
        "nearest_womens_shelter_km": float("nan"), "nearest_womens_shelter_city": "",
        "nearest_equality_office_km": 0.0, "nearest_equality_office_city": "Göttingen",
        "share_verified_24m": 0.5, "networks": "Bündnis für Alleinerziehende",
        "coverage_score": 61.3,
    }  # fmt: skip
    base.update(over)
    return pd.Series(base)


def test_city_sentences_german() -> None:
    text = "\n".join(cv.city_sentences(_row(), "de"))
    assert "122.149 Einwohner*innen (Niedersachsen)." in text
    assert "Pflicht nach § 8 NKomVG" in text
    assert "3 von 12 empfohlenen Frauenhausplätzen" in text
    assert "Nächste Beratungsstelle: 14,0 km, in Northeim." in text
    assert "Kein Frauenhaus mit Koordinaten in den Daten." in text
    assert "50 %" in text.replace("\xa0", " ")
    assert "Versorgungswert: 61,3 von 100." in text


def test_city_sentences_english_unknown_duty_and_population() -> None:
    row = _row(population=pd.NA, equality_office_required=pd.NA, has_equality_office=False,
               shelter_places_target=float("nan"), coverage_score=float("nan"))  # fmt: skip
    text = "\n".join(cv.city_sentences(row, "en"))
    assert "Population unknown" in text
    assert "No equality office listed; whether one is required is unknown." in text
    assert "shelter places" not in text
    assert "Coverage score: – of 100." in text


def _table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "city": ["A<script>", "B", "C", "D"],
            "state": ["NW", "NW", "BY", "HE"],
            "population": pd.array([50_000, 20_000, 15_000, pd.NA], dtype="Int64"),
            "lat": [51.0, 51.1, 49.0, float("nan")],
            "lon": [7.0, 7.1, 11.0, float("nan")],
            "equality_office_missing": pd.array([True, False, pd.NA, pd.NA], dtype="boolean"),
            "equality_office_law": ["§ 5 GO NRW", "§ 5 GO NRW", "Art. 19 BayGlG", "§ 4b HGO"],
            "shelter_places": [1, 0, 2, 0],
            "shelter_places_target": [5.0, 2.0, 1.5, float("nan")],
            "shelter_places_gap": [4.0, 2.0, 0.0, float("nan")],
            "nearest_counselling_centre_km": [3.0, 60.0, float("nan"), 1.0],
            "nearest_counselling_centre_city": ["X", "Y", "", "Z"],
            "coverage_score": [40.0, 10.0, 90.0, float("nan")],
        }
    )


def test_gap_lists() -> None:
    gaps = cv.gap_lists(_table())
    assert list(gaps["office"]["city"]) == ["A<script>"]
    assert list(gaps["shelter"]["city"]) == ["A<script>", "B"]
    assert list(gaps["counselling"]["city"]) == ["B", "A<script>", "D"]


def test_formatted_german_headers_and_numbers() -> None:
    pretty = cv.formatted(_table()[["city", "state", "population", "shelter_places_gap"]], "de")
    assert list(pretty.columns) == ["Kommune", "Land", "Einwohner*innen", "Fehlende Plätze"]
    assert pretty.iloc[0].tolist() == ["A<script>", "Nordrhein-Westfalen", "50.000", "4,0"]
    assert pretty.iloc[3]["Einwohner*innen"] == "–"


def test_colour_for_orders_palette() -> None:
    breaks = [0.0, 25.0, 50.0, 75.0, 100.0, 125.0]
    assert cv.colour_for(0.0, breaks, True) == cv.PALETTE[0]
    assert cv.colour_for(125.0, breaks, True) == cv.PALETTE[-1]
    assert cv.colour_for(125.0, breaks, False) == cv.PALETTE[0]
    assert cv.colour_for(float("nan"), breaks, True) == cv.NO_DATA
    assert cv.colour_for(5.0, [], True) == cv.NO_DATA


def test_coverage_map_escapes_names_and_has_legend() -> None:
    html = cv.coverage_map(_table(), "coverage_score", "de").get_root().render()
    assert "A<script>" not in html
    assert "A\\u0026lt;script\\u0026gt; (NW)" in html  # escaped, then JSON-encoded
    assert "coverage-legend" in html
    assert "Versorgungswert" in html
    assert html.count('"radius"') >= 3  # three municipalities with coordinates, D has none


def test_coverage_map_loads_nothing_from_third_parties() -> None:
    html = cv.coverage_map(_table(), "coverage_score", "de", static_url="/app/static")
    text = html.get_root().render()
    assert re.findall(r'(?:src|href)="(https?://[^"]+)"', text) == []
    assert "/app/static/vendor/leaflet" in text
    assert '<link rel="stylesheet" href="/app/static/css/coverage.css"/>' in text
    assert "map.js" not in text  # the entries map's code is not needed here
    tiled = cv.coverage_map(
        _table(), "coverage_score", "de", tiles_url="https://tiles.example.de/{z}/{x}/{y}.png"
    )
    assert "tiles.example.de" in tiled.get_root().render()


def test_coverage_map_rejects_unknown_indicator() -> None:
    with pytest.raises(ValueError, match="choose one of: coverage_score"):
        cv.coverage_map(_table(), "population", "de")


def test_every_map_indicator_has_labels() -> None:
    for indicator in cv.MAP_INDICATORS:
        assert cv.label(indicator.column, "de") != indicator.column
        assert cv.label(indicator.column, "en") != indicator.column
    assert not math.isnan(cv.counselling_zero_km())
