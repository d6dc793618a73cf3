"""Safe updates of the CSV data source: locked atomic saves, history, change log, restore.

Maintainers are not programmers, so every write here is guarded (issue 6):

- nothing is written when the new data has errors (the loader's own messages, as in the CLI);
- a save names the content hash it started from; if someone else saved since, it is refused
  with `StaleDataError`, which carries the other change (no lost updates);
- writes hold a cross-process file lock, go to a temp file, are fsynced and renamed into place
  (never a half-written file);
- the previous version is copied to a history directory first, and an append-only JSON-lines
  change log records who, when, what (counts and ids); restoring is itself a logged save.

Pure core: no streamlit. The clock and the paths are parameters so tests can inject them.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import re
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd
from filelock import FileLock, Timeout

from equality_map.changes import Diff, Geocoder, diff, geocode_changed, validate_frame
from equality_map.issues import Issue
from equality_map.load import empty_frame, load_facilities_bytes
from equality_map.rewrite import preserving_bytes
from equality_map.store import atomic_write_bytes, to_csv_bytes

#: Uploads larger than this are refused before parsing (the data source is a few MB at most).
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
#: How long a save waits for another process's save to finish.
LOCK_TIMEOUT_SECONDS = 30.0
#: Temp files of interrupted writes older than this are removed at the next save.
STALE_TEMP_SECONDS = 600.0
#: Hash of a data file that does not exist yet.
ABSENT_HASH = hashlib.sha256(b"").hexdigest()
_VERSION_ID = re.compile(r"^\d{8}T\d{6}_\d{6}Z-[0-9a-f]{12}(-\d+)?$")

Clock = Callable[[], datetime]


# --- errors ------------------------------------------------------------------------------------


class DataStoreError(Exception):
    """Base class: a save or restore was refused; nothing was written."""


class DataValidationError(DataStoreError):
    """The new data has errors; `issues` lists them (row and column, as in the CLI)."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        errors = [i for i in issues if i.severity == "error"]
        super().__init__(
            f"not saved: {len(errors)} error(s) in the new data; fix them and save again"
        )


class StaleDataError(DataStoreError):
    """Someone else saved since this data was loaded; `diff` and `changes` show their change."""

    def __init__(
        self,
        expected_hash: str,
        current_hash: str,
        diff: Diff | None,
        changes: list[dict[str, Any]],
    ) -> None:
        self.expected_hash = expected_hash
        self.current_hash = current_hash
        self.diff = diff
        self.changes = changes
        who = ", ".join(
            f"{c.get('user', '?')} ({c.get('time', '?')}, {c.get('action', '?')})" for c in changes
        )
        super().__init__(
            "not saved: the data was changed by someone else since you loaded it"
            + (f" ({who})" if who else "")
            + "; reload the page, look at their change and apply yours again"
        )


class BrokenRowsError(DataStoreError):
    """The current file has rows with errors that a merge or edit would silently drop."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        rows = sorted({i.row for i in issues if i.row is not None})
        shown = ", ".join(map(str, rows[:20])) + (" ..." if len(rows) > 20 else "")
        super().__init__(
            f"not saved: the current file has {len(rows)} row(s) with errors (rows {shown}) "
            "that are not shown here and would be lost; fix them in the file and upload it "
            "with 'replace', or restore an earlier version"
        )


class DataLockedError(DataStoreError):
    """Another save held the lock for too long."""


class UnknownVersionError(DataStoreError):
    """A restore named a version that is not in the history directory."""


# --- value objects -----------------------------------------------------------------------------


class Snapshot(NamedTuple):
    """The data as loaded: valid rows, all issues, and the hash of the exact file bytes."""

    frame: pd.DataFrame
    issues: list[Issue]
    content_hash: str


@dataclass(frozen=True)
class Version:
    """One previous version kept in the history directory."""

    version_id: str
    path: Path
    saved_at: datetime
    content_hash: str
    size: int


@dataclass(frozen=True)
class SaveResult:
    """What a save did: hashes, the diff, the history copy of the previous version, the log."""

    written: bool
    previous_hash: str
    new_hash: str
    diff: Diff
    previous_version: str | None
    entry: dict[str, Any] | None


# --- pure helpers ------------------------------------------------------------------------------


def content_hash(data: bytes) -> str:
    """SHA-256 of the exact file bytes (hex)."""
    return hashlib.sha256(data).hexdigest()


def _now_utc() -> datetime:
    return datetime.now(UTC)


# --- the store ---------------------------------------------------------------------------------


class DataStore:
    """The data source file with locked, atomic, versioned, logged saves."""

    def __init__(
        self,
        path: str | Path,
        history_dir: str | Path | None = None,
        log_path: str | Path | None = None,
        *,
        clock: Clock = _now_utc,
        lock_timeout: float = LOCK_TIMEOUT_SECONDS,
    ) -> None:
        self.path = Path(path)
        self.history_dir = (
            Path(history_dir) if history_dir is not None else self.path.parent / ".history"
        )
        self.log_path = (
            Path(log_path) if log_path is not None else self.history_dir / "changes.jsonl"
        )
        self.lock_path = self.path.with_name(f".{self.path.name}.lock")
        self.clock = clock
        self.lock_timeout = lock_timeout

    # reading

    def read_bytes(self) -> bytes:
        """The current file content (empty when the file does not exist yet)."""
        try:
            return self.path.read_bytes()
        except FileNotFoundError:
            return b""

    def current_hash(self) -> str:
        """Hash of the current file bytes."""
        return content_hash(self.read_bytes())

    def snapshot(self) -> Snapshot:
        """Load the current data; the hash is of the very bytes that were parsed."""
        data = self.read_bytes()
        if not data and not self.path.exists():
            return Snapshot(empty_frame(), [], ABSENT_HASH)
        result = load_facilities_bytes(data, self.path.name)
        return Snapshot(result.frame, result.issues, content_hash(data))

    def history(self) -> list[Version]:
        """Previous versions kept in the history directory, newest first."""
        if not self.history_dir.is_dir():
            return []
        versions: list[Version] = []
        for p in self.history_dir.glob("*.csv"):
            if not _VERSION_ID.match(p.stem):
                continue
            try:
                saved_at = datetime.strptime(p.stem[:23], "%Y%m%dT%H%M%S_%fZ").replace(tzinfo=UTC)
                size = p.stat().st_size
            except (ValueError, OSError):
                continue
            versions.append(Version(p.stem, p, saved_at, p.stem.split("-")[1], size))
        versions.sort(key=lambda v: v.version_id, reverse=True)
        return versions

    def version_bytes(self, version_id: str) -> bytes:
        """The content of one history version; refuses names that are not in the history."""
        if not _VERSION_ID.match(version_id):
            raise UnknownVersionError(f"'{version_id}' is not a version name")
        path = self.history_dir / f"{version_id}.csv"
        try:
            return path.read_bytes()
        except FileNotFoundError:
            raise UnknownVersionError(f"version '{version_id}' is not in the history") from None

    def changes(self) -> list[dict[str, Any]]:
        """The change log, oldest first; a line cut off by a crash is skipped."""
        try:
            text = self.log_path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return []
        entries: list[dict[str, Any]] = []
        for line in text.splitlines():
            if not line.strip():
                continue
            try:
                entry = json.loads(line)
            except json.JSONDecodeError:
                continue
            if isinstance(entry, dict):
                entries.append(entry)
        return entries

    # writing

    def save(
        self,
        frame: pd.DataFrame,
        *,
        expected_hash: str,
        user: str,
        summary: str = "",
        action: str = "edit",
        geocoder: Geocoder | None = None,
    ) -> SaveResult:
        """Validate `frame` and write it if the file still has `expected_hash`.

        Raises DataValidationError (nothing written), StaleDataError (someone else saved
        first), DataLockedError. New or changed entries go through `geocoder` first.
        """
        with self._locked():
            current = self.read_bytes()
            current_hash = content_hash(current) if self.path.exists() else ABSENT_HASH
            self._check_fresh(expected_hash, current_hash)
            current_frame = self._frame_of(current)
            if action != "upload-replace" and current:
                # Rows with errors are not in current_frame: writing would drop them.
                broken = [
                    i
                    for i in load_facilities_bytes(current, self.path.name).issues
                    if i.severity == "error"
                ]
                if broken:
                    raise BrokenRowsError(broken)
            if geocoder is not None:
                frame = geocode_changed(current_frame, frame, geocoder)
            result = validate_frame(frame, "new data")
            if result.errors:
                raise DataValidationError(result.issues)
            # the file as the maintainer keeps it, changed only where the data changed; the
            # canonical form where that is not possible (new file, XLSX, replace)
            kept = (
                preserving_bytes(current, self.path.name, current_frame, result.frame)
                if current and action != "upload-replace"
                else None
            )
            return self._commit(
                kept if kept is not None else to_csv_bytes(result.frame),
                result.frame,
                current,
                current_hash,
                current_frame,
                user=user,
                action=action,
                summary=summary,
            )

    def restore(self, version_id: str, *, expected_hash: str, user: str) -> SaveResult:
        """Make a history version current again, byte for byte; a new, logged version."""
        data = self.version_bytes(version_id)
        loaded = load_facilities_bytes(data, f"{version_id}.csv")
        if loaded.unreadable:
            raise DataValidationError(loaded.issues)
        with self._locked():
            current = self.read_bytes()
            current_hash = content_hash(current) if self.path.exists() else ABSENT_HASH
            self._check_fresh(expected_hash, current_hash)
            return self._commit(
                data,
                loaded.frame,
                current,
                current_hash,
                self._frame_of(current),
                user=user,
                action="restore",
                summary=f"restored version {version_id}",
                extra={"restored_version": version_id},
            )

    # internals

    @contextlib.contextmanager
    def _locked(self) -> Iterator[None]:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        lock = FileLock(str(self.lock_path), timeout=self.lock_timeout)
        try:
            lock.acquire()
        except Timeout:
            raise DataLockedError(
                "another save is still running; wait a moment and save again"
            ) from None
        try:
            self._remove_stale_temp_files()
            yield
        finally:
            lock.release()

    def _remove_stale_temp_files(self) -> None:
        """Temp files left by a killed writer (the rename never happened) are garbage."""
        now = time.time()
        for tmp in self.path.parent.glob(f".{self.path.name}.*.tmp"):
            with contextlib.suppress(OSError):
                if now - tmp.stat().st_mtime > STALE_TEMP_SECONDS:
                    tmp.unlink()

    def _frame_of(self, data: bytes) -> pd.DataFrame:
        if not data:
            return empty_frame()
        return load_facilities_bytes(data, self.path.name).frame

    def _check_fresh(self, expected_hash: str, current_hash: str) -> None:
        if expected_hash == current_hash:
            return
        other: Diff | None = None
        base = self._find_version(expected_hash)
        if base is not None:
            other = diff(self._frame_of(base), self._frame_of(self.read_bytes()))
        changes = self.changes()
        since = [i for i, c in enumerate(changes) if c.get("previous_hash") == expected_hash]
        recent = changes[since[-1] :] if since else changes[-1:]
        raise StaleDataError(expected_hash, current_hash, other, recent)

    def _find_version(self, wanted: str) -> bytes | None:
        if wanted == ABSENT_HASH:
            return b""
        for path in self.history_dir.glob(f"*-{wanted[:12]}*.csv"):
            data = path.read_bytes()
            if content_hash(data) == wanted:
                return data
        return None

    def _commit(
        self,
        data: bytes,
        new_frame: pd.DataFrame,
        current: bytes,
        current_hash: str,
        current_frame: pd.DataFrame,
        *,
        user: str,
        action: str,
        summary: str,
        extra: dict[str, Any] | None = None,
    ) -> SaveResult:
        new_hash = content_hash(data)
        changes = diff(current_frame, new_frame)
        if new_hash == current_hash:
            return SaveResult(False, current_hash, new_hash, changes, None, None)
        now = self.clock()
        self._log_external_change(current_hash, now)
        previous_version = None
        if self.path.exists():
            previous_version = self._keep_version(current, current_hash, now)
        atomic_write_bytes(self.path, data)
        entry: dict[str, Any] = {
            "time": now.isoformat(),
            "user": user,
            "action": action,
            "summary": summary,
            "previous_hash": current_hash,
            "new_hash": new_hash,
            "previous_version": previous_version,
            "counts": {**changes.counts(), "rows": len(new_frame)},
            "added": changes.added,
            "removed": changes.removed,
            "changed": changes.changed_ids,
            **(extra or {}),
        }
        self._append_log(entry)
        return SaveResult(True, current_hash, new_hash, changes, previous_version, entry)

    def _log_external_change(self, current_hash: str, now: datetime) -> None:
        """A file changed outside the app (hand edit, interrupted save) is logged, not hidden."""
        changes = self.changes()
        if not changes:
            return
        last = changes[-1].get("new_hash")
        if last is not None and last != current_hash:
            self._append_log(
                {
                    "time": now.isoformat(),
                    "user": "(unknown)",
                    "action": "external",
                    "summary": "the file was changed outside the app or a save was interrupted",
                    "previous_hash": last,
                    "new_hash": current_hash,
                }
            )

    def _keep_version(self, data: bytes, data_hash: str, now: datetime) -> str:
        self.history_dir.mkdir(parents=True, exist_ok=True)
        stamp = now.astimezone(UTC).strftime("%Y%m%dT%H%M%S_%fZ")
        version_id = f"{stamp}-{data_hash[:12]}"
        n = 1
        while (self.history_dir / f"{version_id}.csv").exists():
            n += 1
            version_id = f"{stamp}-{data_hash[:12]}-{n}"
        atomic_write_bytes(self.history_dir / f"{version_id}.csv", data)
        return version_id

    def _append_log(self, entry: dict[str, Any]) -> None:
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n"
        fd = os.open(self.log_path, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            size = os.fstat(fd).st_size
            if size:
                # a crash may have cut the last line; start ours on a fresh line
                with open(self.log_path, "rb") as handle:
                    handle.seek(size - 1)
                    if handle.read(1) != b"\n":
                        line = "\n" + line
            os.write(fd, line.encode("utf-8"))
            os.fsync(fd)
        finally:
            os.close(fd)
