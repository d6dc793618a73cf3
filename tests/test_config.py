"""The config file gives defaults for EQUALITY_MAP_* settings; the environment wins."""

from __future__ import annotations

from pathlib import Path

import pytest

from equality_map.config import ConfigError, apply_config_file


def test_file_fills_unset_settings_and_env_wins(tmp_path: Path):
    (tmp_path / "equality-map.toml").write_text(
        'data = "/srv/daten.csv"\ntiles_url = "https://tiles.stadt.de/{z}/{x}/{y}.png"\n'
        "geocode_online = true\n",
        "utf-8",
    )
    env = {"EQUALITY_MAP_TILES_URL": "https://own.example/{z}/{x}/{y}.png"}
    applied = apply_config_file(env, tmp_path)
    assert env["EQUALITY_MAP_DATA"] == "/srv/daten.csv"
    assert env["EQUALITY_MAP_TILES_URL"] == "https://own.example/{z}/{x}/{y}.png"
    assert env["EQUALITY_MAP_GEOCODE_ONLINE"] == "true"
    assert set(applied) == {"EQUALITY_MAP_DATA", "EQUALITY_MAP_GEOCODE_ONLINE"}


def test_no_file_changes_nothing(tmp_path: Path):
    env: dict[str, str] = {}
    assert apply_config_file(env, tmp_path) == {}
    assert env == {}


@pytest.mark.parametrize(
    ("content", "fragment"),
    [
        ('data = "x.csv"\ndata = "y.csv"\n', "cannot read"),
        ("[tiles]\nurl = 1\n", "string or number"),
        ('admin_password = "geheim"\n', "must not be in a config file"),
    ],
)
def test_unusable_files_are_refused_with_the_reason(tmp_path: Path, content: str, fragment: str):
    path = tmp_path / "c.toml"
    path.write_text(content, "utf-8")
    env = {"EQUALITY_MAP_CONFIG": str(path)}
    with pytest.raises(ConfigError, match=fragment):
        apply_config_file(env, tmp_path)
    assert set(env) == {"EQUALITY_MAP_CONFIG"}


def test_named_file_must_exist(tmp_path: Path):
    with pytest.raises(ConfigError, match="no such file"):
        apply_config_file({"EQUALITY_MAP_CONFIG": str(tmp_path / "none.toml")}, tmp_path)


def test_cli_uses_the_config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    import subprocess
    import sys

    (tmp_path / "equality-map.toml").write_text('admin_password = "x"\n', "utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "equality_map", "validate", "nothing.csv"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "must not be in a config file" in result.stderr
