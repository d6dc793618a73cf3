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


def _gettext_calls(path: Path) -> list[tuple[int, str]]:
    """(line, German text) of every `_("...")` and `i18n.gettext("...", ...)` call in `path`."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        named = (isinstance(func, ast.Name) and func.id == "_") or (
            isinstance(func, ast.Attribute) and func.attr == "gettext"
        )
        first = node.args[0]
        if named and isinstance(first, ast.Constant) and isinstance(first.value, str):
            found.append((node.lineno, first.value))
    return found


@pytest.mark.parametrize("source", ["pages/data.py", "src/equality_map/ui.py"])
def test_every_maintainer_text_has_english_with_the_same_placeholders(source):
    calls = _gettext_calls(REPO / source)
    assert len(calls) > 5  # the parser found the calls (a wrong pattern would find none)
    for line, text in calls:
        assert text in i18n.GETTEXT_EN, f"{source}:{line}: no English for {text!r}"
        english = i18n.GETTEXT_EN[text]
        assert english != text or text in ("Name", "Land"), f"{source}:{line}: untranslated"
        names = {f for _, f, _, _ in string.Formatter().parse(text) if f}
        assert names == {f for _, f, _, _ in string.Formatter().parse(english) if f}, text


def test_change_log_actions_have_english():
    tree = ast.parse((REPO / "pages" / "data.py").read_text(encoding="utf-8"))
    actions = next(
        n.value
        for n in ast.walk(tree)
        if isinstance(n, ast.Assign) and getattr(n.targets[0], "id", "") == "ACTIONS"
    )
    assert isinstance(actions, ast.Dict)
    for value in actions.values:
        assert isinstance(value, ast.Constant)
        assert value.value in i18n.GETTEXT_EN
