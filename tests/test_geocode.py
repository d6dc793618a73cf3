"""Geocoder chain against a local fake Nominatim (geopy's real client), cache, privacy, CLI."""

from __future__ import annotations

import math
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from fake_nominatim import place, running_fake_nominatim

from equality_map import geocode as g
from equality_map import nominatim
from equality_map.cli import main
from equality_map.geocode_cache import GeocodeCache
from equality_map.load import load_facilities
from equality_map.places import load_places
from equality_map.settings import Settings

SRC = Path(__file__).resolve().parents[1] / "src"


@pytest.fixture
def fake():
    yield from running_fake_nominatim()


ENV_DOMAIN = "EQUALITY_MAP_NOMINATIM_DOMAIN"
ENV_SCHEME = "EQUALITY_MAP_NOMINATIM_SCHEME"
ENV_USER_AGENT = "EQUALITY_MAP_USER_AGENT"
ENV_ONLINE = "EQUALITY_MAP_GEOCODE_ONLINE"


def nominatim_from_env(env: dict[str, str], **kwargs):
    """The Nominatim client for settings read from `env` (as the CLI does)."""
    return nominatim.nominatim_client(Settings.from_env(env, Path("/nonexistent")), **kwargs)


class FakeClock:
    """A clock whose sleep advances time instantly (so tests never sleep)."""

    def __init__(self) -> None:
        self.now = 1000.0
        self.sleeps: list[float] = []

    def time(self) -> float:
        return self.now

    def sleep(self, seconds: float) -> None:
        self.sleeps.append(seconds)
        self.now += seconds


def geocoder(fake, clock: FakeClock, *, timeout: float = 5.0, max_retries: int = 2):
    env = {ENV_DOMAIN: fake.domain, ENV_SCHEME: "http", ENV_USER_AGENT: "equality-map-tests"}
    throttle = nominatim.Throttle(clock=clock.time, sleep=clock.sleep)
    return nominatim_from_env(env, timeout=timeout, throttle=throttle, max_retries=max_retries)


def frame(rows: list[dict]) -> pd.DataFrame:
    base = {"name": "x", "category": "counselling_centre", "street": "", "postcode": "",
            "city": "Frankfurt am Main", "state": "", "lat": math.nan, "lon": math.nan,
            "geocode_precision": "", "geocode_source": "",
            "address_confidential": False}  # fmt: skip
    out = pd.DataFrame([{**base, **r} for r in rows])
    out.index = pd.RangeIndex(2, len(rows) + 2, name="row")
    return out


ADDRESSES = [
    {"street": "Zeil 1"},
    {"street": "Zeil 1"},  # duplicate address: one request
    {"street": "ZEIL  1"},  # same address, typed differently: one request
    {"street": "Römerberg 3", "postcode": "60311"},
]


def test_hit_dedup_and_cache(fake, tmp_path):
    cache = GeocodeCache(tmp_path / "c.sqlite")
    clock = FakeClock()
    out, issues = g.geocode_frame(frame(ADDRESSES), cache=cache, online=geocoder(fake, clock))
    assert fake.count == 2
    assert list(out["geocode_source"]) == ["nominatim"] * 4
    assert list(out["geocode_precision"]) == ["address"] * 4
    assert out["lat"].tolist() == [50.11] * 4
    assert list(out["state"]) == ["HE"] * 4
    assert fake.requests[0]["street"] == "Zeil 1"
    assert fake.requests[0]["country"] == "de"
    assert fake.requests[1]["postalcode"] == "60311"
    assert set(fake.user_agents) == {"equality-map-tests"}
    assert not issues
    # second run: everything from the cache, no request
    out2, _ = g.geocode_frame(frame(ADDRESSES), cache=cache, online=geocoder(fake, clock))
    assert fake.count == 2
    assert list(out2["geocode_source"]) == ["cache"] * 4


def test_requests_are_spaced_one_second(fake, tmp_path):
    clock = FakeClock()
    online = geocoder(fake, clock)
    rows = [{"street": f"Zeil {n}"} for n in range(5)]
    g.geocode_frame(frame(rows), cache=GeocodeCache(tmp_path / "c.sqlite"), online=online)
    assert online.requests == fake.count == 5
    gaps = [b - a for a, b in zip(online.request_times, online.request_times[1:], strict=False)]
    assert gaps
    assert min(gaps) >= 1.0


def test_real_clock_spacing_seen_by_server(fake, tmp_path):
    env = {ENV_DOMAIN: fake.domain, ENV_SCHEME: "http", ENV_USER_AGENT: "tests"}
    online = nominatim_from_env(env, throttle=nominatim.Throttle())
    g.geocode_frame(frame([{"street": "A 1"}, {"street": "B 2"}]), online=online)
    assert fake.count == 2
    assert fake.times[1] - fake.times[0] >= 0.95


def test_empty_result_is_cached_as_miss(fake, tmp_path):
    fake.behaviour = lambda params: (200, {}, b"[]", 0.0)
    cache = GeocodeCache(tmp_path / "c.sqlite")
    out, _ = g.geocode_frame(frame([{"street": "Nirgendwo 9"}]), cache=cache,
                             online=geocoder(fake, FakeClock()))  # fmt: skip
    assert fake.count == 1
    assert (out["geocode_source"].iloc[0], out["geocode_precision"].iloc[0]) == (
        "municipality",
        "city",
    )
    g.geocode_frame(frame([{"street": "Nirgendwo 9"}]), cache=cache,
                    online=geocoder(fake, FakeClock()))  # fmt: skip
    assert fake.count == 1


def test_miss_expires(fake, tmp_path):
    fake.behaviour = lambda params: (200, {}, b"[]", 0.0)
    clock = FakeClock()
    cache = GeocodeCache(tmp_path / "c.sqlite", clock=clock.time, miss_ttl_days=30)
    g.geocode_frame(frame([{"street": "Weg 1"}]), cache=cache, online=geocoder(fake, clock))
    clock.now += 31 * 86400
    g.geocode_frame(frame([{"street": "Weg 1"}]), cache=cache, online=geocoder(fake, clock))
    assert fake.count == 2


def test_429_retry_after_is_honoured(fake, tmp_path):
    answers = iter([(429, {"Retry-After": "7"}, b"", 0.0), (200, {}, place(50.1, 8.7), 0.0)])
    fake.behaviour = lambda params: next(answers)
    clock = FakeClock()
    out, _ = g.geocode_frame(frame([{"street": "Zeil 1"}]), online=geocoder(fake, clock))
    assert fake.count == 2
    assert 7.0 in clock.sleeps
    assert out["geocode_source"].iloc[0] == "nominatim"


@pytest.mark.parametrize(
    ("answer", "timeout", "max_retries", "expected_requests"),
    [
        ((500, {}, b"oops", 0.0), 5.0, 2, 3),  # server error: bounded retries
        ((200, {}, b"{not json", 0.0), 5.0, 1, 2),  # malformed JSON
        ((200, {}, b"[]", 1.5), 0.3, 0, 1),  # slower than the timeout
    ],
    ids=["500", "malformed", "timeout"],
)
def test_failures_fall_back_to_city_and_are_not_cached(
    fake, tmp_path, answer, timeout, max_retries, expected_requests
):
    fake.behaviour = lambda params: answer
    cache = GeocodeCache(tmp_path / "c.sqlite")
    online = geocoder(fake, FakeClock(), timeout=timeout, max_retries=max_retries)
    out, _ = g.geocode_frame(frame([{"street": "Zeil 1"}]), cache=cache, online=online)
    assert fake.count == expected_requests
    assert (out["geocode_source"].iloc[0], out["geocode_precision"].iloc[0]) == (
        "municipality",
        "city",
    )
    assert len(cache) == 0  # a failure is not a miss: asked again next run


def test_connection_refused_gives_up_after_a_few_addresses(tmp_path):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    env = {ENV_DOMAIN: f"127.0.0.1:{port}", ENV_SCHEME: "http", ENV_USER_AGENT: "tests"}
    clock = FakeClock()
    online = nominatim_from_env(
        env, throttle=nominatim.Throttle(clock=clock.time, sleep=clock.sleep)
    )
    rows = [{"street": f"Zeil {n}"} for n in range(10)]
    out, issues = g.geocode_frame(frame(rows), online=online)
    assert online.requests == g.MAX_CONSECUTIVE_FAILURES * (nominatim.MAX_RETRIES + 1)
    assert set(out["geocode_source"]) == {"municipality"}
    assert [i.code for i in issues] == ["online_geocoder_unavailable"]


def test_confidential_addresses_never_reach_the_server(fake, tmp_path):
    rows = [
        {"category": "womens_shelter", "street": "Geheimweg 5", "postcode": "60311",
         "address_confidential": True},
        {"category": "womens_shelter", "street": "Geheimweg 7", "address_confidential": True,
         "lat": 50.1234, "lon": 8.6543, "geocode_precision": "address"},
        {"street": "Zeil 1"},
    ]  # fmt: skip
    cache = GeocodeCache(tmp_path / "c.sqlite")
    out, issues = g.geocode_frame(frame(rows), cache=cache, online=geocoder(fake, FakeClock()))
    assert fake.count == 1
    assert all("Geheimweg" not in str(r) and "60311" not in str(r) for r in fake.requests)
    assert list(out["geocode_precision"])[:2] == ["city", "city"]
    assert list(out["geocode_source"])[:2] == ["municipality", "municipality"]
    assert out["lat"].iloc[1] != 50.1234
    assert "confidential_coordinates_coarsened" in [i.code for i in issues]
    assert len(cache) == 1  # only the public address


def test_csv_coordinates_are_kept(fake):
    rows = [{"street": "Zeil 1", "lat": 50.2, "lon": 8.5, "geocode_precision": "address"}]
    out, _ = g.geocode_frame(frame(rows), online=geocoder(fake, FakeClock()))
    assert fake.count == 0
    assert (out["lat"].iloc[0], out["geocode_source"].iloc[0]) == (50.2, "csv")


def test_implausible_answer_is_not_used(fake):
    fake.behaviour = lambda params: (200, {}, place(53.55, 9.99), 0.0)  # Hamburg, not Frankfurt
    out, _ = g.geocode_frame(frame([{"street": "Zeil 1"}]), online=geocoder(fake, FakeClock()))
    assert out["geocode_source"].iloc[0] == "municipality"


def test_unknown_and_ambiguous_cities_warn(tmp_path):
    rows = [{"city": "Xyzzyhausen"}, {"city": "Frankfurt"}, {"city": "Frankfurt", "state": "BB"}]
    out, issues = g.geocode_frame(frame(rows))
    assert math.isnan(out["lat"].iloc[0])
    assert out["geocode_source"].iloc[0] == ""
    codes = {(i.row, i.code) for i in issues}
    assert codes == {(2, "unknown_city"), (3, "ambiguous_city")}
    assert all(i.column == "city" and i.message("de") and i.message("en") for i in issues)
    assert list(out["state"]) == ["", "", "BB"]  # not guessed for ambiguous names


def test_offline_reads_cache_and_never_asks(fake, tmp_path):
    path = tmp_path / "c.sqlite"
    cache = GeocodeCache(path)
    g.geocode_frame(frame([{"street": "Zeil 1"}]), cache=cache, online=geocoder(fake, FakeClock()))
    cache.close()
    out, _ = g.geocode_offline(frame([{"street": "Zeil 1"}, {"street": "Neu 2"}]), cache=path)
    assert fake.count == 1
    assert list(out["geocode_source"]) == ["cache", "municipality"]
    out, _ = g.geocode_offline(frame([{"street": "Zeil 1"}]), cache=tmp_path / "absent.sqlite")
    assert list(out["geocode_source"]) == ["municipality"]


@pytest.mark.parametrize(
    ("env", "ok"),
    [
        ({}, False),
        ({ENV_USER_AGENT: "geopy/2.4"}, False),
        ({ENV_USER_AGENT: "equality-map"}, False),
        ({ENV_USER_AGENT: "equality-map/0.1 (maintainer@example.org)"}, True),
        ({ENV_DOMAIN: "nominatim.example.org"}, True),  # own server: no policy to enforce
        ({ENV_DOMAIN: "nominatim.example.org", ENV_SCHEME: "ftp"}, False),
    ],
)
def test_public_server_requires_identifying_user_agent(env, ok):
    if ok:
        assert nominatim_from_env(env).geolocator.domain
    else:
        with pytest.raises(nominatim.GeocodeConfigError):
            nominatim_from_env(env)


# --- CLI ---------------------------------------------------------------------------------------

HEADER = "id,name,category,street,postcode,city,state,lat,lon,address_confidential\n"


def write(path: Path, body: str) -> bytes:
    path.write_text(HEADER + body, encoding="utf-8")
    return path.read_bytes()


def test_cli_offline_in_place_keeps_backup(tmp_path, monkeypatch):
    monkeypatch.delenv(ENV_ONLINE, raising=False)
    data = tmp_path / "f.csv"
    before = write(
        data, "a,A,equality_office,,,Goettingen,,,,\nb,B,womens_shelter,Weg 1,,Kiel,,,,\n"
    )
    code = main(["geocode", str(data), "--in-place", "--cache", str(tmp_path / "c.sqlite")])
    assert code == 0
    assert (tmp_path / "f.csv.bak").read_bytes() == before
    result = load_facilities(data)
    assert not result.errors
    assert list(result.frame["geocode_source"]) == ["municipality", "municipality"]
    assert list(result.frame["state"]) == ["NI", "SH"]
    assert result.frame["lat"].notna().all()


def test_cli_refuses_to_write_when_rows_have_errors(tmp_path, capsys):
    data = tmp_path / "f.csv"
    before = write(data, "a,A,equality_office,,,Kiel,,,,\nb,,no_such_category,,,Kiel,,,,\n")
    code = main(["geocode", str(data), "--in-place", "--cache", str(tmp_path / "c.sqlite")])
    assert code == 1
    assert data.read_bytes() == before
    assert not (tmp_path / "f.csv.bak").exists()
    assert "nothing written" in capsys.readouterr().err


def test_cli_online_without_user_agent_is_refused(tmp_path, monkeypatch, capsys):
    for name in (ENV_DOMAIN, ENV_USER_AGENT):
        monkeypatch.delenv(name, raising=False)
    data = tmp_path / "f.csv"
    before = write(data, "a,A,equality_office,Zeil 1,,Frankfurt am Main,,,,\n")
    code = main(["geocode", str(data), "--online", "--in-place", "--cache", str(tmp_path / "c")])
    assert code == 2
    assert data.read_bytes() == before
    assert ENV_USER_AGENT in capsys.readouterr().err


@pytest.mark.slow
def test_ctrl_c_keeps_cache_and_leaves_file_untouched(fake, tmp_path):
    data = tmp_path / "f.csv"
    rows = "".join(
        f"r{n},R{n},equality_office,Zeil {n},,Frankfurt am Main,,,,\n" for n in range(40)
    )
    before = write(data, rows)
    cache_path = tmp_path / "c.sqlite"
    env = {**os.environ, "PYTHONPATH": str(SRC), ENV_DOMAIN: fake.domain,
           ENV_SCHEME: "http", ENV_USER_AGENT: "tests"}  # fmt: skip
    proc = subprocess.Popen(
        [sys.executable, "-m", "equality_map", "geocode", str(data), "--online", "--in-place",
         "--quiet", "--cache", str(cache_path)],
        env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )  # fmt: skip
    deadline = time.monotonic() + 60
    while fake.count < 3 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.05)
    assert fake.count >= 3
    proc.send_signal(signal.SIGINT)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert data.read_bytes() == before
    assert not (tmp_path / "f.csv.bak").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    assert len(GeocodeCache(cache_path, readonly=True)) >= 2


def test_confidential_coordinates_are_coarsened_whatever_precision_they_claim(tmp_path):
    """A shelter's typed coordinates may be its house: only the city point is ever used."""
    from equality_map.load import load_facilities

    path = tmp_path / "conf.csv"
    path.write_text(
        "id,name,category,city,state,lat,lon,geocode_precision\n"
        "s1,Frauenhaus A,womens_shelter,Kassel,HE,51.3211,9.4761,city\n"
        "s2,Frauenhaus B,womens_shelter,Nirgendwohausen,HE,51.3,9.4,address\n"
        "o1,Frauenbüro,equality_office,Kassel,HE,51.3211,9.4761,address\n",
        encoding="utf-8",
    )
    frame, issues = g.geocode_offline(load_facilities(path).frame, cache=tmp_path / "c.sqlite")
    kassel = load_places().resolve("Kassel", "HE")
    assert (frame.loc[2, "lat"], frame.loc[2, "lon"]) == (kassel.lat, kassel.lon)
    assert frame.loc[2, "geocode_precision"] == "city"
    assert math.isnan(frame.loc[3, "lat"])  # unknown city: unmapped, never the typed point
    assert (frame.loc[4, "lat"], frame.loc[4, "lon"]) == (51.3211, 9.4761)  # public: kept
    coarsened = [i.row for i in issues if i.code == "confidential_coordinates_coarsened"]
    assert coarsened == [2, 3]
