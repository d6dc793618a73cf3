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
    code = "import equality_map.ui, sys; print('streamlit' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "True"
