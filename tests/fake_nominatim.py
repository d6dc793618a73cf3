"""A local fake Nominatim server (127.0.0.1, random port) answering in Nominatim's JSON shape."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlparse

#: A behaviour maps the query parameters to (status, headers, body, delay in seconds).
Behaviour = Callable[[dict[str, str]], tuple[int, dict[str, str], bytes, float]]


def place(lat: float, lon: float, *, house_number: str = "12", road: str = "Demostraße") -> bytes:
    """A one-result answer as Nominatim's /search?format=json&addressdetails=1 gives it."""
    return json.dumps(
        [
            {
                "place_id": 1,
                "licence": "Data © OpenStreetMap contributors, ODbL 1.0.",
                "lat": str(lat),
                "lon": str(lon),
                "class": "building" if house_number else "highway",
                "type": "house" if house_number else "residential",
                "display_name": f"{road} {house_number}, Deutschland",
                "address": {"house_number": house_number, "road": road, "country_code": "de"}
                if house_number
                else {"road": road, "country_code": "de"},
            }
        ]
    ).encode()


def hit_near(lat: float = 50.11, lon: float = 8.68) -> Behaviour:
    """Answer every query with one house-number hit at (lat, lon)."""
    return lambda params: (200, {}, place(lat, lon), 0.0)


@dataclass
class FakeNominatim:
    """The running server: where it listens, what it was asked, how it answers."""

    server: ThreadingHTTPServer
    behaviour: Behaviour = field(default_factory=hit_near)
    requests: list[dict[str, str]] = field(default_factory=list)
    times: list[float] = field(default_factory=list)
    user_agents: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    @property
    def domain(self) -> str:
        """host:port for geopy's `domain=`."""
        host, port = self.server.server_address[:2]
        return f"{host}:{port}"

    @property
    def count(self) -> int:
        """How many /search requests arrived."""
        with self.lock:
            return len(self.requests)


def start_fake_nominatim() -> FakeNominatim:
    """Start the server in a thread on a free port."""
    fake: FakeNominatim

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 - http.server's naming
            url = urlparse(self.path)
            params = {k: v[0] for k, v in parse_qs(url.query).items()}
            with fake.lock:
                fake.requests.append(params)
                fake.times.append(time.monotonic())
                fake.user_agents.append(self.headers.get("User-Agent", ""))
            status, headers, body, delay = fake.behaviour(params)
            if delay:
                time.sleep(delay)
            try:
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                for key, value in headers.items():
                    self.send_header(key, value)
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    fake = FakeNominatim(server)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return fake


def running_fake_nominatim() -> Iterator[FakeNominatim]:
    """Generator for a pytest fixture: start, yield, stop."""
    fake = start_fake_nominatim()
    try:
        yield fake
    finally:
        fake.server.shutdown()
        fake.server.server_close()
