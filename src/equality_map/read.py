"""Reading a data file: bytes -> a raw table of text cells (no validation here).

Accepts what German Excel and LibreOffice write: `;`/`,`/tab/`|` separators (chosen by field
count consistency), UTF-8 with or without BOM, UTF-16 "Unicode text", Windows-1252 and other
single-byte code pages (scored for German plausibility), title lines above the header, and
`.xlsx` (first sheet, also when misnamed). A file that is not a table raises
`UnreadableError` with a reason code that the text catalogue turns into a message.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import unicodedata
import zipfile
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from equality_map import schema as s

#: Files larger than this are refused before reading (the data source is a few MB at most).
MAX_FILE_BYTES = 50 * 1024 * 1024
#: A cell longer than this is junk, not data.
MAX_FIELD_CHARS = 100_000
_DELIMITERS = (";", ",", "\t", "|")
_XLSX_SUFFIXES = (".xlsx", ".xlsm")


@dataclass
class RawTable:
    """A parsed table before validation: header cells and (line number, cells) records."""

    header: list[str]
    header_row: int
    records: list[tuple[int, list[str]]]
    encoding: str
    delimiter: str


class UnreadableError(Exception):
    """The input is not a readable table; `reason` is a catalogue code, `params` its values."""

    def __init__(self, reason: str, /, **params: Any) -> None:
        super().__init__(reason)
        self.reason = reason
        self.params = params


def read_table(path: Path) -> RawTable:
    """Read a CSV or XLSX file into a RawTable, or raise UnreadableError with a clear reason."""
    if not path.exists():
        raise UnreadableError("file_not_found")
    if path.is_dir():
        raise UnreadableError("is_directory")
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UnreadableError(
                "too_large", size=size // 1_000_000, limit=MAX_FILE_BYTES // 1_000_000
            )
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableError("cannot_read", reason=str(exc.strerror or exc)) from exc
    return parse_bytes(data, path.name)


def parse_bytes(data: bytes, name: str) -> RawTable:
    """Parse file content; XLSX is recognised by its zip signature, whatever the file is named."""
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableError("larger_than", limit=MAX_FILE_BYTES // 1_000_000)
    suffix = Path(name).suffix.lower()
    if data.startswith(b"PK\x03\x04"):
        return _parse_xlsx(data)
    if suffix in _XLSX_SUFFIXES:
        raise UnreadableError("xlsx_misnamed")
    if suffix in (".xls", ".ods", ".numbers"):
        raise UnreadableError("unsupported_format", suffix=suffix)
    text, encoding = decode_bytes(data)
    return _parse_text(text, encoding)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode text bytes: BOMs, then strict UTF-8, then a detected single-byte encoding."""
    if not data.strip():
        raise UnreadableError("empty")
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _check_text(data.decode(encoding)), encoding
            except UnicodeDecodeError as exc:
                raise UnreadableError("bad_bom", encoding=encoding) from exc
    head = data[:4096]
    if b"\x00" in head:
        # UTF-16 without BOM has a NUL in every other byte; anything else with NULs is binary.
        if head[1::2].count(0) > len(head) // 4:
            try:
                return _check_text(data.decode("utf-16-le")), "utf-16-le"
            except UnicodeDecodeError:
                pass
        raise UnreadableError("binary")
    try:
        return _check_text(data.decode("utf-8")), "utf-8"
    except UnicodeDecodeError:
        pass
    encoding = _detect_single_byte(data)
    return _check_text(data.decode(encoding, errors="replace")), encoding


_LEGACY_ENCODINGS = ("cp1252", "iso8859_15", "mac_roman", "cp850")
_PLAUSIBLE = set("äöüÄÖÜßéèêëáàâíìîóòôúùûçñÉÈÁÀÓ„“”‚‘’–—…€°§²³µ·«»×")


def _detect_single_byte(data: bytes) -> str:
    """Pick the legacy encoding of a German spreadsheet export.

    charset-normalizer proposes a code page; on short files it often confuses the near-identical
    ones (cp1252, cp850, mac_roman), so each candidate is scored by how German the decoded text
    looks (umlauts count for, characters no German table holds count against). Ties go to
    cp1252, which Excel on Windows writes.
    """
    from charset_normalizer import from_bytes

    best = from_bytes(data, cp_isolation=list(_LEGACY_ENCODINGS)).best()
    proposed = best.encoding if best is not None else "cp1252"
    candidates = ["cp1252", proposed, *_LEGACY_ENCODINGS]
    scored = []
    for rank, encoding in enumerate(dict.fromkeys(candidates)):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        high = [ch for ch in text if ord(ch) > 127]
        good = sum(1 for ch in high if ch in _PLAUSIBLE)
        scored.append((good - 3 * (len(high) - good), -rank, encoding))
    if not scored:
        return "latin_1"  # every byte is valid; odd characters will show in the report
    return max(scored)[2]


def _check_text(text: str) -> str:
    """Refuse decoded text that is mostly control characters (binary junk)."""
    sample = text[:20000]
    bad = sum(1 for ch in sample if unicodedata.category(ch) == "Cc" and ch not in "\t\r\n")
    if bad > max(3, len(sample) // 100):
        raise UnreadableError("binary")
    return text


def detect_delimiter(text: str) -> str:
    """Choose the separator whose field count is most consistent over the first lines."""
    # Lines are cut short so that a quote left open cannot make one giant field here.
    lines = [ln[:2000] for ln in text.splitlines() if ln.strip()][:50]
    best, best_score = ",", (-1, -1)
    for delim in _DELIMITERS:
        try:
            rows = list(csv.reader(lines, delimiter=delim))
        except csv.Error:
            continue
        if not rows:
            continue
        counts = [len(r) for r in rows]
        header_count = max(counts[: min(len(counts), 10)])
        if header_count < 2:
            continue
        consistent = sum(1 for c in counts if c == header_count)
        score = (consistent, header_count)
        if score > best_score:
            best, best_score = delim, score
    if best_score[0] < 0:
        raise UnreadableError("no_separator")
    return best


def _parse_text(text: str, encoding: str) -> RawTable:
    text = text.lstrip("\ufeff")
    delimiter = detect_delimiter(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    records: list[tuple[int, list[str]]] = []
    previous_end = 0
    old_limit = csv.field_size_limit()
    csv.field_size_limit(MAX_FIELD_CHARS)
    try:
        for cells in reader:
            start = previous_end + 1
            previous_end = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            records.append((start, cells))
    except csv.Error as exc:
        raise UnreadableError("csv_parse", line=previous_end + 1, reason=str(exc)) from exc
    finally:
        csv.field_size_limit(old_limit)
    return _split_header(records, encoding, delimiter)


def _parse_xlsx(data: bytes) -> RawTable:
    try:
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise UnreadableError("xlsx_open", error=type(exc).__name__) from exc
    except Exception as exc:  # openpyxl raises assorted errors on damaged files
        raise UnreadableError("xlsx_open", error=type(exc).__name__) from exc
    try:
        sheet = workbook.worksheets[0]
        records: list[tuple[int, list[str]]] = []
        for number, values in enumerate(sheet.iter_rows(values_only=True), start=1):
            cells = [_excel_cell(v) for v in values]
            while cells and not cells[-1]:
                cells.pop()
            if any(c.strip() for c in cells):
                records.append((number, cells))
    finally:
        workbook.close()
    return _split_header(records, "xlsx", "xlsx")


def _excel_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.date().isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if math.isfinite(value) and value.is_integer() and abs(value) < 1e15:
            return str(int(value))
        return repr(value)
    return str(value)


def _split_header(records: list[tuple[int, list[str]]], encoding: str, delimiter: str) -> RawTable:
    """Find the header (the first of the first lines that names most known columns)."""
    if not records:
        raise UnreadableError("empty")
    best_index, best_known = 0, -1
    for index, (_, cells) in enumerate(records[:10]):
        known = len({s.canonical_column(c) for c in cells if s.canonical_column(c)})
        if known > best_known:
            best_index, best_known = index, known
    if best_known <= 0:
        best_index = 0
    header_row, header = records[best_index]
    if len([c for c in header if c.strip()]) < 2:
        raise UnreadableError("header_too_short", expected=", ".join(s.REQUIRED_COLUMNS))
    data = records[best_index + 1 :]
    if not data:
        raise UnreadableError("header_only")
    return RawTable(
        header=header,
        header_row=header_row,
        records=data,
        encoding=encoding,
        delimiter=delimiter,
    )
