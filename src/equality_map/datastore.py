"""Safe updates of the CSV data source: validate, diff, merge, locked atomic saves, history.

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
import importlib
import json
import os
import re
import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd
from filelock import FileLock, Timeout

from equality_map import schema as s
from equality_map.issues import Issue
from equality_map.load import LoadResult, empty_frame, load_facilities_bytes, parse_bytes
from equality_map.store import atomic_write_bytes, format_cell, output_columns, to_csv_bytes

#: Uploads larger than this are refused before parsing (the data source is a few MB at most).
MAX_UPLOAD_BYTES = 20 * 1024 * 1024
#: How long a save waits for another process's save to finish.
LOCK_TIMEOUT_SECONDS = 30.0
#: Temp files of interrupted writes older than this are removed at the next save.
STALE_TEMP_SECONDS = 600.0
#: Hash of a data file that does not exist yet.
ABSENT_HASH = hashlib.sha256(b"").hexdigest()
#: Columns filled by geocoding.
GEOCODE_COLUMNS: tuple[str, ...] = (s.LAT, s.LON, s.GEOCODE_PRECISION, s.GEOCODE_SOURCE)
_VERSION_ID = re.compile(r"^\d{8}T\d{6}_\d{6}Z-[0-9a-f]{12}(-\d+)?$")

Clock = Callable[[], datetime]
Geocoder = Callable[[pd.DataFrame], pd.DataFrame]


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
class FieldChange:
    """One changed field of an entry matched by id."""

    id: str
    field: str
    before: str
    after: str


@dataclass(frozen=True)
class Diff:
    """Entries added, removed (ids) and changed (field by field) between two versions."""

    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    changed: list[FieldChange] = field(default_factory=list)

    @property
    def changed_ids(self) -> list[str]:
        """Ids of changed entries, in order of first change."""
        return list(dict.fromkeys(c.id for c in self.changed))

    @property
    def is_empty(self) -> bool:
        """True when both versions hold the same entries with the same values."""
        return not (self.added or self.removed or self.changed)

    def counts(self) -> dict[str, int]:
        """Numbers of added, removed and changed entries."""
        return {
            "added": len(self.added),
            "removed": len(self.removed),
            "changed": len(self.changed_ids),
        }


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


def _rows_by_id(frame: pd.DataFrame) -> dict[str, dict[str, Any]]:
    if len(frame) == 0 or s.ID not in frame.columns:
        return {}
    records = frame.to_dict("records")
    return {str(r[s.ID]): {str(k): v for k, v in r.items()} for r in records}


def diff(old: pd.DataFrame, new: pd.DataFrame) -> Diff:
    """Compare two loaded frames matched by id; values compared as they would be written."""
    before = _rows_by_id(old)
    after = _rows_by_id(new)
    columns = list(dict.fromkeys([*output_columns(old), *output_columns(new)]))
    added = [i for i in after if i not in before]
    removed = [i for i in before if i not in after]
    changed: list[FieldChange] = []
    for entry_id, row in after.items():
        if entry_id not in before:
            continue
        old_row = before[entry_id]
        for col in columns:
            a = format_cell(col, old_row.get(col, ""))
            b = format_cell(col, row.get(col, ""))
            if a != b:
                changed.append(FieldChange(entry_id, col, a, b))
    return Diff(added, removed, changed)


def uploaded_columns(data: bytes, name: str) -> set[str]:
    """Canonical columns present in an upload's header (to merge only what the file holds)."""
    try:
        raw = parse_bytes(data, name)
    except Exception:  # an unreadable file is reported by the loader; here it holds nothing
        return set()
    found: set[str] = set()
    for cell in raw.header:
        column = s.canonical_column(cell.strip())
        if column is not None:
            found.add(column)
    extras = {c.strip() for c in raw.header if c.strip() and s.canonical_column(c.strip()) is None}
    return found | extras


def merge(
    current: pd.DataFrame, incoming: pd.DataFrame, columns: Iterable[str] | None = None
) -> pd.DataFrame:
    """Add new entries, update changed ones, keep the rest (matched by id).

    With `columns`, existing entries take only those columns from `incoming`, so an upload
    without coordinates does not erase them. New entries are appended in upload order.
    """
    cols_all = list(dict.fromkeys([*current.columns, *incoming.columns]))
    take = set(incoming.columns) if columns is None else set(columns) & set(incoming.columns)
    take.discard(s.ID)
    incoming_rows = _rows_by_id(incoming)
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for row in current.to_dict("records"):
        entry_id = str(row[s.ID])
        seen.add(entry_id)
        new = incoming_rows.get(entry_id)
        merged = {c: row.get(c, "") for c in cols_all}
        if new is not None:
            for col in take:
                merged[col] = new.get(col, "")
        out.append(merged)
    for entry_id, new in incoming_rows.items():
        if entry_id not in seen:
            out.append({c: new.get(c, "") for c in cols_all})
    return _frame_from_records(out, cols_all)


def _frame_from_records(records: list[dict[str, Any]], columns: list[str]) -> pd.DataFrame:
    if not records:
        frame = empty_frame()
        for col in columns:
            if col not in frame.columns:
                frame[col] = pd.Series([], dtype=object)
        return frame
    frame = pd.DataFrame(records, columns=columns)
    frame.index = pd.RangeIndex(2, len(frame) + 2, name="row")
    return frame


def validate_frame(frame: pd.DataFrame, name: str = "edited data") -> LoadResult:
    """Validate edited rows exactly as the CLI validates a file (canonical CSV -> loader).

    Issue rows are line numbers of that CSV: row N is the (N-2)th entry of `frame` in order.
    """
    return load_facilities_bytes(to_csv_bytes(_for_output(frame)), f"{name}.csv")


def _for_output(frame: pd.DataFrame) -> pd.DataFrame:
    """Canonical columns present (missing ones empty), extras kept in order."""
    out = frame.copy()
    for col in s.COLUMNS:
        if col not in out.columns:
            out[col] = ""
    return out[output_columns(out)]


def geocode_changed(
    previous: pd.DataFrame, frame: pd.DataFrame, geocoder: Geocoder | None
) -> pd.DataFrame:
    """Run `geocoder` on new or changed entries only; other rows are left as they are."""
    if geocoder is None or len(frame) == 0:
        return frame
    d = diff(previous, frame)
    ids = set(d.added) | set(d.changed_ids)
    mask = frame[s.ID].astype(str).isin(ids)
    if not mask.any():
        return frame
    subset = frame.loc[mask].copy()
    result = geocoder(subset)
    out = frame.copy()
    for col in GEOCODE_COLUMNS:
        if col in result.columns:
            if col not in out.columns:
                out[col] = "" if col not in (s.LAT, s.LON) else float("nan")
            values = result[col].reindex(subset.index)
            out.loc[mask, col] = values.to_numpy()
    return out


def offline_geocoder() -> Geocoder | None:
    """The offline geocoder (cache read-only + gazetteer) of `equality_map.geocode`, if present.

    Looked up at run time so the Data page geocodes once that module is installed; it accepts
    `geocode_offline(frame) -> frame` or `-> (frame, issues)`.
    """
    try:
        module = importlib.import_module("equality_map.geocode")
    except ImportError:
        return None
    func = getattr(module, "geocode_offline", None)
    if not callable(func):
        return None

    def run(frame: pd.DataFrame) -> pd.DataFrame:
        result = func(frame)
        out = result[0] if isinstance(result, tuple) else result
        return out if isinstance(out, pd.DataFrame) else frame

    return run


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
            return self._commit(
                to_csv_bytes(result.frame),
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


def history_dir_for(data_path: Path, configured: str | None) -> Path:
    """The history directory: configured (env EQUALITY_MAP_HISTORY_DIR) or `<data dir>/.history`."""
    return Path(configured) if configured else data_path.parent / ".history"


def editor_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """The loaded frame for a table editor: lists as 'a; b' text, a plain 0..n-1 index."""
    out = _for_output(frame).reset_index(drop=True)
    for col in s.LIST_COLUMNS:
        out[col] = [_list_text(v) for v in out[col]]
        out[col] = out[col].astype(object)
    return out


def _list_text(value: Any) -> Any:
    if isinstance(value, list | tuple):
        return "; ".join(str(x) for x in value)
    return "" if value is None else value


def editor_row(issue_row: int | None) -> int | None:
    """The 1-based table row of an issue found by `validate_frame` (line 2 is table row 1)."""
    return None if issue_row is None else issue_row - 1


def online_candidates(frame: pd.DataFrame) -> pd.Series:
    """Rows an online geocode may improve: a street or postcode, not confidential, and no
    coordinates better than the municipality's point."""
    if len(frame) == 0:
        return pd.Series([], dtype=bool)
    confidential = frame[s.ADDRESS_CONFIDENTIAL].fillna(True).astype(bool)
    has_address = (frame[s.STREET].fillna("").astype(str) != "") | (
        frame[s.POSTCODE].fillna("").astype(str) != ""
    )
    no_coords = frame[s.LAT].isna() | frame[s.LON].isna()
    coarse = frame[s.GEOCODE_SOURCE].fillna("").astype(str).eq("gazetteer") | frame[
        s.GEOCODE_PRECISION
    ].fillna("").astype(str).eq("city")
    return ~confidential & has_address & (no_coords | coarse)


def refine_online(
    frame: pd.DataFrame,
    online: Any,
    *,
    cache: Any = None,
    progress: Callable[..., Any] | None = None,
) -> tuple[pd.DataFrame, list[Issue]]:
    """Geocode the online candidates with the (rate-limited) online geocoder; others untouched.

    Confidential rows are never candidates, so their addresses never leave the app.
    """
    from equality_map.geocode import geocode_frame

    mask = online_candidates(frame)
    if not mask.any():
        return frame, []
    subset = frame.loc[mask].copy()
    subset[s.LAT] = float("nan")
    subset[s.LON] = float("nan")
    subset[s.GEOCODE_PRECISION] = ""
    subset[s.GEOCODE_SOURCE] = ""
    located, issues = geocode_frame(subset, cache=cache, online=online, progress=progress)
    out = frame.copy()
    for col in GEOCODE_COLUMNS:
        out.loc[mask, col] = located[col].reindex(subset.index).to_numpy()
    return out, issues
