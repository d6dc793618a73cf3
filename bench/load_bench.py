"""Load behind nginx: the published site under many clients, and the app with 1 vs 2 processes.

Part 1, the static site: `equality-map demo-data` writes N demo entries, `equality-map publish`
builds the site, and Debian nginx serves it with deploy/nginx/equality-map.conf as shipped
(tests/nginx_site.py renders it for loopback with a self-signed certificate). C concurrent
aiohttp clients (HTTPS, keep-alive, gzip accepted as browsers do, bodies read but not
decompressed) ask for one municipality's embed page and then for the index page, for a fixed
time each: requests/s, p50 and p99 latency, and the CPU seconds nginx spent per request.

Part 2, the app: 1 and then 2 `streamlit run app.py --server.baseUrlPath app` processes behind
the same configuration's upstream. V headless viewers open the app at once through nginx, as a
browser does: GET /app/ (which sets the em_route cookie), then the WebSocket
/app/_stcore/stream with that cookie, the `rerun_script` BackMsg and ForwardMsgs until the
script has finished (Streamlit's protocol, as in the viewer bench). Viewers per second = V /
the time until the last first page was complete.

Client, nginx and app share this machine's cores, so the figures are a lower bound of what the
server alone would do; nginx's CPU seconds per request say what a core of it costs.

    python bench/load_bench.py [--rows 5000] [--duration 10] [--clients 20,50,100]
                               [--viewers 40] [--processes 1,2] [--skip-static] [--skip-app]
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gzip
import json
import multiprocessing
import os
import re
import ssl
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path

import aiohttp

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from streamlit_client import Page, ViewerError, open_stream, read_first_page  # noqa: E402

from tests.nginx_site import Nginx, configure, free_port  # noqa: E402

OUT = ROOT / "bench" / "out"
BIN = Path(sys.executable).parent
CLOCK_TICKS = os.sysconf("SC_CLK_TCK")
APP_START_TIMEOUT = 120.0


# --- data and site ----------------------------------------------------------------------------


def demo_data(rows: int) -> Path:
    """`equality-map demo-data --rows N` into bench/out/ (made once per N)."""
    OUT.mkdir(parents=True, exist_ok=True)
    path = OUT / f"load-{rows}.csv"
    if not path.exists():
        subprocess.run(
            [str(BIN / "equality-map"), "demo-data", "--rows", str(rows), "--output", str(path)],
            check=True,
        )
    return path


def publish_site(data: Path, folder: Path) -> Path:
    """`equality-map publish DATA --output FOLDER/site`; the site folder."""
    site = folder / "site"
    subprocess.run(
        [str(BIN / "equality-map"), "publish", str(data), "--output", str(site)],
        check=True,
        capture_output=True,
    )
    return site


def busiest_municipality(site: Path) -> str:
    """The site path of the municipality page with the most entries (its largest page)."""
    pages = sorted((site / "gemeinde").glob("*.html"), key=lambda p: p.stat().st_size)
    return f"gemeinde/{pages[-1].name}"


def asset_paths(page: str) -> list[str]:
    """Site paths of the hashed files a page loads (scripts, styles)."""
    refs = re.findall(r'(?:src|href)="((?:\.\./)*assets/[^"]+)"', page)
    return sorted({r.lstrip("./") for r in refs})


def sizes(site: Path, path: str) -> dict[str, int]:
    """Bytes of FILE and of its FILE.gz (what goes over the wire to browsers)."""
    file = site / path
    packed = file.with_name(file.name + ".gz")
    raw = file.stat().st_size
    return {"bytes": raw, "gzip": packed.stat().st_size if packed.exists() else raw}


# --- CPU of nginx -----------------------------------------------------------------------------


def nginx_cpu(server: Nginx) -> float:
    """User + system CPU seconds of nginx's master and workers so far."""
    master = int((server.folder / "nginx.pid").read_text().strip())
    total = 0.0
    for stat in Path("/proc").glob("[0-9]*/stat"):
        with contextlib.suppress(OSError):
            fields = stat.read_text().rsplit(")", 1)[1].split()
            pid = int(stat.parent.name)
            if pid == master or int(fields[1]) == master:  # fields[1]: parent pid
                total += (int(fields[11]) + int(fields[12])) / CLOCK_TICKS
    return total


# --- part 1: the static site ------------------------------------------------------------------


@dataclass
class StaticRound:
    """Figures of C clients asking for one path for a while."""

    path: str
    clients: int
    seconds: float
    requests: int
    errors: int
    requests_per_s: float
    p50_ms: float
    p99_ms: float
    nginx_cpu_ms_per_request: float
    response_bytes: int


def percentile(sorted_values: Sequence[float], q: float) -> float:
    """The q-quantile (0..1) of sorted values, nearest rank."""
    if not sorted_values:
        return float("nan")
    rank = max(0, min(len(sorted_values) - 1, round(q * len(sorted_values)) - 1))
    return sorted_values[rank]


async def _hammer(url: str, clients: int, duration: float) -> tuple[list[float], int, int, float]:
    """C clients in a loop for `duration` s: latencies (s), errors, bytes of a response and
    the seconds from the start until the last client stopped."""
    connector = aiohttp.TCPConnector(limit=clients, ssl=False)
    headers = {"Accept-Encoding": "gzip, deflate, br"}  # as browsers send it
    latencies: list[float] = []
    errors = 0
    body_size = 0
    async with aiohttp.ClientSession(
        connector=connector, auto_decompress=False, cookie_jar=aiohttp.DummyCookieJar()
    ) as session:
        # Every client opens its connection (TLS handshake) before the clock starts.
        async def one() -> int:
            async with session.get(url, headers=headers) as response:
                return len(await response.read())

        body_size = (await asyncio.gather(*(one() for _ in range(clients))))[0]
        began = time.perf_counter()
        stop = began + duration

        async def client() -> None:
            nonlocal errors
            while time.perf_counter() < stop:
                start = time.perf_counter()
                try:
                    async with session.get(url, headers=headers) as response:
                        await response.read()
                        ok = response.status == 200
                except aiohttp.ClientError:
                    ok = False
                if ok:
                    latencies.append(time.perf_counter() - start)
                else:
                    errors += 1

        await asyncio.gather(*(client() for _ in range(clients)))
        elapsed = time.perf_counter() - began
    return latencies, errors, body_size, elapsed


def _hammer_process(url: str, clients: int, duration: float) -> tuple[list[float], int, int, float]:
    return asyncio.run(_hammer(url, clients, duration))


def static_round(
    server: Nginx, path: str, clients: int, duration: float, processes: int
) -> StaticRound:
    """C clients spread over `processes` client processes (one Python process tops out at
    about one core of TLS and HTTP parsing, less than nginx can serve)."""
    cpu0 = nginx_cpu(server)
    url = f"{server.origin}/{path}"
    shares = [clients // processes + (i < clients % processes) for i in range(processes)]
    with ProcessPoolExecutor(processes, mp_context=multiprocessing.get_context("fork")) as pool:
        parts = list(pool.map(_hammer_process, [url] * processes, shares, [duration] * processes))
    latencies = [x for part in parts for x in part[0]]
    errors = sum(part[1] for part in parts)
    body = parts[0][2]
    seconds = max(part[3] for part in parts)
    # Includes the C warm-up requests and their TLS handshakes (a small share of a round).
    cpu = nginx_cpu(server) - cpu0
    total = len(latencies) + errors + clients
    latencies.sort()
    return StaticRound(
        path=path,
        clients=clients,
        seconds=round(seconds, 2),
        requests=len(latencies),
        errors=errors,
        requests_per_s=round(len(latencies) / seconds, 1),
        p50_ms=round(percentile(latencies, 0.50) * 1000, 2),
        p99_ms=round(percentile(latencies, 0.99) * 1000, 2),
        nginx_cpu_ms_per_request=round(cpu * 1000 / max(total, 1), 3),
        response_bytes=body,
    )


def check_gzip_static(server: Nginx, site: Path, path: str) -> None:
    """The page really goes out as its .gz copy (else the bench would measure something else)."""
    context = ssl._create_unverified_context()  # noqa: S323 - loopback, self-signed
    request = urllib.request.Request(f"{server.origin}/{path}", headers={"Accept-Encoding": "gzip"})
    with urllib.request.urlopen(request, context=context, timeout=10) as response:
        body = response.read()
        encoding = response.headers.get("Content-Encoding")
    packed = (site / (path + ".gz")).read_bytes()
    if encoding != "gzip" or body != packed:
        raise RuntimeError(f"{path} is not served from its .gz copy ({encoding=})")
    if gzip.decompress(body) != (site / path).read_bytes():
        raise RuntimeError(f"{path}.gz is not {path}")


# --- part 2: the app --------------------------------------------------------------------------


@dataclass
class App:
    port: int
    pid: int


@contextlib.contextmanager
def app_processes(count: int, data: Path, logs: Path) -> Iterator[list[App]]:
    """`count` app processes on free ports with baseUrlPath app; stopped on exit."""
    env = {**os.environ, "EQUALITY_MAP_DATA": str(data)}
    started: list[tuple[int, subprocess.Popen[bytes], Path]] = []
    try:
        for _ in range(count):
            port = free_port()
            log = logs / f"app-{port}.log"
            cmd = [sys.executable, "-m", "streamlit", "run", "app.py"]
            cmd += ["--server.port", str(port), "--server.address", "127.0.0.1"]
            cmd += ["--server.headless", "true", "--server.baseUrlPath", "app"]
            cmd += ["--browser.gatherUsageStats", "false", "--server.fileWatcherType", "none"]
            with log.open("wb") as out:
                process = subprocess.Popen(cmd, cwd=ROOT, env=env, stdout=out, stderr=out)
            started.append((port, process, log))
        for port, process, log in started:
            _wait_healthy(port, process, log)
        yield [App(port, process.pid) for port, process, _ in started]
    finally:
        for _, process, _ in started:
            process.terminate()
        for _, process, _ in started:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_healthy(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + APP_START_TIMEOUT
    url = f"http://127.0.0.1:{port}/app/_stcore/health"
    while True:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited:\n{log.read_text()}")
        with contextlib.suppress(OSError), urllib.request.urlopen(url, timeout=2) as resp:
            if resp.status == 200:
                return
        if time.monotonic() > deadline:
            raise TimeoutError(f"streamlit not healthy in {APP_START_TIMEOUT} s: {log}")
        time.sleep(0.2)  # poll interval while the server boots


async def first_page(
    http: aiohttp.ClientSession | None, origin: str, tls: ssl.SSLContext | None
) -> Page:
    """One viewer: GET /app/ (the routing cookie, through nginx), then the page over the
    WebSocket until the script has finished; `seconds` counts from the GET."""
    start = time.perf_counter()
    headers: dict[str, str] = {}
    if http is not None:
        async with http.get(origin + "/app/", ssl=False) as response:
            await response.read()
            if response.status != 200:
                raise ViewerError(f"GET /app/: {response.status}")
            cookie = response.cookies.get("em_route")
            if cookie is None:
                raise ViewerError("nginx set no em_route cookie")
            headers["Cookie"] = f"em_route={cookie.value}"
    async with open_stream(origin, "/app", headers, tls) as ws:
        page = await read_first_page(ws, origin + "/app/")
    page.seconds = time.perf_counter() - start
    return page


@dataclass
class AppRound:
    processes: int
    viewers: int
    wall_s: float
    viewers_per_s: float
    p50_s: float
    p99_s: float
    page_kb: float
    app_cpu_s: list[float]  # CPU seconds each process spent on the V viewers


def process_cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK_TICKS


async def _viewers(server: Nginx, apps: list[App], count: int) -> AppRound:
    tls = ssl._create_unverified_context()  # noqa: S323 - loopback, self-signed
    # Warm every process directly (the first viewer of a process reads and prepares the data).
    await asyncio.gather(*(first_page(None, f"http://127.0.0.1:{a.port}", None) for a in apps))
    cpu0 = [process_cpu(a.pid) for a in apps]
    async with aiohttp.ClientSession(
        cookie_jar=aiohttp.DummyCookieJar(), timeout=aiohttp.ClientTimeout(total=120)
    ) as http:
        start = time.perf_counter()
        views = await asyncio.gather(*(first_page(http, server.origin, tls) for _ in range(count)))
        wall = time.perf_counter() - start
    cpu = [round(process_cpu(a.pid) - c, 1) for a, c in zip(apps, cpu0, strict=True)]
    seconds = sorted(v.seconds for v in views)
    return AppRound(
        processes=len(apps),
        viewers=count,
        wall_s=round(wall, 2),
        viewers_per_s=round(count / wall, 2),
        p50_s=round(percentile(seconds, 0.5), 2),
        p99_s=round(percentile(seconds, 0.99), 2),
        page_kb=round(views[0].bytes / 1e3, 1),
        app_cpu_s=cpu,
    )


def app_round(data: Path, processes: int, viewers: int, folder: Path, site: Path) -> AppRound:
    with app_processes(processes, data, folder) as apps:
        nginx_folder = folder / f"nginx-app-{processes}"
        nginx_folder.mkdir()
        server = configure(nginx_folder, site, [a.port for a in apps])
        with server.serve():
            return asyncio.run(_viewers(server, apps, viewers))


# --- main -------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", type=int, default=5000, help="demo entries (default 5000)")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds per static round")
    parser.add_argument("--clients", default="20,50,100", help="concurrent clients per round")
    parser.add_argument(
        "--client-processes", type=int, default=2, help="processes the static clients run in"
    )
    parser.add_argument("--viewers", type=int, default=40, help="app viewers at once")
    parser.add_argument("--processes", default="1,2", help="app processes per app round")
    parser.add_argument("--skip-static", action="store_true")
    parser.add_argument("--skip-app", action="store_true")
    args = parser.parse_args()
    clients = [int(c) for c in args.clients.split(",") if c.strip()]
    processes = [int(p) for p in args.processes.split(",") if p.strip()]

    data = demo_data(args.rows)
    report: dict[str, object] = {
        "rows": args.rows,
        "cores": os.cpu_count(),
        "duration_s": args.duration,
        "client_processes": args.client_processes,
    }
    with tempfile.TemporaryDirectory(prefix="load-bench-") as tmp:
        folder = Path(tmp)
        start = time.perf_counter()
        site = publish_site(data, folder)
        print(f"published {args.rows:,} demo entries in {time.perf_counter() - start:.1f} s")
        embed = busiest_municipality(site)
        index = (site / "index.html").read_text("utf-8")
        outlines = sorted(str(p.relative_to(site)) for p in site.glob("assets/*.geojson"))
        paths = [embed, "index.html", *asset_paths(index), *outlines]
        files = {p: sizes(site, p) for p in paths}
        report["sizes"] = files
        print(f"\n{'file':<44} {'bytes':>10} {'gzip':>10}")
        for path, size in files.items():
            print(f"{path:<44} {size['bytes']:>10,} {size['gzip']:>10,}")

        if not args.skip_static:
            nginx_folder = folder / "nginx-static"
            nginx_folder.mkdir()
            server = configure(nginx_folder, site)
            rounds: list[StaticRound] = []
            with server.serve():
                check_gzip_static(server, site, embed)
                for path in (embed, "index.html"):
                    for c in clients:
                        r = static_round(server, path, c, args.duration, args.client_processes)
                        rounds.append(r)
                        print(
                            f"  {path} x{c}: {r.requests_per_s:,.0f} req/s "
                            f"p50 {r.p50_ms} ms p99 {r.p99_ms} ms",
                            file=sys.stderr,
                        )
            report["static"] = [asdict(r) for r in rounds]
            print(f"\nstatic site, nginx with the shipped conf, {args.duration:g} s per round")
            print(
                f"{'path':<26} {'clients':>7} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} "
                f"{'errors':>6} {'nginx CPU ms/req':>16} {'bytes':>8}"
            )
            for r in rounds:
                print(
                    f"{r.path:<26} {r.clients:>7} {r.requests_per_s:>9,.0f} {r.p50_ms:>8.2f} "
                    f"{r.p99_ms:>8.2f} {r.errors:>6} {r.nginx_cpu_ms_per_request:>16.3f} "
                    f"{r.response_bytes:>8,}"
                )

        if not args.skip_app:
            app_rounds: list[AppRound] = []
            for n in processes:
                app = app_round(data, n, args.viewers, folder, site)
                app_rounds.append(app)
                print(f"  {n} process(es): {app.viewers_per_s} viewers/s", file=sys.stderr)
            report["app"] = [asdict(a) for a in app_rounds]
            print(f"\nthe app behind nginx, {args.viewers} viewers at once")
            print(
                f"{'processes':>9} {'wall s':>7} {'viewers/s':>10} {'p50 s':>7} {'p99 s':>7} "
                f"{'page kB':>8}  CPU s per process"
            )
            for app in app_rounds:
                print(
                    f"{app.processes:>9} {app.wall_s:>7.2f} {app.viewers_per_s:>10.2f} "
                    f"{app.p50_s:>7.2f} {app.p99_s:>7.2f} {app.page_kb:>8.1f}  {app.app_cpu_s}"
                )
            if len(app_rounds) >= 2:
                ratio = app_rounds[-1].viewers_per_s / app_rounds[0].viewers_per_s
                report["app_ratio"] = round(ratio, 2)
                print(
                    f"{app_rounds[-1].processes} processes serve {ratio:.2f}x the viewers/s "
                    f"of {app_rounds[0].processes}"
                )

    OUT.mkdir(parents=True, exist_ok=True)
    out = OUT / "load_bench.json"
    out.write_text(json.dumps(report, indent=2) + "\n", "utf-8")
    print(f"\n{out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
