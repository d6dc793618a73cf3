"""deploy/nginx/equality-map.conf on loopback: render its EDIT lines, check it, run Debian nginx.

Shared by tests/test_deploy_nginx.py, the browser test behind nginx and bench/load_bench.py.
The shipped file is included in a main configuration like Debian's /etc/nginx/nginx.conf
(same http-level directives, `gzip on` included), with pid, logs and temporary files in a
folder of the caller, so no root and no system nginx are involved.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import socket
import subprocess
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SITE_CONF = ROOT / "deploy" / "nginx" / "equality-map.conf"
START_TIMEOUT = 20.0
_EDIT = re.compile(r"^(?P<indent>\s*)(?P<keyword>\S+)\s.*;\s*#\s*EDIT\s+(?P<name>[a-z_]+)\s*$")


class NginxMissingError(RuntimeError):
    """No nginx binary: the message says how to install one."""


def nginx_binary() -> Path:
    """$NGINX, else `nginx` on PATH, else Debian's /usr/sbin/nginx (raises NginxMissingError)."""
    for candidate in (os.environ.get("NGINX"), shutil.which("nginx"), "/usr/sbin/nginx"):
        if candidate and Path(candidate).is_file() and os.access(candidate, os.X_OK):
            return Path(candidate)
    raise NginxMissingError(
        "nginx is not installed: `make browser-deps` installs Debian's nginx "
        "(or set NGINX=/path/to/nginx)"
    )


def mime_types(binary: Path) -> Path:
    """The mime.types next to the binary's compiled-in nginx.conf (Debian: /etc/nginx/)."""
    out = subprocess.run([str(binary), "-V"], capture_output=True, text=True, check=True).stderr
    match = re.search(r"--conf-path=(\S+)", out)
    conf_dir = Path(match.group(1)).parent if match else Path("/etc/nginx")
    path = conf_dir / "mime.types"
    if not path.is_file():
        raise NginxMissingError(f"{path} is missing: reinstall Debian's nginx-common")
    return path


def edit_names(text: str) -> list[str]:
    """The names of the EDIT lines of a configuration, in order of first appearance."""
    names: list[str] = []
    for line in text.splitlines():
        match = _EDIT.match(line)
        if match and match["name"] not in names:
            names.append(match["name"])
    return names


def render(text: str, values: Mapping[str, Sequence[str]]) -> str:
    """The configuration with each EDIT line's arguments replaced by `values[name]`.

    The first line of a name becomes one line per value (same directive and indentation), later
    lines of that name are dropped. Every name in the file must be given and every given name
    must be in the file, so a renamed or new EDIT line fails loudly instead of being ignored.
    """
    names = edit_names(text)
    missing = [n for n in names if n not in values]
    unknown = [n for n in values if n not in names]
    if missing or unknown:
        raise ValueError(
            f"EDIT lines without a value: {missing}; values without an EDIT line: {unknown}"
        )
    out: list[str] = []
    done: set[str] = set()
    for line in text.splitlines():
        match = _EDIT.match(line)
        if not match:
            out.append(line)
            continue
        name = match["name"]
        if name not in done:
            done.add(name)
            out.extend(f"{match['indent']}{match['keyword']} {v};" for v in values[name])
    return "\n".join(out) + "\n"


def free_port() -> int:
    """A TCP port that is free on 127.0.0.1 right now."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def self_signed_certificate(folder: Path) -> tuple[Path, Path]:
    """(certificate, key) for CN=localhost, made with the openssl command."""
    openssl = shutil.which("openssl")
    if openssl is None:
        raise NginxMissingError("the openssl command is missing: apt-get install openssl")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1"]
        + ["-nodes", "-days", "2", "-subj", "/CN=localhost"]
        + ["-keyout", str(key), "-out", str(cert)],
        check=True,
        capture_output=True,
    )
    return cert, key


@dataclass(frozen=True)
class Loopback:
    """What the test set-up puts into the EDIT lines."""

    site_root: Path
    app_ports: Sequence[int]
    https_port: int
    http_port: int
    certificate: Path
    key: Path
    cache_dir: Path | None = None
    frame_ancestors: str = "'self' https://www.stadt.de https://*.stadt.de"
    tile_origin: str = "https://tile.openstreetmap.org"

    def values(self) -> dict[str, list[str]]:
        """EDIT name -> arguments."""
        return {
            "frame_ancestors": [f'"{self.frame_ancestors}"'],
            "tile_origin": [f'"{self.tile_origin}"'],
            "app_server": [f"127.0.0.1:{p}" for p in self.app_ports],
            "listen_http": [f"127.0.0.1:{self.http_port}"],
            "listen_https": [f"127.0.0.1:{self.https_port} ssl http2"],
            "server_name": ["localhost"],
            "tls_certificate": [str(self.certificate)],
            "tls_certificate_key": [str(self.key)],
            "site_root": [str(self.site_root)],
            "app_cache": [
                f"{self.cache_dir or self.site_root.parent / 'nginx-cache'} levels=1:2 "
                "keys_zone=em_app_files:10m max_size=200m inactive=7d use_temp_path=off"
            ],
        }


def main_conf(folder: Path, site_conf: Path, mime: Path, workers: int | str = "auto") -> str:
    """A main configuration like Debian's nginx.conf that includes `site_conf`, for `folder`."""
    temp = folder / "temp"
    temp.mkdir(exist_ok=True)
    # As root, workers would run as `nobody`, who cannot read pytest's private temp folders.
    user = "user root;\n" if os.geteuid() == 0 else ""
    paths = "".join(
        f"    {kind}_temp_path {temp / kind};\n"
        for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
    )
    return (
        f"{user}worker_processes {workers};\n"
        f"pid {folder / 'nginx.pid'};\n"
        f"error_log {folder / 'error.log'} warn;\n"
        "events {\n    worker_connections 1024;\n}\n"
        "http {\n"
        "    # as in Debian's /etc/nginx/nginx.conf\n"
        "    sendfile on;\n    tcp_nopush on;\n    types_hash_max_size 2048;\n"
        f"    include {mime};\n    default_type application/octet-stream;\n"
        "    ssl_protocols TLSv1.2 TLSv1.3;\n    ssl_prefer_server_ciphers on;\n"
        f"    access_log {folder / 'access.log'};\n"
        "    gzip on;\n"
        f"{paths}"
        f"    include {site_conf};\n"
        "}\n"
    )


@dataclass(frozen=True)
class Nginx:
    """A configured nginx folder: `test()` runs `nginx -t`, `serve()` runs it."""

    binary: Path
    folder: Path
    conf: Path
    setup: Loopback

    @property
    def origin(self) -> str:
        return f"https://127.0.0.1:{self.setup.https_port}"

    def command(self, *args: str) -> list[str]:
        """The nginx command line for this folder with `args` appended."""
        return [
            str(self.binary),
            "-p",
            str(self.folder),
            "-e",
            str(self.folder / "error.log"),
            "-c",
            str(self.conf),
            *args,
        ]

    def test(self) -> subprocess.CompletedProcess[str]:
        """`nginx -t` on the configuration (returncode, stderr)."""
        return subprocess.run(self.command("-t"), capture_output=True, text=True, check=False)

    @contextlib.contextmanager
    def serve(self) -> Iterator[Nginx]:
        """Run nginx in the foreground until the block ends (then a graceful quit)."""
        process = subprocess.Popen(
            self.command("-g", "daemon off;"),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        try:
            _wait_listening(self.setup.https_port, process, self.folder / "error.log")
            yield self
        finally:
            process.send_signal(signal.SIGQUIT)
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def _wait_listening(port: int, process: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            err = process.stderr.read().decode() if process.stderr else ""
            text = log.read_text() if log.exists() else ""
            raise RuntimeError(f"nginx exited with {process.returncode}:\n{err}\n{text}")
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.5):
            return
        time.sleep(0.05)  # poll interval while nginx binds; the connect ends the wait
    raise TimeoutError(f"nginx did not listen on {port} within {START_TIMEOUT} s")


def configure(
    folder: Path,
    site_root: Path,
    app_ports: Sequence[int] = (),
    *,
    tile_origin: str = "https://tile.openstreetmap.org",
    workers: int | str = "auto",
) -> Nginx:
    """Render the shipped configuration for `site_root` and loopback ports into `folder`."""
    binary = nginx_binary()
    cert, key = self_signed_certificate(folder)
    setup = Loopback(
        site_root=site_root,
        # The upstream needs a server: a port nobody listens on when the test has no app.
        app_ports=list(app_ports) or [free_port()],
        https_port=free_port(),
        http_port=free_port(),
        certificate=cert,
        key=key,
        tile_origin=tile_origin,
        cache_dir=folder / "cache",
    )
    site = folder / "equality-map.conf"
    site.write_text(render(SITE_CONF.read_text("utf-8"), setup.values()), "utf-8")
    conf = folder / "nginx.conf"
    conf.write_text(main_conf(folder, site, mime_types(binary), workers), "utf-8")
    return Nginx(binary, folder, conf, setup)
