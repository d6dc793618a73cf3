"""The config file: `equality-map.toml` gives defaults for the EQUALITY_MAP_* settings.

Environment variables always win; the file only fills what is not set. The file is found via
env EQUALITY_MAP_CONFIG, else `equality-map.toml` in the working directory. Example:

    data = "/srv/equality-map/facilities.csv"
    tiles_url = "https://sgx.geodatenzentrum.de/wmts_basemapde/tile/1.0.0/de_basemapde_web_raster_farbe/default/GLOBAL_WEBMERCATOR/{z}/{y}/{x}.png"
    public_url = "https://karte.stadt.de"

Keys are the setting names without the prefix, in lower case (`data` = EQUALITY_MAP_DATA).
`settings.Settings.from_env` reads this file and the environment once; nothing else does.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from pathlib import Path

PREFIX = "EQUALITY_MAP_"
CONFIG_ENV = "EQUALITY_MAP_CONFIG"
DEFAULT_FILE = "equality-map.toml"
#: Secrets do not belong in a config file that may be committed: use env or st.secrets.
NOT_IN_FILE = frozenset({"admin_password"})


class ConfigError(ValueError):
    """The config file cannot be used; the message says which file and what to fix."""


def config_path(env: Mapping[str, str], cwd: Path) -> Path | None:
    """The config file in use, or None when there is none."""
    named = env.get(CONFIG_ENV, "").strip()
    if named:
        path = Path(named)
        if not path.is_file():
            raise ConfigError(f"{CONFIG_ENV}={named}: no such file")
        return path
    path = cwd / DEFAULT_FILE
    return path if path.is_file() else None


def read_config_file(env: Mapping[str, str], cwd: Path) -> dict[str, str]:
    """The EQUALITY_MAP_* values the config file sets (as text); {} without a file."""
    path = config_path(env, cwd)
    if path is None:
        return {}
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ConfigError(f"{path}: cannot read the config file ({exc})") from exc
    values: dict[str, str] = {}
    for key, value in data.items():
        if key in NOT_IN_FILE:
            raise ConfigError(
                f"{path}: '{key}' must not be in a config file; set {PREFIX}{key.upper()} "
                "in the environment or in .streamlit/secrets.toml"
            )
        if not isinstance(value, str | int | float | bool):
            raise ConfigError(f"{path}: '{key}' must be a string or number, not a table/list")
        values[PREFIX + key.upper()] = str(value).lower() if isinstance(value, bool) else str(value)
    return values


def merged_environment(env: Mapping[str, str], cwd: Path) -> dict[str, str]:
    """The environment with the config file's values filled in where env has none."""
    return {**read_config_file(env, cwd), **env}
