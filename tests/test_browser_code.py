"""Browser code lives in static/ (issue 12): no application JS or CSS in Python strings.

JavaScript and CSS are files under static/js and static/css, linted (eslint, prettier) and
unit-tested (node --test tests/js); Python hands them data as JSON and may wrap a stylesheet
in `<style>` tags or call into map.js with one line (`window.EM.setup({{ map }}, {{ cfg }})`).
This scan finds code written in Python strings again (STYLE.md: "Browser code is code").
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from equality_map import assets

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted(
    [*ROOT.glob("src/equality_map/**/*.py"), *ROOT.glob("pages/*.py"), ROOT / "app.py"]
)
#: Stands for an f-string's {value} or a Jinja {{ value }} when strings are scanned.
HOLE = "{{…}}"

#: JavaScript or CSS written out, as opposed to HTML markup, tags around a placeholder and
#: one-line calls into map.js (`window.EM.fill(...)`).
CODE_PATTERNS: dict[str, re.Pattern[str]] = {
    "<style> with CSS": re.compile(r"<style\b[^>]*>\s*(?!\{\{|</style)\S", re.IGNORECASE),
    "<script> with code": re.compile(r"<script\b[^>]*>\s*(?!\{\{|</script)\S", re.IGNORECASE),
    "CSS rule": re.compile(r"[^\s{}][^{}]*\{\s*[a-z-]+\s*:\s*[^{}:\s][^{}:]*(?:;|\})"),
    "inline style with layout": re.compile(
        r"""style=["'][^"']*?(?:[a-z-]+\s*:[^;"']+;\s*){2,}""", re.IGNORECASE
    ),
    "JS function": re.compile(r"\bfunction\b\s*\w*\s*\(|=>"),
    "DOM access": re.compile(r"\b(?:document|window)\.(?!EM\.)\w|\.innerHTML\b|addEventListener"),
    "Leaflet call": re.compile(r"\bL\.[A-Za-z]+\s*\("),
    "JS block": re.compile(r"\b(?:if|for|while)\s*\([^)]*\)\s*\{"),
}

#: The one statement that stays in Python: ui.set_document_lang sets <html lang> through
#: st.html (the page's own document; map.js runs in the map's iframe).
ALLOWED = {
    "src/equality_map/ui/shell.py": {
        "<style>{{…}}</style><script>document.documentElement.lang = {{…}};</script>"
    },
}


def _docstrings(tree: ast.AST) -> set[int]:
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                found.add(id(body[0].value))
    return found


def python_strings(source: str) -> list[tuple[int, str]]:
    """(line, text) of every string in Python `source`, f-strings with HOLE for {values}."""
    tree = ast.parse(source)
    skip = _docstrings(tree)
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            parts = []
            for value in node.values:
                skip.add(id(value))
                if isinstance(value, ast.Constant):
                    parts.append(str(value.value))
                else:
                    parts.append(HOLE)
            out.append((node.lineno, "".join(parts)))
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skip:
            out.append((node.lineno, node.value))
    return out


def browser_code(source: str, allowed: set[str] = frozenset()) -> list[tuple[int, str, str]]:
    """(line, kind, text) of the strings in `source` that hold JavaScript or CSS code."""
    found = []
    for line, text in python_strings(source):
        if text in allowed:
            continue
        for kind, pattern in CODE_PATTERNS.items():
            if pattern.search(text):
                found.append((line, kind, text[:120]))
                break
    return found


def test_the_scan_reads_every_python_source():
    names = {p.relative_to(ROOT).as_posix() for p in SOURCES}
    assert {"src/equality_map/mapping.py", "src/equality_map/ui/shell.py", "app.py"} <= names


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_no_browser_code_in_python_strings(path: Path):
    name = path.relative_to(ROOT).as_posix()
    found = browser_code(path.read_text("utf-8"), ALLOWED.get(name, set()))
    assert not found, f"{name}: JavaScript/CSS belongs in static/js or static/css: {found}"


def test_allowed_exceptions_still_exist():
    """An exception that is no longer needed is removed from ALLOWED (it cannot rot)."""
    for name, texts in ALLOWED.items():
        strings = {text for _, text in python_strings((ROOT / name).read_text("utf-8"))}
        assert texts <= strings, name


@pytest.mark.parametrize(
    ("source", "kind"),
    [
        ('CSS = """\n<style>\n.em-marker span{display:flex}\n</style>\n"""', "<style> with CSS"),
        ('LIST_CSS = ".em-list{overflow-x:auto;max-width:100%}"', "CSS rule"),
        ("A11Y = \"[data-testid='x']{color:#4b4d57 !important}\"", "CSS rule"),
        ('JS = "<script>var s = 1;</script>"', "<script> with code"),
        ('JS = "(function (map) { map.gestureHandling.enable(); })({{ map }});"', "JS function"),
        ("JS = \"cl.on('click', (e) => open(e));\"", "JS function"),
        ('JS = "div.innerHTML = cfg.legend_html;"', "DOM access"),
        ('JS = "var fg = L.featureGroup().addTo({{ this._parent.get_name() }});"', "Leaflet call"),
        ('JS = "if (data.d) { done(data.d[key]); }"', "JS block"),
        (
            "def legend(c):\n"
            "    return f'<div style=\"position:absolute;bottom:{c}px;z-index:1000\">'",
            "inline style with layout",
        ),
    ],
)
def test_the_scan_can_actually_fail(source: str, kind: str):
    """Twin of the test above: code written the old way is found (the scan is not vacuous)."""
    found = browser_code(source)
    assert [k for _, k, _ in found] == [kind]


@pytest.mark.parametrize(
    "source",
    [
        "def f(name):\n    return f'<div class=\"em-popup\"><h3>{name}</h3></div>'",
        'T = "{% macro script(this, kwargs) %}window.EM.fill({{ this.data_json }});{% endmacro %}"',
        "def f(css):\n    return f'<style>{css}</style>'",
        "def f(c):\n    return f'<span style=\"background:{c}\"></span>'",
        'def f():\n    """Sets window.EM and calls document.body (a docstring is prose)."""',
        'TEXT = "{n} Einträge: {date}"',
    ],
)
def test_the_scan_leaves_markup_and_glue_alone(source: str):
    assert browser_code(source) == []


# --- our own files in static/ -----------------------------------------------------------------


def test_every_own_asset_exists_and_every_static_file_is_registered():
    registered = {a.file for a in assets.OWN_ASSETS}
    on_disk = {
        p.relative_to(assets.STATIC_DIR).as_posix()
        for folder in ("js", "css")
        for p in (assets.STATIC_DIR / folder).rglob("*")
        if p.is_file()
    }
    assert registered == on_disk
    assert all(a.kind == a.file.rsplit(".", 1)[1] for a in assets.OWN_ASSETS)


def test_asset_urls_put_own_files_after_the_vendored_ones():
    js, css = assets.asset_urls("/base/app/static", assets.MAP_ASSETS)
    assert js[0] == "/base/app/static/vendor/leaflet/leaflet.js"
    assert js[-1] == "/base/app/static/js/map.js"
    assert css[-1] == "/base/app/static/css/map.css"
    assert assets.asset_urls("/base/app/static")[0] == [u for u in js if "/vendor/" in u]


def test_inline_assets_add_own_files_after_the_vendored_ones():
    js, css = assets.inline_assets(assets.MAP_ASSETS)
    assert js.index("L.MarkerClusterGroup") < js.index(assets.asset_text(assets.MAP_JS))
    assert css.endswith(assets.asset_text(assets.MAP_CSS))


def test_map_js_needs_no_leaflet_to_load():
    """map.js loads in node (tests/js) without Leaflet: it reads L only inside EM.setup."""
    text = assets.asset_text(assets.MAP_JS)
    assert "module.exports = EM" in text
    assert text.count("root.L") == 1
    assert text.index("function setup(") < text.index("root.L")
    assert re.search(r"(?<![\w.])L\.", text.split("function setup(", 1)[0]) is None
