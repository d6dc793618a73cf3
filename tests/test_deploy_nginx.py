"""deploy/nginx/equality-map.conf as shipped, rendered for loopback and served by Debian nginx.

A site published from the test fixture is the root; two tiny aiohttp servers stand in for two
app processes (each answers with its own id, over HTTP and over a WebSocket at Streamlit's
/app/_stcore/stream). Real HTTPS requests check the headers, gzip_static, the types, the
redirect, the WebSocket upgrade and the sticky routing on the `em_route` cookie.
"""

from __future__ import annotations

import asyncio
import gzip
import re
import secrets
from collections import Counter
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

import aiohttp
import pytest
from aiohttp import web

from equality_map import publish as pub
from equality_map.load import load_facilities
from equality_map.prepare import prepare_entries
from tests.nginx_site import Nginx, NginxMissingError, configure, free_port, nginx_binary

T = TypeVar("T")

pytestmark = pytest.mark.nginx

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "data" / "map_fixture.csv"
TILE_ORIGIN = "https://tiles.example.de"
UPSTREAM_IDS = ("app-a", "app-b")
#: Requests the app stand-ins received, by path.
HITS: Counter[str] = Counter()
SCRIPT = b"/* Streamlit frontend */ " + b"var x = 1;" * 500
TIMEOUT = aiohttp.ClientTimeout(total=10)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture's site as `equality-map publish` writes it, plus a dot file nginx must hide."""
    entries = prepare_entries(load_facilities(FIXTURE).frame)
    out = tmp_path_factory.mktemp("published") / "site"
    opts = pub.SiteOptions(
        base_url="https://karte.example.de/",
        tiles_url=TILE_ORIGIN + "/{z}/{x}/{y}.png",
        generated=date(2026, 11, 30),
    )
    pub.publish(entries, out, opts)
    (out / ".secret").write_text("not for the public\n")
    return out


@pytest.fixture(scope="module")
def app_ports() -> tuple[int, int]:
    return free_port(), free_port()


@pytest.fixture(scope="module")
def nginx(
    site: Path, app_ports: tuple[int, int], tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Nginx]:
    try:
        nginx_binary()
    except NginxMissingError as exc:
        pytest.skip(str(exc))
    folder = tmp_path_factory.mktemp("nginx")
    server = configure(folder, site, app_ports, tile_origin=TILE_ORIGIN, workers=2)
    checked = server.test()
    assert checked.returncode == 0, checked.stderr
    with server.serve():
        yield server


def _run(coro: Coroutine[Any, Any, T]) -> T:
    """asyncio.run in a thread of its own: Playwright's sync API (the browser tests of the same
    session) keeps an event loop running in the main thread, where asyncio.run refuses."""
    with ThreadPoolExecutor(1) as pool:
        return pool.submit(asyncio.run, coro).result()


def fetch(
    url: str, headers: dict[str, str] | None = None, *, decompress: bool = True
) -> tuple[int, dict[str, str], bytes]:
    """(status, headers, body) of one GET, redirects not followed, certificate not checked."""

    async def go() -> tuple[int, dict[str, str], bytes]:
        async with (
            aiohttp.ClientSession(timeout=TIMEOUT, auto_decompress=decompress) as session,
            session.get(url, headers=headers, ssl=False, allow_redirects=False) as response,
        ):
            return response.status, dict(response.headers), await response.read()

    return _run(go())


# --- the static site -------------------------------------------------------------------------


def test_shipped_configuration_passes_nginx_t(nginx: Nginx) -> None:
    result = nginx.test()
    assert result.returncode == 0, result.stderr
    assert "syntax is ok" in result.stderr


def test_index_is_revalidated_and_carries_the_security_headers(nginx: Nginx, site: Path) -> None:
    status, headers, body = fetch(nginx.origin + "/")
    assert status == 200
    assert body == (site / "index.html").read_bytes()
    assert headers["Content-Type"] == "text/html; charset=utf-8"
    assert headers["Cache-Control"] == "no-cache"
    csp = headers["Content-Security-Policy"]
    assert "frame-ancestors 'self' https://www.stadt.de https://*.stadt.de" in csp
    assert f"img-src 'self' data: {TILE_ORIGIN};" in csp
    assert "script-src 'self';" in csp
    assert headers["X-Content-Type-Options"] == "nosniff"
    assert headers["Strict-Transport-Security"].startswith("max-age=")
    assert "Set-Cookie" not in headers  # the routing cookie is for the app only
    assert "nginx/" not in headers.get("Server", "")  # server_tokens off


def test_hashed_assets_are_cached_for_a_year(nginx: Nginx, site: Path) -> None:
    page = (site / "index.html").read_text("utf-8")
    asset = re.search(r'src="(assets/map\.[0-9a-f]{12}\.js)"', page)
    assert asset, "the index page loads no hashed map bundle"
    status, headers, body = fetch(f"{nginx.origin}/{asset.group(1)}")
    assert status == 200
    assert body == (site / asset.group(1)).read_bytes()
    assert headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert headers["Content-Type"].startswith("application/javascript")


def test_pages_go_out_as_their_precompressed_copy(nginx: Nginx, site: Path) -> None:
    name = "gemeinde/06611000.html"
    packed = (site / (name + ".gz")).read_bytes()
    status, headers, body = fetch(
        f"{nginx.origin}/{name}", {"Accept-Encoding": "gzip"}, decompress=False
    )
    assert status == 200
    assert headers["Content-Encoding"] == "gzip"
    assert headers["Vary"] == "Accept-Encoding"
    # Byte for byte the .gz file (level 9, no header time), not nginx's own level-5 stream.
    assert body == packed
    assert gzip.decompress(body) == (site / name).read_bytes()
    assert headers["Cache-Control"] == "no-cache"
    # Without gzip accepted: the page itself.
    status, headers, body = fetch(f"{nginx.origin}/{name}", {"Accept-Encoding": "identity"})
    assert status == 200
    assert "Content-Encoding" not in headers
    assert body == (site / name).read_bytes()


@pytest.mark.parametrize(
    ("path", "content_type"),
    [
        ("daten/eintraege.geojson", "application/geo+json"),
        ("daten/eintraege.csv", "text/csv"),
    ],
)
def test_data_downloads_have_their_types(
    nginx: Nginx, site: Path, path: str, content_type: str
) -> None:
    status, headers, body = fetch(f"{nginx.origin}/{path}", {"Accept-Encoding": "identity"})
    assert status == 200
    assert headers["Content-Type"] == f"{content_type}; charset=utf-8"
    assert body == (site / path).read_bytes()
    assert headers["Cache-Control"] == "no-cache"
    # The security headers reach the files of the regex locations too.
    assert headers["X-Content-Type-Options"] == "nosniff"


@pytest.mark.parametrize("path", [".secret", "gemeinde/../.secret", "assets/.x", ".git/config"])
def test_dot_files_are_not_served(nginx: Nginx, site: Path, path: str) -> None:
    assert (site / ".secret").exists()
    status, headers, body = fetch(f"{nginx.origin}/{path}")
    assert status == 404
    assert b"not for the public" not in body
    assert "immutable" not in headers.get("Cache-Control", "")


def test_missing_page_is_404(nginx: Nginx) -> None:
    status, _, _ = fetch(nginx.origin + "/gemeinde/99999999.html")
    assert status == 404


def test_plain_http_redirects_to_https(nginx: Nginx) -> None:
    http = f"http://127.0.0.1:{nginx.setup.http_port}"
    status, headers, _ = fetch(http + "/gemeinde/06611000.html?embed=1")
    assert status == 301
    assert headers["Location"] == "https://127.0.0.1/gemeinde/06611000.html?embed=1"


# --- the app behind it ------------------------------------------------------------------------


async def _upstream(ident: str, port: int) -> web.AppRunner:
    """An app stand-in on `port`: its id for any /app/ request and on Streamlit's WebSocket."""

    async def stream(request: web.Request) -> web.WebSocketResponse:
        ws = web.WebSocketResponse(protocols=("streamlit",))
        await ws.prepare(request)
        async for message in ws:
            if message.type == aiohttp.WSMsgType.TEXT:
                await ws.send_str(f"{ident}:{message.data}")
        return ws

    async def page(request: web.Request) -> web.Response:
        HITS[request.path] += 1
        if request.path.endswith(".js"):  # a frontend file: the same from every process
            return web.Response(body=SCRIPT, content_type="application/javascript")
        return web.Response(text=ident)

    app = web.Application()
    app.router.add_get("/app/_stcore/stream", stream)
    app.router.add_route("*", "/app/{tail:.*}", page)
    runner = web.AppRunner(app, access_log=None)
    await runner.setup()
    await web.TCPSite(runner, "127.0.0.1", port).start()
    return runner


async def _with_upstreams(
    ports: tuple[int, int], check: Callable[[aiohttp.ClientSession], Awaitable[None]]
) -> None:
    runners = [await _upstream(i, p) for i, p in zip(UPSTREAM_IDS, ports, strict=True)]
    try:
        async with aiohttp.ClientSession(
            timeout=TIMEOUT, cookie_jar=aiohttp.DummyCookieJar()
        ) as session:
            await check(session)
    finally:
        for runner in runners:
            await runner.cleanup()


async def _upstream_of(session: aiohttp.ClientSession, url: str, cookie: str | None) -> str:
    headers = {"Cookie": f"em_route={cookie}"} if cookie else {}
    async with session.get(url, headers=headers, ssl=False) as response:
        assert response.status == 200
        return await response.text()


def test_app_is_proxied_with_a_routing_cookie(nginx: Nginx, app_ports: tuple[int, int]) -> None:
    async def check(session: aiohttp.ClientSession) -> None:
        async with session.get(nginx.origin + "/app/", ssl=False) as response:
            assert response.status == 200
            assert await response.text() in UPSTREAM_IDS
            cookie = response.headers["Set-Cookie"]
            # Streamlit sets its own caching and needs inline code: frame-ancestors only.
            assert "Cache-Control" not in response.headers
            csp = response.headers["Content-Security-Policy"]
            assert csp == "frame-ancestors 'self' https://www.stadt.de https://*.stadt.de"
        match = re.fullmatch(r"em_route=([0-9a-f]{32}); Path=/app/; HttpOnly; SameSite=Lax", cookie)
        assert match, cookie
        headers = {"Cookie": f"em_route={match.group(1)}"}
        async with session.get(nginx.origin + "/app/x", headers=headers, ssl=False) as response:
            assert response.status == 200
            assert "Set-Cookie" not in response.headers  # set once, while the browser has none
        async with session.get(nginx.origin + "/app", ssl=False, allow_redirects=False) as resp:
            assert resp.status == 301
            assert resp.headers["Location"].endswith("/app/")

    _run(_with_upstreams(app_ports, check))


def test_websocket_is_upgraded_through_nginx(nginx: Nginx, app_ports: tuple[int, int]) -> None:
    async def check(session: aiohttp.ClientSession) -> None:
        cookie = secrets.token_hex(16)
        headers = {"Cookie": f"em_route={cookie}"}
        expected = await _upstream_of(session, nginx.origin + "/app/", cookie)
        async with session.ws_connect(
            nginx.origin + "/app/_stcore/stream",
            headers=headers,
            protocols=("streamlit",),
            ssl=False,
        ) as ws:
            assert ws.protocol == "streamlit"
            for n in range(3):
                await ws.send_str(f"ping{n}")
                # The session's WebSocket reaches the process that served its page.
                assert await ws.receive_str(timeout=5) == f"{expected}:ping{n}"

    _run(_with_upstreams(app_ports, check))


def test_sessions_stick_to_one_process_and_spread_over_both(
    nginx: Nginx, app_ports: tuple[int, int]
) -> None:
    async def check(session: aiohttp.ClientSession) -> None:
        url = nginx.origin + "/app/page"
        cookies = [secrets.token_hex(16) for _ in range(48)]
        first = await asyncio.gather(*(_upstream_of(session, url, c) for c in cookies))
        for _ in range(3):
            again = await asyncio.gather(*(_upstream_of(session, url, c) for c in cookies))
            assert again == first
        spread = Counter(first)
        assert set(spread) == set(UPSTREAM_IDS), spread
        # Without a cookie: the client address, the same one every time from here.
        anonymous = {await _upstream_of(session, url, None) for _ in range(8)}
        assert len(anonymous) == 1

    _run(_with_upstreams(app_ports, check))


@pytest.mark.parametrize(
    "path",
    [
        "/app/static/js/index.abc123.js",
        "/app/component/streamlit_folium.st_folium/static/js/main.js",
        "/app/app/static/vendor/leaflet/leaflet.js",
    ],
)
def test_the_files_every_viewer_loads_come_from_the_cache(
    nginx: Nginx, app_ports: tuple[int, int], path: str
) -> None:
    async def check(session: aiohttp.ClientSession) -> None:
        bodies = []
        for cookie in ("a" * 32, "b" * 32, "c" * 32, None):  # whichever process would serve
            headers = {"Cookie": f"em_route={cookie}"} if cookie else {}
            async with session.get(nginx.origin + path, headers=headers, ssl=False) as resp:
                assert resp.status == 200
                bodies.append(await resp.read())
        async with session.get(
            nginx.origin + path,
            headers={"Accept-Encoding": "gzip"},
            ssl=False,
            auto_decompress=False,
        ) as resp:
            assert resp.headers["Content-Encoding"] == "gzip"  # compressed by nginx
            assert gzip.decompress(await resp.read()) == SCRIPT
        assert bodies == [SCRIPT] * 4
        # the page itself is never cached
        for _ in range(2):
            await _upstream_of(session, nginx.origin + "/app/", None)

    HITS.clear()
    _run(_with_upstreams(app_ports, check))
    assert HITS[path] == 1
    assert HITS["/app/"] == 2
