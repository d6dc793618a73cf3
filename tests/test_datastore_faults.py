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
from multiprocessing.synchronize import Barrier, Event
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

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
    result = ds.validate_frame(frame)
    assert not result.errors
    return to_csv_bytes(result.frame)


def check_complete_version(data: bytes, valid_hashes: set[str]) -> str | None:
    """None if `data` parses cleanly and is one complete version; otherwise what is wrong."""
    if not data:
        return "empty file"
    result = load_facilities_bytes(data, "check.csv")
    if result.errors:
        return f"does not parse: {result.errors[0].format()}"
    if ds.content_hash(data) not in valid_hashes:
        return "parses, but is not any complete version that was written"
    return None


def _saver(path: str, start: int, ready: Event) -> None:
    store = ds.DataStore(path)
    ready.set()
    k = start
    while True:
        _, _, h = store.snapshot()
        store.save(version_frame(k % VERSIONS), expected_hash=h, user="killed-writer")
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
    while len(store.changes()) < 200:
        rounds += 1
        assert rounds < 400, "saves make no progress"
        start = rng.randrange(versions)
        ready = CTX.Event()
        child = CTX.Process(target=_saver, args=(str(path), start, ready))
        child.start()
        assert ready.wait(timeout=30)
        # a random moment: anywhere from before the first save to a few saves in
        time.sleep(rng.uniform(0.0, 0.3))
        os.kill(child.pid or 0, signal.SIGKILL)
        child.join(timeout=30)
        assert child.exitcode == -signal.SIGKILL
        problem = check_complete_version(path.read_bytes(), valid)
        assert problem is None, f"round {rounds}: {problem}"
        for version in store.history():
            if version.version_id in checked:
                continue
            checked.add(version.version_id)
            assert ds.content_hash(version.path.read_bytes()) in valid
            assert ds.content_hash(version.path.read_bytes())[:12] == version.content_hash
    # the log still parses (a cut-off last line is skipped) and ends on the live file
    frame, _, h = store.snapshot()
    store.save(version_frame(versions - 1), expected_hash=h, user="after")
    log = store.changes()
    assert log[-1]["user"] == "after"
    for before, after in zip(log, log[1:], strict=False):
        assert after["previous_hash"] == before["new_hash"]
