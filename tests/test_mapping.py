import html
import json
import re
from datetime import date

import pandas as pd
import pytest

from equality_map import mapping, privacy
from equality_map.load import load_facilities
from equality_map.schema import CATEGORIES, GROUPS

FIXTURE = "tests/data/map_fixture.csv"


@pytest.fixture(scope="module")
def frame():
    return load_facilities(FIXTURE, today=date(2026, 1, 1)).frame


def _row(**values):
    base = {
        "id": "x",
        "name": "N",
        "category": "equality_office",
        "organisation": "",
        "street": "Hauptstraße 1",
        "postcode": "12345",
        "city": "Kassel",
        "state": "HE",
        "lat": 51.0,
        "lon": 9.0,
        "address_confidential": False,
        "phone": "",
        "email": "",
        "website": "",
        "target_groups": [],
        "topics": [],
        "networks": [],
        "languages": [],
        "wheelchair_accessible": "unknown",
        "capacity": pd.NA,
        "source_url": "",
        "last_verified": pd.NaT,
        "notes": "",
    }
    base.update(values)
    return pd.DataFrame([base], index=pd.Index([2], name="row"))


def test_name_is_escaped(frame):
    spec = next(sp for sp in mapping.marker_specs(frame) if sp["id"] == "ks-xss")
    assert "<img" not in spec["popup"]
    assert "<img" not in spec["tooltip"]
    assert "&lt;img src=x onerror=alert(1)&gt;" in spec["popup"]
    assert "&lt;b&gt;Träger&lt;/b&gt;" in spec["popup"]


def test_escape_check_can_fail():
    """Guard: the check above would notice raw HTML (the test is not vacuous)."""
    assert "<img" in "<h3><img src=x onerror=alert(1)></h3>"


def test_confidential_shelter_has_no_street_or_postcode(frame):
    spec = next(sp for sp in mapping.marker_specs(frame) if sp["id"] == "ks-fh")
    assert "Geheimweg" not in spec["popup"]
    assert "34119" not in spec["popup"]
    assert "Adresse vertraulich, Kassel" in spec["popup"]
    assert "tel:0561123456" in spec["popup"]
    public = privacy.public_frame(frame)
    row = public[public["id"] == "ks-fh"].iloc[0]
    assert row["street"] == ""
    assert row["postcode"] == ""
    assert frame[frame["id"] == "ks-fh"].iloc[0]["street"] == "Geheimweg 1"  # input untouched


@pytest.mark.parametrize(
    ("values", "lang", "address"),
    [
        # Placed at the municipality's centre without a street: the popup says so.
        (
            {"street": "", "postcode": "", "geocode_precision": "city"},
            "de",
            "in Kassel, genaue Adresse nicht erfasst",
        ),
        (
            {"street": "", "postcode": "", "geocode_precision": "city"},
            "en",
            "in Kassel, exact address not recorded",
        ),
        # A known address whose point is only the town centre.
        (
            {"geocode_precision": "city"},
            "de",
            "Hauptstraße 1, 12345 Kassel (Kartenpunkt: Ortsmitte)",
        ),
        (
            {"geocode_precision": "city"},
            "en",
            "Hauptstraße 1, 12345 Kassel (map point: town centre)",
        ),
        # Precise points and unknown precision: the address as it is.
        ({"geocode_precision": "address"}, "de", "Hauptstraße 1, 12345 Kassel"),
        ({"geocode_precision": "postcode", "street": ""}, "de", "12345 Kassel"),
        ({}, "de", "Hauptstraße 1, 12345 Kassel"),
        # Shelters: confidential, whatever the precision (no street, no note about it).
        (
            {"address_confidential": True, "geocode_precision": "city"},
            "de",
            "Adresse vertraulich, Kassel",
        ),
        (
            {"address_confidential": True, "geocode_precision": "city"},
            "en",
            "Address confidential, Kassel",
        ),
        # Without a city there is nothing to say "in".
        ({"street": "", "postcode": "", "city": "", "geocode_precision": "city"}, "de", ""),
    ],
)
def test_city_level_points_read_as_such(values, lang, address):
    spec = mapping.marker_specs(_row(**values), lang)[0]
    shown = f"<dd>{html.escape(address)}</dd>" if address else ""
    assert (shown in spec["popup"]) if address else ("Kassel" not in spec["popup"])
    assert mapping.address_text(privacy.public_frame(_row(**values)).iloc[0], lang) == address


def test_city_level_text_is_escaped():
    spec = mapping.marker_specs(_row(street="", city="<b>X</b>", geocode_precision="city"))[0]
    assert "in &lt;b&gt;X&lt;/b&gt;, genaue Adresse nicht erfasst" in spec["popup"]
    assert "<b>X" not in spec["popup"]


def test_english_popup_labels(frame):
    spec = next(sp for sp in mapping.marker_specs(frame, "en") if sp["id"] == "ks-fh")
    assert "Address confidential, Kassel" in spec["popup"]
    assert "Women&#x27;s shelter" in spec["popup"]


@pytest.mark.parametrize(
    ("website", "linked"),
    [
        ("https://example.org/a?b=1&c=2", True),
        ("http://example.org", True),
        ("javascript:alert(1)", False),
        ("JaVaScRiPt:alert(1)", False),
        ("data:text/html,<script>alert(1)</script>", False),
        ("//evil.example", False),
        ("https://", False),
        ("https://exa mple.org", False),
    ],
)
def test_website_link_schemes(website, linked):
    popup = mapping.marker_specs(_row(website=website))[0]["popup"]
    hrefs = re.findall(r'href="([^"]*)"', popup)
    if linked:
        assert hrefs
        assert hrefs[0].startswith("http")
        assert 'rel="noopener noreferrer"' in popup
    else:
        assert hrefs == []
        assert "<script>" not in popup


@pytest.mark.parametrize(
    ("phone", "href"),
    [("0561 787-0", "tel:05617870"), ("+49 (30) 123", "tel:+4930123"), ("n/a", None)],
)
def test_phone_links(phone, href):
    popup = mapping.marker_specs(_row(phone=phone))[0]["popup"]
    assert (f'href="{href}"' in popup) if href else ("tel:" not in popup)


@pytest.mark.parametrize(
    ("email", "linked"),
    [("a@b.de", True), ('a"@b.de', False), ("a@b.de?cc=x@evil.org", False)],
)
def test_mailto_links(email, linked):
    popup = mapping.marker_specs(_row(email=email))[0]["popup"]
    assert ("mailto:" in popup) == linked


def test_confidential_by_flag_even_for_other_categories():
    spec = mapping.marker_specs(_row(address_confidential=True, street="Secret 9"))[0]
    assert "Secret 9" not in spec["popup"]
    assert "12345" not in spec["popup"]


def test_unlocated_rows_have_no_position(frame):
    spec = next(sp for sp in mapping.marker_specs(frame) if sp["id"] == "d-nocoord")
    assert spec["lat"] is None
    assert spec["lon"] is None
    assert len(mapping.layer_data([spec])["p"]) == 0


def test_category_styles_cover_all_categories():
    assert set(mapping.CATEGORY_STYLES) == set(CATEGORIES)
    assert set(mapping.GROUP_SHAPES) == set(GROUPS)
    colours = [st.color for st in mapping.CATEGORY_STYLES.values()]
    symbols = [st.symbol for st in mapping.CATEGORY_STYLES.values()]
    assert len(set(colours)) == len(colours)
    assert len(set(symbols)) == len(symbols)


def test_layer_data_is_compact_and_keyed(frame):
    specs = mapping.marker_specs(frame)
    inline = mapping.layer_data(specs)
    located = [sp for sp in specs if sp["lat"] is not None]
    assert len(inline["p"]) == 4 * len(located)
    assert len(inline["d"]) == len(located)
    remote = mapping.layer_data(specs, keys=[10 * i for i in range(len(specs))], inline=False)
    assert "d" not in remote
    assert remote["p"][3] == 0
    assert remote["p"][7] == 10


def test_details_chunks_cover_specs(frame):
    specs = mapping.marker_specs(frame) * 200
    chunks = mapping.details_chunks(specs)
    assert len(chunks) == -(-len(specs) // mapping.CHUNK_SIZE)
    assert sum(len(json.loads(c)) for c in chunks) == len(specs)


def test_map_html_uses_only_local_assets(frame):
    html = mapping.build_map(mapping.marker_specs(frame)).get_root().render()
    urls = set(re.findall(r"""(?:src|href)=["']([^"']+)""", html))
    external = {u for u in urls if u.startswith(("http:", "https:", "//"))}
    assert external == set(), external
    assert "/app/static/vendor/leaflet/leaflet.js" in html
    assert '<script src="/app/static/js/map.js">' in html
    assert '<link rel="stylesheet" href="/app/static/css/map.css"/>' in html
    for cdn in ("cdn.jsdelivr", "code.jquery", "cdnjs", "bootstrapcdn"):
        assert cdn not in html
    assert "<img src=x" not in html
    assert "Geheimweg" not in html


@pytest.mark.parametrize("text", ["</script><script>alert(1)</script>", "<!--", "a & b", "]]>"])
def test_script_json_cannot_end_or_comment_out_a_script(text):
    encoded = mapping.script_json({"t": text})
    assert not set("<>&") & set(encoded)
    assert json.loads(encoded) == {"t": text}


def test_script_json_check_can_fail():
    """Guard: plain JSON keeps the characters the check above looks for."""
    assert set("<>&") & set(json.dumps({"t": "</script> &"}))


def test_map_config_is_plain_data_for_map_js():
    """map.js gets data, not markup: it escapes texts and builds legend and markers alike."""
    cfg = mapping.map_config("en")
    assert [c["key"] for c in cfg["cats"]] == list(CATEGORIES)
    shelter = cfg["cats"][list(CATEGORIES).index("womens_shelter")]
    assert shelter == {
        "key": "womens_shelter",
        "group": "womens_facility",
        "color": "#D55E00",
        "text": "#FFFFFF",
        "symbol": "⌂",
        "shape": "circle",
        "label": "Women's shelter",
    }
    assert [g["key"] for g in cfg["groups"]] == list(GROUPS)
    assert cfg["text"] == {
        "legend": "Legend",
        "fullscreen": "Full screen",
        "panels": "Legend and layers",
    }
    assert cfg["chunk"] == mapping.CHUNK_SIZE
    assert "outlines" not in cfg
    with_outlines = mapping.map_config("en", mapping.outlines_config("/app/static"))
    assert "<" not in json.dumps(with_outlines)


def test_outlines_come_as_static_files_in_the_app():
    """The app's pages name the BKG files (served from static/); they never carry them."""
    cfg = mapping.outlines_config("/base/app/static")
    assert cfg == {
        "laender": "/base/app/static/vendor/boundaries/laender.geojson",
        "kreise": "/base/app/static/vendor/boundaries/kreise.geojson",
        "kreiseMinZoom": mapping.KREISE_MIN_ZOOM,
        "source": {
            "text": "© GeoBasis-DE / BKG 2021 (Daten verändert)",
            "url": "https://www.bkg.bund.de",
        },
    }
    page = mapping.base_map(static_url="/base/app/static").get_root().render()
    assert "/base/app/static/vendor/boundaries/kreise.geojson" in page
    assert "FeatureCollection" not in page
    assert len(page) < 20_000


def test_a_page_without_server_carries_the_laender_only():
    cfg = mapping.outlines_config(None)
    assert cfg["laender"]["type"] == "FeatureCollection"
    assert len(cfg["laender"]["features"]) == 16
    assert cfg["kreise"] is None
    page = mapping.base_map(inline_outlines=True).get_root().render()
    assert "FeatureCollection" in page
    assert "kreise.geojson" not in page


def test_bkg_note_is_the_required_source_note_with_its_link():
    assert mapping.BKG_NOTE == (
        '<a href="https://www.bkg.bund.de">© GeoBasis-DE / BKG 2021 (Daten verändert)</a>'
    )


def test_map_scripts_are_one_line_calls_into_map_js(frame):
    html = mapping.build_map(mapping.marker_specs(frame)).get_root().render()
    calls = [ln.strip() for ln in html.splitlines() if "window.EM." in ln]
    assert len(calls) == 2
    setup = re.fullmatch(r"window\.EM\.setup\(map_\w+, (\{.*\})\);", calls[0])
    assert setup is not None
    outlines = mapping.outlines_config("/app/static")
    assert json.loads(setup.group(1)) == mapping.map_config("de", outlines)
    assert re.fullmatch(r"var feature_group_\w+ = window\.EM\.fill\(\{.*\}\);", calls[1])


def test_tiles_are_configurable():
    m = mapping.base_map(tiles_url="https://tiles.example/{z}/{x}/{y}.png", tiles_attribution="T")
    assert "https://tiles.example/{z}/{x}/{y}.png" in m.get_root().render()


def test_filter_changes_keep_base_script_identical(frame):
    """The st_folium component key hashes the base script; only the layer may change."""
    from streamlit_folium import _get_map_string, generate_js_hash

    scripts = []
    for _ in range(2):
        m = mapping.base_map()
        m.get_root().render()
        scripts.append(generate_js_hash(_get_map_string(m), "em_map"))
    assert scripts[0] == scripts[1]
