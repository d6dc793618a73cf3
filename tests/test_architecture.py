"""Layering: the pure core never imports Streamlit (STYLE.md, rule 1)."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import equality_map


def core_modules() -> list[str]:
    return [
        f"equality_map.{m.name}"
        for m in pkgutil.iter_modules(equality_map.__path__)
        if m.name not in ("ui", "__main__")
    ]


def test_core_modules_do_not_import_streamlit():
    modules = core_modules()
    assert "equality_map.load" in modules
    assert len(modules) >= 6
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "print(sorted(m for m in sys.modules if m == 'streamlit' or m.startswith('streamlit.')))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def test_the_check_can_actually_fail():
    code = "import equality_map.ui.shell, sys; print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"


def test_core_subpackages_are_checked_too():
    """The i18n package is core (no Streamlit); the scan includes its modules."""
    code = (
        "import importlib, pkgutil, sys, equality_map.i18n as p\n"
        "[importlib.import_module(f'equality_map.i18n.{m.name}') for m in "
        "pkgutil.iter_modules(p.__path__)]\n"
        "print('streamlit' in sys.modules)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_module_and_page_sizes():
    """One job per module: no core or UI module over 500 lines, no page over 150 lines."""
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    too_big = [
        (str(p.relative_to(root)), n)
        for p in root.glob("src/equality_map/**/*.py")
        if (n := len(p.read_text("utf-8").splitlines())) > 500
    ]
    pages = [
        (str(p.relative_to(root)), n)
        for p in root.glob("pages/*.py")
        if (n := len(p.read_text("utf-8").splitlines())) > 150
    ]
    assert too_big == []
    assert pages == []
