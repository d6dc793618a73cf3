"""Embed params, URL, snippet, CLI command and the resolvers for what people type (issue 7)."""

from __future__ import annotations

import html
import json
import re
import shlex
from urllib.parse import parse_qsl, urlsplit

import pandas as pd
import pytest

from equality_map import embed
from equality_map.filters import Filter


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("600", 600),
        ("800px", 800),
        (" 450 ", 450),
        ("10", embed.HEIGHT_MIN),
        ("99999", embed.HEIGHT_MAX),
        ("", embed.HEIGHT_DEFAULT),
        ("-5", embed.HEIGHT_DEFAULT),
        ("1e3", embed.HEIGHT_DEFAULT),
        ("600;alert(1)", embed.HEIGHT_DEFAULT),
        ("9" * 40, embed.HEIGHT_DEFAULT),
        (None, embed.HEIGHT_DEFAULT),
    ],
)
def test_clamp_height(value, expected):
    assert embed.clamp_height(value) == expected


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({}, embed.EmbedOptions()),
        ({"view": "list", "lang": "en", "height": "700"}, embed.EmbedOptions("en", "list", 700)),
        ({"view": ["COVERAGE"]}, embed.EmbedOptions(view="coverage")),
        ({"view": "admin", "lang": "fr"}, embed.EmbedOptions()),
        ({"view": "<script>", "height": "x"}, embed.EmbedOptions()),
    ],
)
def test_options_from_query_params(params, expected):
    assert embed.EmbedOptions.from_query_params(params) == expected


def test_embed_url_round_trips_filter_and_options():
    flt = Filter(cities=("Köln", "Bonn"), categories=("womens_shelter",), groups=())
    options = embed.EmbedOptions(lang="en", view="list", height=800)
    url = embed.embed_url("https://karte.stadt.de/app", flt, options)
    parts = urlsplit(url)
    assert parts.scheme == "https"
    assert parts.netloc == "karte.stadt.de"
    assert parts.path == "/app/"
    pairs = parse_qsl(parts.query)
    assert pairs[0] == ("embed", "true")
    params: dict[str, list[str]] = {}
    for key, value in pairs:
        params.setdefault(key, []).append(value)
    assert Filter.from_query_params(params) == Filter(
        cities=("Bonn", "Köln"), categories=("womens_shelter",)
    )
    assert embed.EmbedOptions.from_query_params(params) == options


@pytest.mark.parametrize(
    ("base", "expected"),
    [
        ("https://karte.stadt.de", "https://karte.stadt.de/"),
        ("HTTP://host:8501/sub?x=1#y", "http://host:8501/sub/"),
        ("javascript:alert(1)", None),
        ("//evil.example/", None),
        ("https://a b/", None),
        ("", None),
        (None, None),
        ("ftp://files.stadt.de/", None),
    ],
)
def test_normalise_base_url(base, expected):
    assert embed.normalise_base_url(base) == expected


def test_snippet_is_escaped_and_has_title_and_placeholder_host():
    flt = Filter(cities=('"><script>alert(1)</script>',))
    options = embed.EmbedOptions(height=650)
    snippet = embed.iframe_snippet(None, flt, options, title='Karte "Köln" <b>')
    assert snippet.startswith('<iframe src="https://YOUR-HOST/?embed=true&amp;city=')
    assert "<script>" not in snippet
    assert "<b>" not in snippet
    assert 'title="Karte &quot;Köln&quot; &lt;b&gt;"' in snippet
    assert 'height="650"' in snippet
    assert 'loading="lazy"' in snippet
    src = re.search(r'src="([^"]*)"', snippet)
    assert src is not None
    assert html.unescape(src.group(1)) == embed.embed_url(None, flt, options)


def test_default_iframe_title_names_the_cities():
    title = embed.iframe_title(Filter(cities=("Köln",)), "de")
    assert title == "Karte der Gleichstellungsinfrastruktur: Köln"
    assert embed.iframe_title(Filter(), "en") == "Map of equality infrastructure"


def test_export_command_quotes_values():
    cmd = embed.export_command(
        Filter(cities=("Frankfurt am Main", "a'b; rm -rf /"), categories=("equality_office",)),
        "en",
    )
    assert shlex.split(cmd) == [
        "equality-map",
        "export",
        "data/facilities.csv",
        "--output",
        "map.html",
        "--city",
        "Frankfurt am Main",
        "--city",
        "a'b; rm -rf /",
        "--category",
        "equality_office",
        "--lang",
        "en",
    ]


@pytest.mark.parametrize(
    ("wanted", "found", "missing"),
    [
        (["womens_shelter"], ["womens_shelter"], []),
        (["Frauenhaus"], ["womens_shelter"], []),
        (["Gleichstellungsbeauftragte", "equality_office"], ["equality_office"], []),
        (["Zoo"], [], ["Zoo"]),
    ],
)
def test_resolve_categories(wanted, found, missing):
    assert embed.resolve_categories(wanted) == (found, missing)


@pytest.mark.parametrize(
    ("wanted", "found", "missing"),
    [
        (["womens_facility"], ["womens_facility"], []),
        (["Bündnisse und Partner"], ["alliance_partner"], []),
        (["nope"], [], ["nope"]),
    ],
)
def test_resolve_groups(wanted, found, missing):
    assert embed.resolve_groups(wanted) == (found, missing)


def test_coverage_counts_per_city_and_group():
    frame = pd.DataFrame(
        {
            "city": ["Köln", "Köln", "Bonn", "Köln"],
            "state": ["NW", "NW", "NW", "NW"],
            "category": ["equality_office", "womens_shelter", "initiative", "counselling_centre"],
        }
    )
    table = embed.coverage_counts(frame, "en")
    assert list(table["City"]) == ["Bonn", "Köln"]
    assert list(table.columns[2:]) == [
        "Equality offices",
        "Women's and girls' facilities",
        "Alliances and partners",
    ]
    assert table.iloc[1, 2:].tolist() == [1, 2, 0]
    assert table.iloc[0, 2:].tolist() == [0, 0, 1]
    assert embed.coverage_counts(frame.iloc[0:0], "de").empty


def test_gesture_handling_text_cannot_end_the_script():
    element = embed.GestureHandling("de")
    assert "</" not in element.text_json
    assert "Strg" in element.text_json


def test_gesture_handling_text_uses_the_one_script_escaper(monkeypatch):
    """`&` too is escaped (an HTML parser reads `&lt;/script>` in some contexts as an end tag)."""
    monkeypatch.setattr(embed.i18n, "t", lambda key, lang: "</script><!-- & -->")
    text_json = embed.GestureHandling("de").text_json
    assert not set("<>&") & set(text_json)
    assert json.loads(text_json)["touch"] == "</script><!-- & -->"


@pytest.mark.parametrize(
    ("flt", "lang", "title"),
    [
        (Filter(), "de", "Gleichstellungsinfrastruktur"),
        (Filter(cities=("Kassel",)), "de", "Gleichstellungsinfrastruktur in Kassel"),
        (Filter(cities=("Kassel",)), "en", "Equality infrastructure in Kassel"),
        (
            Filter(cities=("Kassel", "Göttingen", "Bonn")),
            "de",
            "Gleichstellungsinfrastruktur in Kassel, Göttingen und Bonn",
        ),
        (
            Filter(cities=("Kassel", "Göttingen")),
            "en",
            "Equality infrastructure in Kassel and Göttingen",
        ),
        (
            Filter(cities=tuple("ABCDEF")),
            "de",
            "Gleichstellungsinfrastruktur in A, B, C, D, E …",
        ),
        (Filter(states=("HE",)), "en", "Equality infrastructure in Hesse"),
        (
            Filter(cities=("Kassel",), states=("HE",)),
            "de",
            "Gleichstellungsinfrastruktur in Kassel",
        ),
        (
            Filter(cities=("Kassel",), categories=("womens_shelter", "counselling_centre")),
            "de",
            "Gleichstellungsinfrastruktur in Kassel: Frauenhaus, Frauenberatungsstelle",
        ),
        (
            Filter(categories=("womens_shelter",), groups=("equality_office",)),
            "en",
            "Equality infrastructure: Women's shelter",
        ),
        (
            Filter(groups=("equality_office",)),
            "de",
            "Gleichstellungsinfrastruktur: Gleichstellungsstellen",
        ),
    ],
)
def test_selection_title_names_places_and_kinds(flt, lang, title):
    assert embed.selection_title(flt, lang) == title


def test_selection_title_is_plain_text_for_the_caller_to_escape():
    flt = Filter(cities=("<b>Ort</b>",))
    assert embed.selection_title(flt, "de") == "Gleichstellungsinfrastruktur in <b>Ort</b>"


def test_static_pages_map_each_city_to_the_municipality_of_most_of_its_entries():
    frame = pd.DataFrame(
        {
            "city": ["Kassel", "Kassel", "Kassel", "Nirgendwo", "Göttingen"],
            "ags": ["06611000", "06611000", "06633001", None, "03159016"],
        }
    )
    pages = embed.static_pages(frame, ["Göttingen", "Kassel", "Nirgendwo", "Unbekannt"])
    assert pages == [
        ("Göttingen", "03159016"),
        ("Kassel", "06611000"),
        ("Nirgendwo", None),
        ("Unbekannt", None),
    ]


@pytest.mark.parametrize(
    ("ags", "path"),
    [
        ("06611000", "gemeinde/06611000.html"),
        ("06611", "kreis/06611.html"),
        (None, "index.html"),
        ("0661100", "index.html"),
        ("../../etc", "index.html"),
    ],
)
def test_static_snippet_points_at_the_published_page(ags, path):
    from equality_map.publish import area_page_path

    snippet = embed.static_snippet("https://karte.stadt.de", area_page_path(ags), 'K "x" <b>', 500)
    src = re.search(r'src="([^"]*)"', snippet or "")
    assert src
    assert html.unescape(src.group(1)) == "https://karte.stadt.de/" + path
    assert 'title="K &quot;x&quot; &lt;b&gt;"' in (snippet or "")
    assert 'height="500"' in (snippet or "")


@pytest.mark.parametrize("base", ["", "javascript:alert(1)", "karte.stadt.de", "ftp://x.de"])
def test_no_static_snippet_without_an_http_address(base):
    assert embed.static_snippet(base, "index.html", "t", 500) is None
