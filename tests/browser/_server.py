"""Helpers for the embed browser tests: a fake tile server, and the app server of conftest.

Both listen on 127.0.0.1 on free ports and are stopped by the caller. Readiness is polled
(health endpoint), never waited for with fixed sleeps.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from tests.browser.conftest import BLANK_TILE as _PNG
from tests.browser.conftest import CHROMIUM, CHROMIUM_ARGS, start_app
from tests.browser.conftest import ROOT as REPO

__all__ = ["CHROMIUM", "CHROMIUM_ARGS", "REPO", "AppServer", "streamlit_app", "tile_server"]


@dataclass
class TileServer:
    """A local stand-in for the configured tile server; records the paths requested."""

    port: int
    paths: list[str] = field(default_factory=list)

    @property
    def host(self) -> str:
        return f"127.0.0.1:{self.port}"

    @property
    def url_template(self) -> str:
        return f"http://{self.host}/tiles/{{z}}/{{x}}/{{y}}.png"


@contextmanager
def tile_server() -> Iterator[TileServer]:
    info = TileServer(port=0)

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server API
            info.paths.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Content-Length", str(len(_PNG)))
            self.send_header("Access-Control-Allow-Origin", "*")
            self.end_headers()
            self.wfile.write(_PNG)

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    info.port = int(server.server_address[1])
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield info
    finally:
        server.shutdown()
        server.server_close()


@dataclass
class AppServer:
    """Where the app listens (origin, host, port) and its log."""

    origin: str
    log: Path

    @property
    def host(self) -> str:
        return urlsplit(self.origin).netloc

    @property
    def port(self) -> int:
        return int(urlsplit(self.origin).port or 0)


@contextmanager
def streamlit_app(
    data: Path, tiles_url: str, log_dir: Path | None = None, timeout: float = 90
) -> Iterator[AppServer]:
    """`streamlit run app.py` (conftest.start_app) with the given data file and tile server."""
    with start_app(data, env={"EQUALITY_MAP_TILES_URL": tiles_url}) as app:
        yield AppServer(app.url, app.log)
