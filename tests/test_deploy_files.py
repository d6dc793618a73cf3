"""deploy/: the systemd unit and the Containerfile start the app the same way, and that way works.

The nginx configuration has its own test with a real nginx (tests/test_deploy_nginx.py).
"""

from __future__ import annotations

import json
import os
import re
import shlex
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from equality_map import settings

ROOT = Path(__file__).resolve().parents[1]
UNIT = ROOT / "deploy" / "systemd" / "equality-map@.service"
CONTAINERFILE = ROOT / "deploy" / "Containerfile"
APP_DIR = "/srv/equality-map/app"


def unit_command() -> list[str]:
    """ExecStart of the unit, continuation lines joined, split like a shell."""
    text = UNIT.read_text("utf-8").replace("\\\n", " ")
    [line] = [ln for ln in text.splitlines() if ln.startswith("ExecStart=")]
    return shlex.split(line.removeprefix("ExecStart="))


def container_command() -> list[str]:
    text = CONTAINERFILE.read_text("utf-8").replace("\\\n", " ")
    [line] = [ln for ln in text.splitlines() if ln.startswith("CMD ")]
    return list(json.loads(line.removeprefix("CMD ")))


def options(command: list[str]) -> dict[str, str]:
    """--server.x value pairs of a `streamlit run app.py ...` command line."""
    assert command[1:3] == ["run", "app.py"], command
    args = command[3:]
    assert len(args) % 2 == 0, args
    return dict(zip(args[::2], args[1::2], strict=True))


def test_unit_and_container_start_the_app_with_the_same_options():
    unit, container = options(unit_command()), options(container_command())
    assert unit["--server.port"] == "%i"  # the instance name is the port
    assert unit["--server.address"] == "127.0.0.1"  # nginx is the one way in
    for opts in (unit, container):
        opts.pop("--server.port")
        opts.pop("--server.address")
    assert unit == container
    assert unit["--server.baseUrlPath"] == "app"
    assert unit["--browser.gatherUsageStats"] == "false"  # DSGVO


def test_container_environment_names_real_settings():
    text = CONTAINERFILE.read_text("utf-8").replace("\\\n", " ")
    named = set(re.findall(r"\b(EQUALITY_MAP_[A-Z_]+)=", text))
    known = set(re.findall(r'"(EQUALITY_MAP_[A-Z_]+)"', Path(settings.__file__).read_text()))
    assert named, "the Containerfile sets no settings"
    assert named <= known, named - known
    for copied in re.findall(r"cp -n ([^&]+?) /data/", text)[0].split():
        assert (ROOT / copied).is_file(), copied


def test_container_ignore_keeps_what_the_image_needs():
    ignored = [
        ln.strip()
        for ln in (ROOT / ".containerignore").read_text("utf-8").splitlines()
        if ln.strip() and not ln.startswith("#")
    ]
    assert (ROOT / ".dockerignore").read_text("utf-8") == (ROOT / ".containerignore").read_text(
        "utf-8"
    )
    for needed in ("app.py", "pages", "src", "static", "data", "Makefile", "pyproject.toml"):
        assert needed not in ignored


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="systemd-analyze missing")
def test_systemd_accepts_the_unit(tmp_path: Path):
    # The unit as installed, with the app directory pointing at this checkout.
    text = UNIT.read_text("utf-8").replace(APP_DIR, str(ROOT))
    unit = tmp_path / "equality-map@.service"
    unit.write_text(text.replace(f"{ROOT}/.venv/bin/", f"{Path(sys.executable).parent}/"))
    (tmp_path / "equality-map@8501.service").symlink_to(unit.name)
    done = subprocess.run(
        ["systemd-analyze", "verify", str(tmp_path / "equality-map@8501.service")],
        capture_output=True,
        text=True,
        check=False,
    )
    problems = [ln for ln in done.stderr.splitlines() if "equality-map@" in ln]
    assert done.returncode == 0, done.stderr
    assert problems == []


@pytest.mark.slow
def test_the_unit_command_serves_the_app_below_app(tmp_path: Path):
    """The unit's command line, run from this checkout: healthy where the container checks."""
    command = [
        arg.replace(f"{APP_DIR}/.venv/bin/", f"{Path(sys.executable).parent}/")
        for arg in unit_command()
    ]
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    command = [a.replace("%i", str(port)) for a in command]
    log = tmp_path / "app.log"
    env = {**os.environ, "EQUALITY_MAP_DATA": str(ROOT / "tests" / "data" / "map_fixture.csv")}
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=out)
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, log.read_text()
            try:
                url = f"http://127.0.0.1:{port}/app/_stcore/health"
                with urllib.request.urlopen(url, timeout=2) as resp:
                    assert resp.read() == b"ok"
                    break
            except OSError:
                assert time.monotonic() < deadline, log.read_text()
                time.sleep(0.2)  # poll interval while the server boots
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/app/", timeout=5) as resp:
            assert resp.status == 200
    finally:
        process.terminate()
        process.wait(timeout=20)


def test_nginx_serves_the_folder_the_unit_publishes_into_and_proxies_its_base_path():
    conf = (ROOT / "deploy" / "nginx" / "equality-map.conf").read_text("utf-8")
    [root] = re.findall(r"^\s*root (\S+);", conf, re.MULTILINE)
    unit = UNIT.read_text("utf-8")
    writable = re.search(r"^ReadWritePaths=(.*)$", unit, re.MULTILINE)
    assert writable
    # publish writes builds next to the site link, so its parent must be writable
    assert str(Path(root).parent) in writable.group(1).split()
    base = options(unit_command())["--server.baseUrlPath"]
    assert f"location /{base}/ {{" in conf
    assert re.search(r"proxy_pass http://equality_map_app;", conf)
