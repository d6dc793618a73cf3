"""Documentation keeps up with the code: every setting and every CLI command is in the README."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from equality_map.cli import build_parser

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text("utf-8")


def settings_in_code() -> list[str]:
    names: set[str] = set()
    for path in [*ROOT.glob("src/equality_map/*.py"), *ROOT.glob("pages/*.py"), ROOT / "app.py"]:
        names |= set(re.findall(r"EQUALITY_MAP_[A-Z_]+[A-Z]", path.read_text("utf-8")))
    return sorted(names)


def test_settings_are_found():
    assert "EQUALITY_MAP_DATA" in settings_in_code()


@pytest.mark.parametrize("name", settings_in_code())
def test_every_setting_is_documented(name: str):
    assert name in README, f"{name} is read by the code but not documented in README.md"


def commands() -> list[str]:
    parser = build_parser()
    sub = next(a for a in parser._actions if a.dest == "command")
    return sorted(sub.choices)  # type: ignore[arg-type]


@pytest.mark.parametrize("command", commands())
def test_every_cli_command_is_in_the_readme(command: str):
    assert f"equality-map {command} " in README


def test_readme_gives_exactly_the_two_commands():
    block = README.split("## Two commands", 1)[1].split("```sh", 1)[1].split("```", 1)[0]
    lines = [ln.split("#")[0].strip() for ln in block.strip().splitlines()]
    assert lines == ["make run", "make test"]
    assert "make test" in (ROOT / ".ci" / "run").read_text("utf-8")
