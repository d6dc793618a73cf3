"""Load a data file: read (bytes -> raw table), validate (rows -> typed frame), report issues.

`load_facilities(path)` accepts what German Excel and LibreOffice write (see `read`) and
returns the valid rows plus a list of `Issue`s (see `validate`). It never raises for bad input
and never writes.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from equality_map import schema as s
from equality_map.fields import parse_number
from equality_map.issues import Issue, IssueCollector
from equality_map.read import (
    MAX_FILE_BYTES,
    RawTable,
    UnreadableError,
    decode_bytes,
    detect_delimiter,
    parse_bytes,
    read_table,
)
from equality_map.validate import STALE_AFTER_DAYS, validate_table

__all__ = [
    "MAX_FILE_BYTES",
    "STALE_AFTER_DAYS",
    "LoadResult",
    "RawTable",
    "decode_bytes",
    "detect_delimiter",
    "empty_frame",
    "load_facilities",
    "load_facilities_bytes",
    "parse_bytes",
    "parse_number",
]


class LoadResult(NamedTuple):
    """The valid rows (index = line number in the file) and all issues found."""

    frame: pd.DataFrame
    issues: list[Issue]

    @property
    def errors(self) -> list[Issue]:
        """Issues that exclude a row or the whole file."""
        return [i for i in self.issues if i.severity == "error"]

    @property
    def warnings(self) -> list[Issue]:
        """Issues that keep the row."""
        return [i for i in self.issues if i.severity == "warning"]

    @property
    def unreadable(self) -> bool:
        """True when the file could not be read as a table at all."""
        return any(i.code == "unreadable" for i in self.issues)


def empty_frame() -> pd.DataFrame:
    """A frame with the canonical columns and no rows."""
    frame = pd.DataFrame({c: pd.Series([], dtype=object) for c in s.COLUMNS})
    frame.index.name = "row"
    return apply_dtypes(frame)


def apply_dtypes(frame: pd.DataFrame) -> pd.DataFrame:
    """Typed columns: floats for coordinates, nullable Int64 counts, dates, bools, str."""
    frame[s.LAT] = pd.to_numeric(frame[s.LAT], errors="coerce").astype("float64")
    frame[s.LON] = pd.to_numeric(frame[s.LON], errors="coerce").astype("float64")
    for column in s.COUNT_COLUMNS:
        frame[column] = pd.array(list(frame[column]), dtype="Int64")
    for column in s.DATE_COLUMNS:
        frame[column] = pd.to_datetime(
            pd.Series(list(frame[column]), index=frame.index, dtype=object)
        ).astype("datetime64[ns]")
    frame[s.ADDRESS_CONFIDENTIAL] = frame[s.ADDRESS_CONFIDENTIAL].astype(bool)
    for col in s.TEXT_COLUMNS:
        frame[col] = frame[col].astype(object)
    return frame


def _frame(rows: list[tuple[int, dict[str, Any]]]) -> pd.DataFrame:
    if not rows:
        return empty_frame()
    extras = list(dict.fromkeys(k for _, r in rows for k in r if k.startswith("extra:")))
    data: dict[str, list[Any]] = {col: [r[col] for _, r in rows] for col in s.COLUMNS}
    for extra in extras:
        data[extra[6:]] = [r.get(extra, "") for _, r in rows]
    index = pd.Index([line for line, _ in rows], name="row")
    return apply_dtypes(pd.DataFrame(data, index=index, dtype=object))


def _load(read: Any, name: str, today: date | None) -> LoadResult:
    collector = IssueCollector(name)
    try:
        raw: RawTable = read()
    except UnreadableError as exc:
        collector.error("unreadable", None, None, "", text_key=f"issue.unreadable.{exc.reason}",
                        **exc.params)  # fmt: skip
        return LoadResult(empty_frame(), collector.issues)
    rows = validate_table(raw, collector, today=today or date.today())
    frame = _frame(rows)
    if not rows:  # keep the extra columns of the header even without valid rows
        for cell in raw.header:
            name_ = cell.strip()
            if name_ and s.canonical_column(name_) is None and name_ not in frame.columns:
                frame[name_] = pd.Series([], dtype=object)
    return LoadResult(frame, collector.issues)


def load_facilities(path: str | Path, *, today: date | None = None) -> LoadResult:
    """Load and validate the data source at `path`; never raises for bad input, never writes."""
    path = Path(path)
    return _load(lambda: read_table(path), str(path), today)


def load_facilities_bytes(data: bytes, name: str, *, today: date | None = None) -> LoadResult:
    """Load an upload held in memory; `name` is shown in issues and decides CSV vs XLSX."""
    return _load(lambda: parse_bytes(data, name), name, today)
