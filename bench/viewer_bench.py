"""Server cost per viewer: CPU seconds and memory of `streamlit run app.py` per new session.

A browser-free load generator speaks Streamlit's own WebSocket protocol: it connects to
/_stcore/stream, sends the `rerun_script` BackMsg a browser sends when a page opens (built
with the protobuf classes that ship with Streamlit) and reads ForwardMsgs until the script
has finished. For each N it starts a fresh server on EQUALITY_MAP_DATA = N demo entries,
warms it with one viewer (data loaded and prepared), then opens N viewers at once and keeps
them open while it reads the server's CPU time (utime + stime of /proc/<pid>/stat) and RSS.

    python bench/viewer_bench.py [--rows 5000] [--viewers 1,5,10,20,40] [--query "lang=en"]
    python bench/viewer_bench.py --viewers 20 --profile bench/out/profile  # cProfile
    python bench/viewer_bench.py --viewers 1,5,10,20 --browser  # headless Chromium viewers

With --profile the server runs under bench/profiled_server.py, which profiles every script run
(the app's own code, in the script thread) and writes the merged statistics at the end. The
socket viewers leave out what a browser fetches besides the WebSocket (Streamlit's JS, the
map's static files); --browser opens real Chromium pages instead (tiles blank), so the server
also serves those: the figure a deployment sees.
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from streamlit_client import VIEWER_TIMEOUT, Page, open_stream, read_first_page

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.browser.conftest import start_app  # noqa: E402

OUT = ROOT / "bench" / "out"
BIN = Path(sys.executable).parent
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
PAGE_SIZE = os.sysconf("SC_PAGE_SIZE")


def cpu_seconds(pid: int) -> float:
    """User + system CPU time of the process (all its threads) so far."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS  # utime, stime


def rss_mb(pid: int) -> float:
    """Resident set size of the process in MB (10^6 bytes)."""
    pages = int(Path(f"/proc/{pid}/statm").read_text().split()[1])
    return pages * PAGE_SIZE / 1e6


def demo_data(rows: int) -> Path:
    """`equality-map demo-data --rows N` into bench/out/ (made once per N)."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"viewers-{rows}.csv"
    if not path.exists():
        cli = BIN / "equality-map"
        subprocess.run(
            [str(cli), "demo-data", "--rows", str(rows), "--output", str(path)], check=True
        )
    return path


@dataclass
class Server:
    """A running app server: its origin, process id, base path and the page viewers open."""

    origin: str
    pid: int
    base_path: str = ""
    page_url: str = ""


@contextlib.contextmanager
def app_server(data: Path, profile: Path | None = None, nginx: bool = False) -> Iterator[Server]:
    """`streamlit run app.py` on a free port with `data` (tests' start_app); stopped on exit.

    With `nginx`, the app runs below /app/ behind Debian nginx with deploy/nginx's
    configuration (tests/nginx_site.py), and viewers open https://.../app/ there."""
    env: dict[str, str] = {}
    launcher: list[str] = [sys.executable, "-m", "streamlit"]
    if profile is not None:
        env["EQUALITY_MAP_BENCH_PROFILE"] = str(profile)
        launcher = [sys.executable, str(ROOT / "bench" / "profiled_server.py")]
    with start_app(data, env=env, launcher=launcher, base_path="app" if nginx else "") as app:
        if not nginx:
            yield Server(app.url, app.process.pid, "", app.url + "/")
            return
        from tests.nginx_site import configure

        with tempfile.TemporaryDirectory(prefix="viewer-bench-nginx-") as folder:
            site = Path(folder) / "site"
            site.mkdir()
            port = int(app.url.rsplit(":", 1)[1])
            with configure(Path(folder), site, [port]).serve() as proxy:
                yield Server(app.url, app.process.pid, "/app", proxy.origin + "/app/")


async def open_viewer(
    server: Server, query: str, read: asyncio.Queue[Page | BaseException], hold: asyncio.Event
) -> None:
    """Connect, ask for the page and read it to the end (put on `read`); stay until `hold`."""
    try:
        async with open_stream(server.origin, server.base_path) as ws:
            page_url = server.origin + server.base_path + "/"
            await read.put(await read_first_page(ws, page_url, query))
            await hold.wait()  # the session stays open (and in the server's memory) meanwhile
    except Exception as exc:  # noqa: BLE001 - handed to the round, which stops the bench
        await read.put(exc)


def settle(pid: int, quiet: float = 0.5, limit: float = 30.0) -> float:
    """CPU seconds once the server has been idle for `quiet` seconds (sends may trail)."""
    deadline = time.monotonic() + limit
    last = cpu_seconds(pid)
    while time.monotonic() < deadline:
        time.sleep(quiet)
        now = cpu_seconds(pid)
        if now - last < 0.02:
            return now
        last = now
    return last


@dataclass
class Round:
    """Figures of N concurrent viewers on a warm server."""

    viewers: int
    cpu: float  # server CPU seconds for the N new viewers
    rss_before: float  # MB, warm server before they came
    rss_open: float  # MB, with the N sessions open
    wall: float  # seconds until the last page was complete
    view: Page  # one of the pages, as received


async def _round(server: Server, n: int, query: str) -> Round:
    hold = asyncio.Event()
    read: asyncio.Queue[Page | BaseException] = asyncio.Queue()
    cpu0 = settle(server.pid)
    rss0 = rss_mb(server.pid)
    start = time.perf_counter()
    tasks = [asyncio.create_task(open_viewer(server, query, read, hold)) for _ in range(n)]
    try:
        views = []
        for _ in range(n):
            item = await asyncio.wait_for(read.get(), VIEWER_TIMEOUT)
            if isinstance(item, BaseException):
                raise item
            views.append(item)
        wall = time.perf_counter() - start
        cpu1 = await asyncio.to_thread(settle, server.pid)
        rss1 = rss_mb(server.pid)
    finally:
        hold.set()
        await asyncio.gather(*tasks, return_exceptions=True)
    return Round(n, cpu1 - cpu0, rss0, rss1, wall, views[0])


def run_round(server: Server, n: int, query: str) -> Round:
    """N viewers at once on `server`; CPU and RSS read while their sessions are open."""
    return asyncio.run(_round(server, n, query))


def browser_round(server: Server, n: int, query: str) -> Round:
    """N headless Chromium viewers at once (Debian chromium, one context each, blank tiles):
    everything a visitor's browser asks the server for, Streamlit's own scripts and the map's
    static files included. Complete when every page's map shows its entries."""
    from playwright.sync_api import sync_playwright

    from tests.browser.conftest import BLANK_TILE, CHROMIUM, CHROMIUM_ARGS, TILE_HOST, wait_for_map

    url = server.page_url + (f"?{query}" if query else "")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            pages = []
            for _ in range(n):
                context = browser.new_context(
                    viewport={"width": 1400, "height": 1000},
                    ignore_https_errors=True,  # nginx on loopback: a self-signed certificate
                )
                context.route(
                    f"https://{TILE_HOST}/**",
                    lambda route: route.fulfill(body=BLANK_TILE, content_type="image/png"),
                )
                pages.append(context.new_page())
            cpu0 = settle(server.pid)
            rss0 = rss_mb(server.pid)
            start = time.perf_counter()
            for page in pages:  # each returns once the request is sent: all load at once
                page.goto(url, wait_until="commit")
            for page in pages:
                wait_for_map(page, timeout=VIEWER_TIMEOUT * 1000)
            wall = time.perf_counter() - start
            cpu1 = settle(server.pid)
            rss1 = rss_mb(server.pid)
        finally:
            browser.close()
    return Round(n, cpu1 - cpu0, rss0, rss1, wall, Page(seconds=wall))


def report_profile(folder: Path, before: set[Path], top: int) -> None:
    """Merge the round's script runs (not the warm-up's) into folder/round.prof; print the top."""
    import pstats

    runs = sorted(set(folder.glob("run-*.prof")) - before)
    if not runs:
        print("no profiled script runs", file=sys.stderr)
        return
    stats = pstats.Stats(str(runs[0]), stream=sys.stderr)
    for run in runs[1:]:
        stats.add(str(run))
    stats.dump_stats(folder / "round.prof")
    print(f"\n{len(runs)} script runs profiled: {folder / 'round.prof'}", file=sys.stderr)
    stats.sort_stats("cumulative").print_stats(top)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=5000, help="demo entries (default 5000)")
    parser.add_argument("--viewers", default="1,5,10,20,40", help="N per round, comma-separated")
    parser.add_argument("--query", default="", help='the page address\'s query, e.g. "lang=en"')
    parser.add_argument(
        "--profile", type=Path, help="cProfile the last round's script runs into this folder"
    )
    parser.add_argument("--profile-top", type=int, default=40, help="functions listed")
    parser.add_argument(
        "--browser", action="store_true", help="viewers are headless Chromium pages, not sockets"
    )
    parser.add_argument(
        "--nginx", action="store_true", help="the app below /app/ behind deploy/nginx (loopback)"
    )
    args = parser.parse_args()
    counts = [int(v) for v in args.viewers.split(",") if v.strip()]
    if args.profile:
        for old in args.profile.glob("run-*.prof"):
            old.unlink()
    data = demo_data(args.rows)
    rows = []
    for n in counts:
        profile = args.profile if args.profile and n == counts[-1] else None
        with app_server(data, profile, nginx=args.nginx) as server:
            # the first viewer prepares the data (and, in a browser, fills nginx's cache)
            warm = (browser_round if args.browser else run_round)(server, 1, args.query)
            settle(server.pid)  # the warm-up's profile is written after its page is sent
            before = set(profile.glob("run-*.prof")) if profile else set()
            if args.browser:
                result = browser_round(server, n, args.query)
            else:
                result = run_round(server, n, args.query)
            rows.append((result, warm.cpu))
        page = (
            ""  # a browser's page is many requests; the socket viewer counts its messages
            if args.browser
            else f"; a page: {result.view.bytes / 1e3:,.0f} kB in {result.view.messages} "
            f"messages, {result.view.elements} elements"
        )
        print(
            f"  {n:>3} viewers: {result.cpu:6.2f} s CPU, {result.wall:6.2f} s wall{page}",
            file=sys.stderr,
        )
        if profile is not None:
            report_profile(profile, before, args.profile_top)
    print(f"\n{args.rows:,} demo entries, query {args.query or '(none)'!r}, {os.cpu_count()} cores")
    print(
        f"{'viewers':>7} {'CPU s total':>12} {'CPU s/viewer':>13} {'RSS MB':>8} "
        f"{'MB/session':>11} {'wall s':>7}"
    )
    for result, _first in rows:
        per_mb = (result.rss_open - result.rss_before) / result.viewers
        print(
            f"{result.viewers:>7} {result.cpu:>12.2f} {result.cpu / result.viewers:>13.3f} "
            f"{result.rss_open:>8.0f} {per_mb:>11.2f} {result.wall:>7.2f}"
        )
    first_view = rows[0][1]
    print(f"first viewer of a fresh server (reads and prepares the data): {first_view:.2f} s CPU")


if __name__ == "__main__":
    main()
