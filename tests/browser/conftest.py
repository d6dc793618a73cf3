"""Browser test infrastructure: a real `streamlit run` server and Debian chromium via Playwright.

Reusable fixtures (the embed and accessibility suites build on them):
- `start_app(data=..., env=...)`: context manager that starts the app on a free port, waits for
  /_stcore/health and yields an `AppServer` (base `url`); it stops the server afterwards.
- `app_server`: one server on tests/data/map_fixture.csv for the whole session.
- `browser`: Playwright chromium (/usr/bin/chromium); `page`: a fresh page that records console
  errors, page errors and every request URL, and serves blank tiles (no network here).
- `wait_for_map(page, count=None)`: the map frame once markers are built (the app's ready marker
  is `data-em-count` on the map iframe's body), no fixed sleeps.
Screenshots go to test-artifacts/ (gitignored; CI keeps them as artifacts).
"""

from __future__ import annotations

import base64
import contextlib
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FIXTURE = ROOT / "tests" / "data" / "map_fixture.csv"
ARTIFACTS = ROOT / "test-artifacts"
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
TILE_HOST = "tile.openstreetmap.org"
#: A 1x1 transparent PNG served for every tile request (the tests never reach the internet).
BLANK_TILE = base64.b64decode(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII="
)
START_TIMEOUT = 60.0


def free_port() -> int:
    """A TCP port that is free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class AppServer:
    """A running `streamlit run app.py`."""

    url: str
    process: subprocess.Popen[bytes]
    log: Path


def _wait_healthy(url: str, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with {process.returncode}:\n{log.read_text()}")
        try:
            with urllib.request.urlopen(url + "/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        # Poll interval while the server boots; the condition, not the sleep, ends the wait.
        time.sleep(0.2)
    raise TimeoutError(f"streamlit did not become healthy in {START_TIMEOUT}s:\n{log.read_text()}")


@contextlib.contextmanager
def start_app(
    data: Path = FIXTURE,
    env: dict[str, str] | None = None,
    script: str = "app.py",
    launcher: Sequence[str] = (sys.executable, "-m", "streamlit"),
    base_path: str = "",
) -> Iterator[AppServer]:
    """Start the app on a free port with `data` as data source; stop it on exit.

    `launcher` is the command before `run` (bench/viewer_bench.py passes its profiler);
    `base_path` is Streamlit's server.baseUrlPath (the app then lives below it)."""
    port = free_port()
    ARTIFACTS.mkdir(exist_ok=True)
    log = ARTIFACTS / f"streamlit-{port}.log"
    full_env = {
        **os.environ,
        "EQUALITY_MAP_DATA": str(data),
        "PYTHONPATH": os.pathsep.join([str(ROOT / "src"), os.environ.get("PYTHONPATH", "")]),
        **(env or {}),
    }
    cmd = [
        *launcher,
        "run",
        script,
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        "--browser.gatherUsageStats",
        "false",
        "--server.fileWatcherType",
        "none",
        *(["--server.baseUrlPath", base_path] if base_path else []),
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(cmd, cwd=ROOT, env=full_env, stdout=out, stderr=out)
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url + (f"/{base_path}" if base_path else ""), process, log)
        yield AppServer(url, process, log)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="session")
def app_server() -> Iterator[AppServer]:
    """The app on the test fixture data, shared by the session."""
    with start_app(FIXTURE) as server:
        yield server


@pytest.fixture(scope="session")
def browser():
    """Debian chromium through Playwright."""
    if not Path(CHROMIUM).exists():
        pytest.skip(f"{CHROMIUM} missing: run `make browser-deps`")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


@dataclass
class PageLog:
    """What a page did: console errors, uncaught errors, dialogs, requested URLs."""

    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    requests: list[str] = field(default_factory=list)


@pytest.fixture
def page(browser, request):
    """A fresh page (1400x1000) with blank tiles; `page.em_log` records what happened."""
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    pg = context.new_page()
    log = PageLog()
    pg.on("console", lambda m: log.console_errors.append(m.text) if m.type == "error" else None)
    pg.on("pageerror", lambda e: log.page_errors.append(str(e)))

    def on_dialog(dialog):
        log.dialogs.append(dialog.message)
        dialog.dismiss()

    pg.on("dialog", on_dialog)
    context.on("request", lambda r: log.requests.append(r.url))
    context.route(
        f"https://{TILE_HOST}/**",
        lambda route: route.fulfill(status=200, body=BLANK_TILE, content_type="image/png"),
    )
    pg.em_log = log
    yield pg
    ARTIFACTS.mkdir(exist_ok=True)
    with contextlib.suppress(Exception):
        pg.screenshot(path=str(ARTIFACTS / f"{request.node.name}.png"))
    context.close()


def wait_for_map(pg, count: int | None = None, timeout: float = 60_000):
    """The frame of the map once it shows entries (optionally exactly `count` of them)."""
    expr = "document.body && document.body.getAttribute('data-em-count')"
    deadline = time.monotonic() + timeout / 1000
    while time.monotonic() < deadline:
        for frame in pg.frames:
            with contextlib.suppress(Exception):
                value = frame.evaluate(expr)
                if value is not None and (count is None or int(value) == count):
                    return frame
        pg.wait_for_timeout(100)  # polling interval of the readiness check, not a fixed wait
    raise TimeoutError(f"map did not show {count if count is not None else 'any'} entries")


def foreign_hosts(pg, app_url: str) -> set[str]:
    """Hosts the page contacted besides the app's own origin and the configured tile host."""
    from urllib.parse import urlsplit

    own = urlsplit(app_url).netloc
    return {
        urlsplit(u).netloc
        for u in pg.em_log.requests
        if urlsplit(u).scheme in ("http", "https", "ws", "wss")
    } - {own, TILE_HOST}
