from datetime import date

import pytest

from equality_map import assets, i18n


def test_install_vendor_is_idempotent(tmp_path):
    first = assets.install_vendor(tmp_path)
    assert {p.name for p in first} >= {"leaflet.js", "leaflet.markercluster.js", "leaflet.css"}
    assert assets.install_vendor(tmp_path) == []
    js, css = assets.asset_urls("/base/app/static")
    assert js[0] == "/base/app/static/vendor/leaflet/leaflet.js"
    for url in js + css:
        assert (tmp_path / url.removeprefix("/base/app/static/vendor/")).is_file()


def test_inline_assets_contain_leaflet():
    js, css = assets.inline_assets()
    assert "L.MarkerClusterGroup" in js
    assert ".leaflet-pane" in css


@pytest.mark.parametrize(
    ("value", "lang"),
    [
        ("en", "en"),
        ("EN", "en"),
        ("de", "de"),
        ("fr", "de"),
        ("", "de"),
        (["en"], "en"),
        (None, "de"),
    ],
)
def test_parse_lang(value, lang):
    assert i18n.parse_lang(value) == lang


def test_formatting():
    assert i18n.format_number(20000, "de") == "20.000"
    assert i18n.format_number(20000, "en") == "20,000"
    assert i18n.format_date(date(2025, 2, 1), "de") == "01.02.2025"
    assert i18n.format_date(None, "de") == ""


def test_every_string_has_both_languages():
    for key, (de, en) in i18n.STRINGS.items():
        assert de, key
        assert en, key
    assert i18n.t("n_entries", "en", n=3) == "3 entries"
    assert i18n.category_label("womens_shelter", "de") == "Frauenhaus"
