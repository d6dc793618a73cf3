"""Fault tests for DataStore: concurrent writers and writers killed with SIGKILL mid-save.

Processes are forked (the parent has pandas imported already), so each round costs
milliseconds, and the whole module stays well under a minute on two cores.
"""

from __future__ import annotations

import multiprocessing as mp
import os
import random
import signal
import time
from multiprocessing.sharedctypes import Synchronized
from multiprocessing.synchronize import Barrier, Event
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from equality_map import changes as ch
from equality_map import datastore as ds
from equality_map import schema as s
from equality_map.load import load_facilities_bytes
from equality_map.store import to_csv_bytes

pytestmark = pytest.mark.skipif(
    "fork" not in mp.get_all_start_methods(), reason="needs fork (Linux/macOS)"
)
CTX = mp.get_context("fork")
#: Distinct versions the killed writers cycle through (each differs in size and content).
VERSIONS = 40
SEED_CSV = "id,name,category,city\nseed,Frauenbüro Kassel,equality_office,Kassel\n"


def _row(entry_id: str, city: str = "Kassel") -> dict[str, Any]:
    return {
        s.ID: entry_id,
        s.NAME: f"Beratung {entry_id}",
        s.CATEGORY: "counselling_centre",
        s.CITY: city,
    }


# --- two writers ---------------------------------------------------------------------------------


def _writer(path: str, n: int, attempts: int, barrier: Barrier, out: str) -> None:
    store = ds.DataStore(path)
    lines = []
    barrier.wait()
    for i in range(attempts):
        entry_id = f"p{n}-{i}"
        frame, _, h = store.snapshot()
        new = pd.concat([frame, pd.DataFrame([_row(entry_id)])], ignore_index=True)
        try:
            store.save(new, expected_hash=h, user=f"writer{n}", summary=entry_id)
        except ds.StaleDataError:
            lines.append(f"refused {entry_id}")
        else:
            lines.append(f"accepted {entry_id}")
    Path(out).write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_two_processes_saving_concurrently_lose_no_update(tmp_path: Path) -> None:
    path = tmp_path / "facilities.csv"
    path.write_text(SEED_CSV, encoding="utf-8")
    attempts = 100
    barrier = CTX.Barrier(2)
    procs = [
        CTX.Process(target=_writer, args=(str(path), n, attempts, barrier, str(tmp_path / f"{n}")))
        for n in (1, 2)
    ]
    for p in procs:
        p.start()
    for p in procs:
        p.join(timeout=120)
        assert p.exitcode == 0
    outcomes = [
        line.split() for n in (1, 2) for line in (tmp_path / f"{n}").read_text().splitlines()
    ]
    assert len(outcomes) == 2 * attempts  # every attempt was answered, accepted or refused
    accepted = {i for verdict, i in outcomes if verdict == "accepted"}
    refused = {i for verdict, i in outcomes if verdict == "refused"}

    store = ds.DataStore(path)
    result = load_facilities_bytes(path.read_bytes(), "final.csv")
    assert not result.errors
    in_file = set(result.frame[s.ID]) - {"seed"}
    assert in_file == accepted
    assert not refused & in_file

    log = store.changes()
    assert [e["summary"] for e in log if e["action"] == "edit"] == [
        e for e in (x["summary"] for x in log) if e in accepted
    ]
    assert {a for e in log for a in e["added"]} == accepted
    assert len(log) == len(accepted)
    # the log is one unbroken chain of versions: no save was based on an outdated file
    for before, after in zip(log, log[1:], strict=False):
        assert after["previous_hash"] == before["new_hash"]
    assert log[-1]["new_hash"] == ds.content_hash(path.read_bytes())
    # the two writers really competed
    assert refused, "no save was refused; the test did not exercise contention"
    assert len(store.history()) == len(accepted)


# --- writers killed with SIGKILL -----------------------------------------------------------------


def version_frame(k: int) -> pd.DataFrame:
    """Version k: a different number of rows and a note naming k, so a mix is detectable."""
    rows = [_row(f"v{k}-r{j}", "Fulda" if j % 2 else "Kassel") for j in range(10 + (k % 9) * 12)]
    rows[0][s.NOTES] = f"version {k} " + "x" * (k % 50)
    return pd.DataFrame(rows)


def canonical_bytes(frame: pd.DataFrame) -> bytes:
    result = ch.validate_frame(frame)
    assert not result.errors
    return to_csv_bytes(result.frame)


def content_of(data: bytes) -> str:
    """The hash of what a file holds (its rows in canonical form), whatever its layout: saves
    keep the file's own layout, so equal content can come in different bytes."""
    return ds.content_hash(to_csv_bytes(load_facilities_bytes(data, "check.csv").frame))


def check_complete_version(data: bytes, valid_hashes: set[str]) -> str | None:
    """None if `data` parses cleanly and holds one complete version; otherwise what is wrong."""
    if not data:
        return "empty file"
    result = load_facilities_bytes(data, "check.csv")
    if result.errors:
        return f"does not parse: {result.errors[0].format()}"
    if content_of(data) not in valid_hashes:
        return "parses, but is not any complete version that was written"
    return None


def _saver(path: str, start: int, ready: Event, done: Synchronized[int]) -> None:
    store = ds.DataStore(path)
    ready.set()
    k = start
    while True:
        _, _, h = store.snapshot()
        store.save(version_frame(k % VERSIONS), expected_hash=h, user="killed-writer")
        with done.get_lock():
            done.value += 1
        k += 1


def test_the_version_check_can_fail() -> None:
    good = canonical_bytes(version_frame(3))
    other = canonical_bytes(version_frame(4))
    valid = {ds.content_hash(good), ds.content_hash(other)}
    assert check_complete_version(good, valid) is None
    assert check_complete_version(b"", valid) == "empty file"
    cut = good[: len(good) // 2]
    assert check_complete_version(cut, valid) is not None  # truncated
    mixed = other[: len(other) // 2] + good[len(good) // 2 :]
    assert check_complete_version(mixed, valid) is not None


def test_sigkill_during_saves_never_leaves_a_broken_file(tmp_path: Path) -> None:
    path = tmp_path / "facilities.csv"
    initial = canonical_bytes(version_frame(0))
    path.write_bytes(initial)
    versions = VERSIONS
    valid = {ds.content_hash(initial)} | {
        ds.content_hash(canonical_bytes(version_frame(k))) for k in range(versions)
    }
    store = ds.DataStore(path)
    rng = random.Random(6)
    rounds = 0
    checked: set[str] = set()
    torn = 0
    seen_temps: set[Path] = set()
    while len(store.changes()) < 200:
        rounds += 1
        assert rounds < 400, "saves make no progress"
        start = rng.randrange(versions)
        ready = CTX.Event()
        done = CTX.Value("i", 0)
        child = CTX.Process(target=_saver, args=(str(path), start, ready, done))
        child.start()
        assert ready.wait(timeout=30)
        # a random moment: after 0-4 complete saves, at a random point inside the next one
        # (measured in save durations, so the test does the same work on a slow machine)
        began = time.monotonic()
        wanted = rng.randint(0, 4)
        while done.value < wanted:
            assert time.monotonic() - began < 60, "the writer makes no progress"
            time.sleep(0.001)
        per_save = (time.monotonic() - began) / wanted if wanted else 0.05
        time.sleep(rng.uniform(0.0, per_save))
        os.kill(child.pid or 0, signal.SIGKILL)
        child.join(timeout=30)
        assert child.exitcode == -signal.SIGKILL
        temps = set(tmp_path.glob(".facilities.csv.*.tmp"))  # left by a kill inside a write
        torn += bool(temps - seen_temps)
        seen_temps |= temps
        problem = check_complete_version(path.read_bytes(), valid)
        assert problem is None, f"round {rounds}: {problem}"
        for version in store.history():
            if version.version_id in checked:
                continue
            checked.add(version.version_id)
            assert content_of(version.path.read_bytes()) in valid
            assert ds.content_hash(version.path.read_bytes())[:12] == version.content_hash
    # the log still parses (a cut-off last line is skipped) and ends on the live file
    frame, _, h = store.snapshot()
    store.save(version_frame(versions - 1), expected_hash=h, user="after")
    log = store.changes()
    external = sum(e["action"] == "external" for e in log)
    print(f"{rounds} kills, {torn} inside a write, {external} between rename and log entry")
    assert log[-1]["user"] == "after"
    for before, after in zip(log, log[1:], strict=False):
        assert after["previous_hash"] == before["new_hash"]


def _die_at_replace(path: str, nth: int, after: bool) -> None:
    """Save once, dying by SIGKILL at the nth os.replace (history copy = 1, data file = 2)."""
    real_replace = os.replace
    calls = 0

    def replace(src: str, dst: str) -> None:
        nonlocal calls
        calls += 1
        if calls == nth and not after:
            os.kill(os.getpid(), signal.SIGKILL)
        real_replace(src, dst)
        if calls == nth and after:
            os.kill(os.getpid(), signal.SIGKILL)

    os.replace = replace  # type: ignore[assignment]  # only in this forked child
    store = ds.DataStore(path)
    _, _, h = store.snapshot()
    store.save(version_frame(2), expected_hash=h, user="dies")


@pytest.mark.parametrize(
    ("nth", "after", "file_is_new"),
    [
        (1, False, False),  # before the previous version is in the history
        (2, False, False),  # history copy done, data file not yet replaced
        (2, True, True),  # data file replaced, change log not yet written
    ],
)
def test_kill_at_each_step_of_a_save(
    tmp_path: Path, nth: int, after: bool, file_is_new: bool
) -> None:
    path = tmp_path / "facilities.csv"
    store = ds.DataStore(path)
    _, _, h = store.snapshot()
    store.save(version_frame(1), expected_hash=h, user="first")
    old = path.read_bytes()
    twin = tmp_path / "twin" / "facilities.csv"  # the same save, not killed: the bytes to expect
    twin.parent.mkdir()
    twin.write_bytes(old)
    twin_store = ds.DataStore(twin)
    twin_store.save(version_frame(2), expected_hash=twin_store.snapshot()[2], user="twin")
    new = twin.read_bytes()
    child = CTX.Process(target=_die_at_replace, args=(str(path), nth, after))
    child.start()
    child.join(timeout=60)
    assert child.exitcode == -signal.SIGKILL
    assert path.read_bytes() == (new if file_is_new else old)
    assert [e["user"] for e in store.changes()] == ["first"]
    # the next save goes on from whatever is there; an unlogged change is logged, not hidden
    frame, _, h = store.snapshot()
    store.save(version_frame(3), expected_hash=h, user="next")
    actions = [e["action"] for e in store.changes()]
    assert actions == (["edit", "external", "edit"] if file_is_new else ["edit", "edit"])
    log = store.changes()
    for before, after_entry in zip(log, log[1:], strict=False):
        assert after_entry["previous_hash"] == before["new_hash"]
