"""All EQUALITY_MAP_* settings, read once into a frozen object that is passed down.

`Settings.from_env()` merges the environment and the config file (`config.py`; env wins) and
validates what it can; every module that needs a setting takes it as a parameter, so tests
build a `Settings(...)` directly and no module reads `os.environ` itself.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path

from equality_map import config

APP_ROOT = Path(__file__).resolve().parents[2]
DATA_DIR = APP_ROOT / "data"
DEFAULT_DATA = DATA_DIR / "facilities.csv"

DEFAULT_TILES_URL = "https://tile.openstreetmap.org/{z}/{x}/{y}.png"
DEFAULT_TILES_ATTRIBUTION = (
    '&copy; <a href="https://www.openstreetmap.org/copyright">OpenStreetMap</a>-Mitwirkende'
)
PUBLIC_NOMINATIM = "nominatim.openstreetmap.org"
_TRUE = ("1", "true", "yes", "on", "ja")

#: Every setting: environment name -> what it does (the README documents each one).
ENV_NAMES: dict[str, str] = {
    "EQUALITY_MAP_CONFIG": "config file with defaults for the settings below",
    "EQUALITY_MAP_DATA": "the data source (CSV or XLSX)",
    "EQUALITY_MAP_HISTORY_DIR": "earlier versions and the change log of the data source",
    "EQUALITY_MAP_SURVEYS": "which areas were surveyed for which services (surveys.csv)",
    "EQUALITY_MAP_TILES_URL": "tile server URL template",
    "EQUALITY_MAP_TILES_ATTRIBUTION": "attribution of the tile server",
    "EQUALITY_MAP_PUBLIC_URL": "public address of the app (embed snippets)",
    "EQUALITY_MAP_CONTACT": "e-mail address or web page for corrections (About page, exports)",
    "EQUALITY_MAP_PUBLISH_DIR": "folder of the static site, rebuilt after every save",
    "EQUALITY_MAP_STATIC_URL": "public address of that static site (embed snippets, sitemap)",
    "EQUALITY_MAP_GEOCODE_CACHE": "geocode cache file",
    "EQUALITY_MAP_GEOCODE_ONLINE": "allow the online geocoder in the CLI",
    "EQUALITY_MAP_NOMINATIM_DOMAIN": "Nominatim server",
    "EQUALITY_MAP_NOMINATIM_SCHEME": "http or https",
    "EQUALITY_MAP_USER_AGENT": "identifying user agent for Nominatim",
    "EQUALITY_MAP_ADMIN_PASSWORD": "maintainer password (environment or secrets.toml only)",
}


def _text(env: Mapping[str, str], name: str) -> str:
    return env.get(name, "").strip()


_EMAIL = re.compile(r"^[^@\s<>\"']+@[^@\s<>\"']+\.[A-Za-z]{2,}$")


def contact_href(value: str) -> str:
    """The link of the corrections contact: mailto: for an address, else an http(s) page.

    Raises config.ConfigError for anything else (a link must never be javascript: or a path).
    """
    text = value.strip()
    if not text:
        return ""
    if text.lower().startswith("mailto:"):
        text = text[7:]
    if _EMAIL.match(text):
        return "mailto:" + text
    if re.match(r"^https?://[^\s<>\"']+$", text, re.IGNORECASE):
        return text
    raise config.ConfigError(
        f"EQUALITY_MAP_CONTACT: {value!r} is neither an e-mail address (gleichstellung@stadt.de) "
        "nor an http(s) address (https://www.stadt.de/kontakt)"
    )


def _publish_lang(value: str) -> str:
    """EQUALITY_MAP_PUBLISH_LANG: "de" (default) or "en" (raises config.ConfigError)."""
    text = value.strip().lower() or "de"
    if text not in ("de", "en"):
        raise config.ConfigError(
            f"EQUALITY_MAP_PUBLISH_LANG: {value!r} is not a site language; use de or en"
        )
    return text


def default_geocode_cache(env: Mapping[str, str]) -> Path:
    """$EQUALITY_MAP_GEOCODE_CACHE, else equality-map/geocode.sqlite in the user cache dir."""
    named = _text(env, "EQUALITY_MAP_GEOCODE_CACHE")
    if named:
        return Path(named).expanduser()
    base = Path(env.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "equality-map" / "geocode.sqlite"


@dataclass(frozen=True)
class Settings:
    """What the operator configured; defaults make the app run on the bundled data."""

    data: Path = DEFAULT_DATA
    history_dir: Path | None = None
    surveys: Path = DATA_DIR / "surveys.csv"
    tiles_url: str = DEFAULT_TILES_URL
    tiles_attribution: str = DEFAULT_TILES_ATTRIBUTION
    public_url: str = ""
    contact: str = ""
    publish_dir: Path | None = None
    static_url: str = ""
    #: Language of the published static site; the public face does not follow whoever saved.
    publish_lang: str = "de"
    geocode_cache: Path = field(default_factory=lambda: default_geocode_cache({}))
    geocode_online: bool = False
    nominatim_domain: str = PUBLIC_NOMINATIM
    nominatim_scheme: str = "https"
    user_agent: str = ""
    admin_password: str | None = field(default=None, repr=False)

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, cwd: Path | None = None) -> Settings:
        """Read the environment and the config file once (raises config.ConfigError)."""
        raw = config.merged_environment(os.environ if env is None else env, cwd or Path.cwd())
        history = _text(raw, "EQUALITY_MAP_HISTORY_DIR")
        publish = _text(raw, "EQUALITY_MAP_PUBLISH_DIR")
        password = (env if env is not None else os.environ).get("EQUALITY_MAP_ADMIN_PASSWORD", "")
        return cls(
            data=Path(_text(raw, "EQUALITY_MAP_DATA") or DEFAULT_DATA),
            history_dir=Path(history) if history else None,
            surveys=Path(_text(raw, "EQUALITY_MAP_SURVEYS") or DATA_DIR / "surveys.csv"),
            tiles_url=_text(raw, "EQUALITY_MAP_TILES_URL") or DEFAULT_TILES_URL,
            tiles_attribution=_text(raw, "EQUALITY_MAP_TILES_ATTRIBUTION")
            or DEFAULT_TILES_ATTRIBUTION,
            public_url=_text(raw, "EQUALITY_MAP_PUBLIC_URL"),
            contact=contact_href(_text(raw, "EQUALITY_MAP_CONTACT")),
            publish_dir=Path(publish)
            if (publish := _text(raw, "EQUALITY_MAP_PUBLISH_DIR"))
            else None,
            static_url=_text(raw, "EQUALITY_MAP_STATIC_URL"),
            publish_lang=_publish_lang(_text(raw, "EQUALITY_MAP_PUBLISH_LANG")),
            geocode_cache=default_geocode_cache(raw),
            geocode_online=_text(raw, "EQUALITY_MAP_GEOCODE_ONLINE").lower() in _TRUE,
            nominatim_domain=_text(raw, "EQUALITY_MAP_NOMINATIM_DOMAIN") or PUBLIC_NOMINATIM,
            nominatim_scheme=_text(raw, "EQUALITY_MAP_NOMINATIM_SCHEME") or "https",
            user_agent=_text(raw, "EQUALITY_MAP_USER_AGENT"),
            admin_password=password if password.strip() else None,
        )

    def with_(self, **changes: object) -> Settings:
        """A copy with some settings changed (tests, CLI options)."""
        return replace(self, **changes)  # type: ignore[arg-type]

    @property
    def history(self) -> Path:
        """The history directory: configured, else `<data dir>/.history`."""
        return self.history_dir or self.data.parent / ".history"
