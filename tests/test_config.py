"""Settings: the environment and equality-map.toml, read once into a frozen object."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from equality_map.config import ConfigError, read_config_file
from equality_map.settings import DEFAULT_DATA, DEFAULT_TILES_URL, Settings


def test_file_fills_unset_settings_and_env_wins(tmp_path: Path):
    (tmp_path / "equality-map.toml").write_text(
        'data = "/srv/daten.csv"\ntiles_url = "https://tiles.stadt.de/{z}/{x}/{y}.png"\n'
        "geocode_online = true\n",
        "utf-8",
    )
    env = {"EQUALITY_MAP_TILES_URL": "https://own.example/{z}/{x}/{y}.png"}
    settings = Settings.from_env(env, tmp_path)
    assert settings.data == Path("/srv/daten.csv")
    assert settings.tiles_url == "https://own.example/{z}/{x}/{y}.png"
    assert settings.geocode_online is True
    assert env == {"EQUALITY_MAP_TILES_URL": "https://own.example/{z}/{x}/{y}.png"}  # untouched


def test_no_file_and_no_env_gives_the_defaults(tmp_path: Path):
    assert read_config_file({}, tmp_path) == {}
    settings = Settings.from_env({}, tmp_path)
    assert settings.data == DEFAULT_DATA
    assert settings.tiles_url == DEFAULT_TILES_URL
    assert settings.geocode_online is False
    assert settings.admin_password is None
    assert settings.history == DEFAULT_DATA.parent / ".history"


def test_settings_are_frozen():
    with pytest.raises(AttributeError):
        Settings().data = Path("x")  # type: ignore[misc]


def test_password_only_from_the_environment(tmp_path: Path):
    settings = Settings.from_env({"EQUALITY_MAP_ADMIN_PASSWORD": "geheim"}, tmp_path)
    assert settings.admin_password == "geheim"
    assert "geheim" not in repr(settings)


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
        Settings.from_env(env, tmp_path)


def test_named_file_must_exist(tmp_path: Path):
    with pytest.raises(ConfigError, match="no such file"):
        Settings.from_env({"EQUALITY_MAP_CONFIG": str(tmp_path / "none.toml")}, tmp_path)


def test_cli_uses_the_config_file(tmp_path: Path):
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


def test_no_module_reads_the_environment_itself():
    """One settings object: only settings.py (and the Streamlit glue's cache key) read env."""
    root = Path(__file__).resolve().parents[1] / "src" / "equality_map"
    readers = sorted(
        str(p.relative_to(root))
        for p in root.rglob("*.py")
        if "os.environ" in p.read_text("utf-8") or "getenv(" in p.read_text("utf-8")
    )
    assert readers == ["settings.py", "ui.py"] or readers == ["settings.py", "ui/shell.py"]


@pytest.mark.parametrize(
    ("value", "expected"),
    [("", "de"), ("en", "en"), (" DE ", "de"), ("fr", None), ("english", None)],
)
def test_publish_lang_is_de_or_en(tmp_path: Path, value: str, expected: str | None):
    env = {"EQUALITY_MAP_PUBLISH_LANG": value}
    if expected is None:
        with pytest.raises(ConfigError, match="EQUALITY_MAP_PUBLISH_LANG.*de or en"):
            Settings.from_env(env, tmp_path)
    else:
        assert Settings.from_env(env, tmp_path).publish_lang == expected
