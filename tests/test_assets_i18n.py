import ast
import string
from datetime import date
from pathlib import Path

import pytest

from equality_map import assets, i18n

REPO = Path(__file__).resolve().parents[1]


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


def _text_calls(path: Path) -> list[tuple[int, str]]:
    """(line, key) of every `t("...")`, `_("...")`, `i18n.count("...")` call in `path`.

    `cv.t("x")` (the coverage page's helper) means the key "cov.x".
    """
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        owner = getattr(getattr(func, "value", None), "id", "")
        first = node.args[0]
        wanted = name in ("t", "_", "count", "_say")
        if wanted and isinstance(first, ast.Constant) and isinstance(first.value, str):
            local = owner == "" and name == "t" and path.name == "coverage_view.py"
            key = f"cov.{first.value}" if owner == "cv" or local else first.value
            found.append((node.lineno, key))
    return found


SOURCES = sorted(
    str(p.relative_to(REPO))
    for p in [*REPO.glob("src/equality_map/**/*.py"), *REPO.glob("pages/*.py"), REPO / "app.py"]
    if "/i18n/" not in str(p)
)


@pytest.mark.parametrize("source", SOURCES)
def test_every_text_key_used_in_code_is_in_the_catalogue(source):
    for line, key in _text_calls(REPO / source):
        assert key in i18n.STRINGS, f"{source}:{line}: no text {key!r} in the catalogue"


def test_the_key_scan_finds_calls():
    calls = _text_calls(REPO / "src" / "equality_map" / "ui" / "maintenance.py")
    assert len(calls) > 50
    assert all(" " not in key for _, key in calls)  # keys, not German sentences


def _names(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


@pytest.mark.parametrize("key", sorted(i18n.STRINGS))
def test_both_languages_use_the_same_placeholders(key):
    de, en = i18n.STRINGS[key]
    de_variants = [de] if isinstance(de, str) else list(de)
    en_variants = [en] if isinstance(en, str) else list(en)
    assert isinstance(de, str) == isinstance(en, str), key
    names = _names(de_variants[-1])
    for text in [*de_variants, *en_variants]:
        assert text.strip(), key
        assert _names(text) == names, f"{key}: {text!r}"


def test_plural_texts_choose_by_number():
    assert i18n.count("cli.export_written", 1, "en", output="x") == "wrote 1 entry to x"
    assert i18n.count("cli.export_written", 2, "en", output="x") == "wrote 2 entries to x"
    assert i18n.count("cli.export_written", 1000, "de", output="x") == (
        "1.000 Einträge nach x geschrieben"
    )
