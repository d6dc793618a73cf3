"""Write the data source: canonical UTF-8 CSV, atomically (temp file, fsync, rename)."""

from __future__ import annotations

import contextlib
import csv
import io
import math
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import pandas as pd

from equality_map import schema as s


def format_cell(column: str, value: Any) -> str:
    """Format one typed value for the canonical CSV (the inverse of the loader's parsing)."""
    if isinstance(value, list | tuple):
        return "; ".join(str(v) for v in value)
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, float):
        if math.isnan(value):
            return ""
        if column in s.COUNT_COLUMNS and value.is_integer():
            return str(int(value))
        return repr(value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    if hasattr(value, "isoformat") and column in s.DATE_COLUMNS:
        return str(value.isoformat())[:10]
    return str(value)


def output_columns(frame: pd.DataFrame) -> list[str]:
    """Canonical columns first, then extra columns in their order; internal '_' columns dropped."""
    extras = [
        c
        for c in frame.columns
        if c not in s.COLUMNS and c not in s.DERIVED_COLUMNS and not str(c).startswith("_")
    ]
    return [*s.COLUMNS, *extras]


def to_csv_bytes(frame: pd.DataFrame, columns: Iterable[str] | None = None) -> bytes:
    """The frame as canonical UTF-8 CSV bytes (comma, minimal quoting, LF line ends)."""
    cols = list(columns) if columns is not None else output_columns(frame)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(cols)
    present = [c for c in cols if c in frame.columns]
    records = frame[present].to_dict("records") if present else [{} for _ in range(len(frame))]
    for record in records:
        writer.writerow([format_cell(c, record.get(c)) for c in cols])
    return buffer.getvalue().encode("utf-8")


def atomic_write_bytes(path: str | Path, data: bytes) -> None:
    """Replace `path` with `data` so that readers see the old or the new file, never a mix."""
    path = Path(path)
    directory = path.parent if str(path.parent) else Path(".")
    # mkstemp creates 0600 files: a new file gets the usual mode (0666 minus the umask) so a
    # web server can read an export; an existing file keeps its mode.
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~_current_umask()
    fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=directory)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(tmp_name, mode)
        os.replace(tmp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp_name)
        raise
    _fsync_directory(directory)


def _current_umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _fsync_directory(directory: Path) -> None:
    try:
        dir_fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(dir_fd)
    except OSError:
        pass
    finally:
        os.close(dir_fd)


def save_facilities(frame: pd.DataFrame, path: str | Path) -> None:
    """Write the frame as canonical UTF-8 CSV, atomically; extra columns kept in their order."""
    atomic_write_bytes(path, to_csv_bytes(frame))
