"""Save a changed table into its file with the smallest change: a 5-row edit is a 5-line diff.

Writing the whole table in canonical form turned every save into a diff of every line (other
quoting, separator, column order, spelling of lists and dates) and lost the maintainer's own
headers and order. `preserving_bytes` keeps the file as it is — encoding, separator, line ends,
title lines, header names, column order, extra columns, row order — and rewrites only:

* rows whose values changed (and in them only the cells that changed),
* rows that were removed (dropped), rows that are new (appended at the end),
* the header, when a column must be added (then every line gains its empty cell).

The result is read back and compared with the table that was meant to be saved; on any
difference (or for XLSX sources, or text the file's encoding cannot hold) it returns None and
the caller writes the canonical form instead. Data is never lost either way.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Sequence
from typing import Any, cast

import pandas as pd

from equality_map import i18n, vocab
from equality_map import schema as s
from equality_map.changes import diff
from equality_map.header import EXTRA, map_header
from equality_map.issues import IssueCollector
from equality_map.load import load_facilities_bytes
from equality_map.read import RawTable, UnreadableError, decode_bytes, parse_bytes
from equality_map.store import format_cell

_LINES = re.compile(r"[^\r\n]*(?:\r\n|\r|\n)|[^\r\n]+$")
_ENCODINGS = {"utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252", "iso8859_15", "mac_roman",
              "cp850"}  # fmt: skip


def _cell_text(column: str, value: Any) -> str:
    return format_cell(column, value)


def _has_values(frame: pd.DataFrame, column: str) -> bool:
    return any(_cell_text(column, v) for v in frame[column])


def _differs(old: pd.DataFrame, new: pd.DataFrame, column: str) -> bool:
    """Whether a row that is in both tables has another text in `column` now."""
    before = dict(zip(old[s.ID].astype(str), old[column], strict=True)) if column in old else {}
    return any(
        str(r) in before and not _same({column: before[str(r)]}, {column: v}, [column])
        for r, v in zip(new[s.ID], new[column], strict=True)
    )


def _label_columns(raw: RawTable, file_columns: list[str | None]) -> set[str]:
    """Category and list columns the file writes as German labels rather than keys."""
    out = set()
    for index, column in enumerate(file_columns):
        if column != s.CATEGORY and column not in s.LIST_COLUMNS:
            continue
        cells = [c[index].strip() for _, c in raw.records if index < len(c) and c[index].strip()]
        if column == s.CATEGORY:
            keys = sum(1 for c in cells if c in s.CATEGORIES)
        else:
            vocabulary = vocab.vocabularies().get(column)
            keys = sum(
                1
                for c in cells
                if vocabulary and all(p.strip() in vocabulary.terms for p in c.split(";"))
            )
        if cells and keys * 2 < len(cells):
            out.add(column)
    return out


def _styled(column: str, value: Any, labels: set[str]) -> str:
    """A cell to write, as German labels where the file uses them."""
    if column in labels and column == s.CATEGORY and isinstance(value, str):
        return i18n.category_label(value, "de")
    if column in labels and isinstance(value, list | tuple):
        return "; ".join(vocab.label(column, str(v), "de") for v in value)
    return _cell_text(column, value)


def _row_texts(row: dict[str, Any], columns: Sequence[str]) -> dict[str, str]:
    return {c: _cell_text(c, row.get(c)) for c in columns}


def _missing(value: Any) -> bool:
    return (
        value is None
        or value is pd.NA
        or value is pd.NaT
        or (isinstance(value, float) and value != value)
    )


def _same(before: dict[str, Any], after: dict[str, Any], columns: Sequence[str]) -> bool:
    """Whether two rows hold the same values (fast path before formatting them)."""
    for c in columns:
        a, b = before.get(c), after.get(c)
        if a is b or (_missing(a) and _missing(b)):
            continue
        try:
            if a == b and type(a) is type(b):
                continue
        except (TypeError, ValueError):
            pass
        if _cell_text(c, a) != _cell_text(c, b):
            return False
    return True


def _ending(text: str) -> str:
    match = re.search(r"\r\n|\r|\n", text)
    return match.group(0) if match else "\n"


def _split_record(segment: str, delimiter: str) -> tuple[str, str]:
    """(the record's own lines, trailing blank lines) of a segment that starts with a record."""
    lines = _LINES.findall(segment)
    reader = csv.reader(io.StringIO(segment, newline=""), delimiter=delimiter)
    next(reader, None)
    used = max(1, reader.line_num)
    return "".join(lines[:used]), "".join(lines[used:])


def _write(cells: list[str], delimiter: str, ending: str) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, delimiter=delimiter, lineterminator=ending).writerow(cells)
    return buffer.getvalue()


def _append_cells(record: str, delimiter: str, n: int) -> str:
    """The record's text with `n` empty cells added at its end."""
    if n == 0:
        return record
    body = record.rstrip("\r\n")
    return body + delimiter * n + record[len(body) :]


def preserving_bytes(
    current: bytes, name: str, old: pd.DataFrame, new: pd.DataFrame
) -> bytes | None:
    """`current` (the file's bytes, loaded as `old`) changed to hold `new`; None if impossible.

    `old` must be the loader's frame of `current` (its index is each row's line in the file).
    """
    if current.startswith(b"PK\x03\x04") or old.empty:
        return None
    try:
        raw: RawTable = parse_bytes(current, name)
        text, encoding = decode_bytes(current)
    except UnreadableError:
        return None
    if encoding not in _ENCODINGS or raw.delimiter == "xlsx":
        return None
    text = text.lstrip("\ufeff")
    mapping = map_header(raw, IssueCollector(name))

    # columns of the file: canonical name, or the extra column's name in the frame
    file_columns: list[str | None] = [
        (m[len(EXTRA) :] if m.startswith(EXTRA) else m) if m else None for m in mapping
    ]
    present = {c for c in file_columns if c}
    absent = [
        c
        for c in [*s.COLUMNS, *new.columns]
        if c in new.columns
        and c not in present
        and c not in s.DERIVED_COLUMNS
        and not str(c).startswith("_")
    ]
    absent = list(dict.fromkeys(absent))
    # a column the file lacks is added only when a value differs from what the loader reads
    # for the empty cell (defaults such as address_confidential are not written); when a new
    # row needs one, the read-back check fails and the second try adds every column with text
    needed = [c for c in absent if _differs(old, new, c)]
    for added_columns in (needed, [c for c in absent if _has_values(new, c)]):
        data = _render(raw, text, encoding, name, old, new, file_columns, added_columns)
        if data is not None:
            return data
    return None


def _render(
    raw: RawTable,
    text: str,
    encoding: str,
    name: str,
    old: pd.DataFrame,
    new: pd.DataFrame,
    file_columns: list[str | None],
    added_columns: list[str],
) -> bytes | None:
    """The file with the changes; None if the result does not read back as `new`."""
    delimiter = raw.delimiter
    lines = _LINES.findall(text)
    starts = [line for line, _ in raw.records]
    head = "".join(lines[: starts[0] - 1])
    ends = [*[x - 1 for x in starts[1:]], len(lines)]
    segments = ["".join(lines[a - 1 : b]) for a, b in zip(starts, ends, strict=True)]
    ending = _ending(text)
    labels = _label_columns(raw, file_columns)
    width = len(file_columns)
    all_columns = [*file_columns, *added_columns]
    compare = [c for c in all_columns if c]

    new_records = cast(list[dict[str, Any]], new.to_dict("records"))
    new_by_id = {str(r[s.ID]): r for r in new_records}
    lines_ = [int(str(line)) for line in old.index]
    old_records = cast(list[dict[str, Any]], old.to_dict("records"))
    old_rows = dict(zip(lines_, old_records, strict=True))
    old_ids = {line: str(row[s.ID]) for line, row in old_rows.items()}
    known_ids = set(old_ids.values())
    out: list[str] = []
    if added_columns:
        first = raw.header_row - 1
        header_record, _ = _split_record("".join(lines[first : starts[0] - 1]), delimiter)
        n_header = len(_LINES.findall(header_record))
        header_cells = [*raw.header, *([""] * (width - len(raw.header)))][:width]
        head = (
            "".join(lines[:first])
            + _write([*header_cells, *added_columns], delimiter, _ending(header_record))
            + "".join(lines[first + n_header : starts[0] - 1])
        )
    out.append(head)
    seen: set[str] = set()
    for (line, cells), segment in zip(raw.records, segments, strict=True):
        record, blanks = _split_record(segment, delimiter)
        rid = old_ids.get(line)
        if rid is None:  # a row the loader left out (errors): keep it as it is
            out.append(_append_cells(record, delimiter, len(added_columns)) + blanks)
            continue
        if rid not in new_by_id:  # removed (blank lines after it stay)
            out.append(blanks)
            continue
        seen.add(rid)
        if _same(old_rows[line], new_by_id[rid], compare):
            out.append(_append_cells(record, delimiter, len(added_columns)) + blanks)
            continue
        before_texts = _row_texts(old_rows[line], compare)
        after_texts = _row_texts(new_by_id[rid], compare)
        padded = [*cells, *([""] * (width - len(cells)))]
        row = new_by_id[rid]
        row_cells = [
            _styled(c, row.get(c), labels) if c and before_texts[c] != after_texts[c] else padded[i]
            for i, c in enumerate(file_columns)
        ]
        row_cells += [_styled(c, row.get(c), labels) for c in added_columns]
        row_cells += padded[width:]
        out.append(_write(row_cells, delimiter, _ending(record)) + blanks)
    if out and not out[-1].endswith(("\n", "\r")):
        out[-1] += ending
    for rid, row in new_by_id.items():
        if rid in seen or rid in known_ids:
            continue
        cells_ = [_styled(c, row.get(c), labels) if c else "" for c in all_columns]
        out.append(_write(cells_, delimiter, ending))
    result_text = "".join(out)
    try:
        data = result_text.encode(encoding)
    except UnicodeEncodeError:
        return None
    reloaded = load_facilities_bytes(data, name)
    if reloaded.errors or len(reloaded.frame) != len(new) or not diff(new, reloaded.frame).is_empty:
        return None
    return data
