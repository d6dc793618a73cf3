"""Read the CSV/XLSX data source robustly and validate it row by row.

`load_facilities(path)` accepts what German Excel and LibreOffice write (`;`/`,`/tab, UTF-8 with
or without BOM, UTF-16 "Unicode text", Windows-1252/ISO-8859-1, decimal commas, dd.mm.yyyy,
German headers, .xlsx) and returns the valid rows plus a list of `Issue`s. It never writes.
"""

from __future__ import annotations

import codecs
import csv
import io
import math
import re
import unicodedata
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any, NamedTuple

import pandas as pd

from equality_map import schema as s
from equality_map.issues import Issue, IssueCollector

#: Files larger than this are refused before reading (the data source is a few MB at most).
MAX_FILE_BYTES = 50 * 1024 * 1024
#: A cell longer than this is junk, not data.
MAX_FIELD_CHARS = 100_000
#: Entries not checked for this long get a warning.
STALE_AFTER_DAYS = 2 * 365
_DELIMITERS = (";", ",", "\t", "|")
_XLSX_SUFFIXES = (".xlsx", ".xlsm")
_TEXT_SUFFIXES = (".csv", ".txt", ".tsv", "")


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


@dataclass
class RawTable:
    """A parsed table before validation: header cells and (line number, cells) records."""

    header: list[str]
    header_row: int
    records: list[tuple[int, list[str]]]
    encoding: str
    delimiter: str


class UnreadableError(Exception):
    """The input is not a readable table; the message says why, in English and German."""

    def __init__(self, en: str, de: str) -> None:
        super().__init__(en)
        self.en = en
        self.de = de


# --- public API --------------------------------------------------------------------------------


def empty_frame() -> pd.DataFrame:
    """A frame with the canonical columns and no rows."""
    frame = pd.DataFrame({c: pd.Series([], dtype=object) for c in s.COLUMNS})
    frame.index.name = "row"
    return _apply_dtypes(frame)


def load_facilities(path: str | Path, *, today: date | None = None) -> LoadResult:
    """Load and validate the data source at `path`; never raises for bad input, never writes."""
    path = Path(path)
    display = str(path)
    collector = IssueCollector(display)
    try:
        raw = read_table(path)
    except UnreadableError as exc:
        collector.error("unreadable", None, None, "", exc.en, exc.de)
        return LoadResult(empty_frame(), collector.issues)
    frame = validate_table(raw, collector, today=today or date.today())
    return LoadResult(frame, collector.issues)


def load_facilities_bytes(data: bytes, name: str, *, today: date | None = None) -> LoadResult:
    """Load an upload held in memory; `name` is shown in issues and decides CSV vs XLSX."""
    collector = IssueCollector(name)
    try:
        raw = parse_bytes(data, name)
    except UnreadableError as exc:
        collector.error("unreadable", None, None, "", exc.en, exc.de)
        return LoadResult(empty_frame(), collector.issues)
    frame = validate_table(raw, collector, today=today or date.today())
    return LoadResult(frame, collector.issues)


# --- reading -----------------------------------------------------------------------------------


def read_table(path: Path) -> RawTable:
    """Read a CSV or XLSX file into a RawTable, or raise UnreadableError with a clear reason."""
    if not path.exists():
        raise UnreadableError(
            "file not found; check the path",
            "Datei nicht gefunden; bitte den Pfad prüfen",
        )
    if path.is_dir():
        raise UnreadableError(
            "this is a directory, not a CSV or XLSX file",
            "das ist ein Ordner, keine CSV- oder XLSX-Datei",
        )
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise UnreadableError(
                f"file is {size // 1_000_000} MB; the limit is {MAX_FILE_BYTES // 1_000_000} MB",
                f"Datei ist {size // 1_000_000} MB groß; erlaubt sind "
                f"{MAX_FILE_BYTES // 1_000_000} MB",
            )
        data = path.read_bytes()
    except OSError as exc:
        raise UnreadableError(
            f"cannot read the file ({exc.strerror or exc})",
            f"Datei kann nicht gelesen werden ({exc.strerror or exc})",
        ) from exc
    return parse_bytes(data, path.name)


def parse_bytes(data: bytes, name: str) -> RawTable:
    """Parse file content; XLSX is recognised by its zip signature, whatever the file is named."""
    if len(data) > MAX_FILE_BYTES:
        raise UnreadableError(
            f"file is larger than {MAX_FILE_BYTES // 1_000_000} MB",
            f"Datei ist größer als {MAX_FILE_BYTES // 1_000_000} MB",
        )
    suffix = Path(name).suffix.lower()
    if data.startswith(b"PK\x03\x04"):
        return _parse_xlsx(data)
    if suffix in _XLSX_SUFFIXES:
        raise UnreadableError(
            "the file is named .xlsx but is not an Excel workbook",
            "die Datei heißt .xlsx, ist aber keine Excel-Arbeitsmappe",
        )
    if suffix in (".xls", ".ods", ".numbers"):
        raise UnreadableError(
            f"{suffix} files are not supported; save as .xlsx or as CSV (UTF-8 or semicolon)",
            f"{suffix}-Dateien werden nicht unterstützt; bitte als .xlsx oder CSV speichern",
        )
    text, encoding = decode_bytes(data)
    return _parse_text(text, encoding)


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Decode text bytes: BOMs, then strict UTF-8, then a detected single-byte encoding."""
    if not data.strip():
        raise UnreadableError("the file is empty", "die Datei ist leer")
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8-sig"),
        (codecs.BOM_UTF16_LE, "utf-16"),
        (codecs.BOM_UTF16_BE, "utf-16"),
    ):
        if data.startswith(bom):
            try:
                return _check_text(data.decode(encoding)), encoding
            except UnicodeDecodeError as exc:
                raise UnreadableError(
                    f"the file starts like {encoding} but is not valid {encoding}",
                    f"die Datei beginnt wie {encoding}, ist aber kein gültiges {encoding}",
                ) from exc
    head = data[:4096]
    if b"\x00" in head:
        # UTF-16 without BOM has a NUL in every other byte; anything else with NULs is binary.
        if head[1::2].count(0) > len(head) // 4:
            try:
                return _check_text(data.decode("utf-16-le")), "utf-16-le"
            except UnicodeDecodeError:
                pass
        raise UnreadableError(
            "this looks like a binary file, not a CSV text table",
            "das sieht nach einer Binärdatei aus, nicht nach einer CSV-Tabelle",
        )
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
        raise UnreadableError(
            "this looks like a binary file, not a CSV text table",
            "das sieht nach einer Binärdatei aus, nicht nach einer CSV-Tabelle",
        )
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
        raise UnreadableError(
            "no column separator found (expected ';', ',' or tab between columns); "
            "this is not a table",
            "kein Spaltentrennzeichen gefunden (erwartet ';', ',' oder Tab); das ist keine Tabelle",
        )
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
        raise UnreadableError(
            f"line {previous_end + 1}: cannot parse the CSV ({exc}); "
            "a quote may be left open or a cell is far too long",
            f"Zeile {previous_end + 1}: CSV nicht lesbar ({exc}); "
            "vielleicht ein nicht geschlossenes Anführungszeichen oder eine viel zu lange Zelle",
        ) from exc
    finally:
        csv.field_size_limit(old_limit)
    return _split_header(records, encoding, delimiter)


def _parse_xlsx(data: bytes) -> RawTable:
    try:
        from openpyxl import load_workbook

        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError, TypeError) as exc:
        raise UnreadableError(
            f"cannot open the Excel workbook ({type(exc).__name__})",
            f"die Excel-Arbeitsmappe lässt sich nicht öffnen ({type(exc).__name__})",
        ) from exc
    except Exception as exc:  # openpyxl raises assorted errors on damaged files
        raise UnreadableError(
            f"cannot open the Excel workbook ({type(exc).__name__})",
            f"die Excel-Arbeitsmappe lässt sich nicht öffnen ({type(exc).__name__})",
        ) from exc
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
        raise UnreadableError("the file is empty", "die Datei ist leer")
    best_index, best_known = 0, -1
    for index, (_, cells) in enumerate(records[:10]):
        known = len({s.canonical_column(c) for c in cells if s.canonical_column(c)})
        if known > best_known:
            best_index, best_known = index, known
    if best_known <= 0:
        best_index = 0
    header_row, header = records[best_index]
    if len([c for c in header if c.strip()]) < 2:
        raise UnreadableError(
            "the first line has fewer than two column names; this is not a table "
            f"(expected columns such as {', '.join(s.REQUIRED_COLUMNS)})",
            "die erste Zeile hat weniger als zwei Spaltennamen; das ist keine Tabelle "
            f"(erwartet z. B. {', '.join(s.REQUIRED_COLUMNS)})",
        )
    data = records[best_index + 1 :]
    if not data:
        raise UnreadableError(
            "the file has a header but no data rows",
            "die Datei hat eine Kopfzeile, aber keine Datenzeilen",
        )
    return RawTable(
        header=header,
        header_row=header_row,
        records=data,
        encoding=encoding,
        delimiter=delimiter,
    )


# --- validation --------------------------------------------------------------------------------

_EMAIL = re.compile(r"^[^@\s<>\"'(),;:]+@[^@\s<>\"'(),;:]+\.[A-Za-z]{2,}$")
_PHONE = re.compile(r"^[0-9+()/\-.\s]+$")
_URL_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_HOST = re.compile(r"^[A-Za-z0-9\-.]+\.[A-Za-z]{2,}(:\d+)?$|^localhost(:\d+)?$")
_DATE_FORMATS = ("%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d", "%d/%m/%Y", "%Y/%m/%d", "%d-%m-%Y")
_TRUE = {"true", "ja", "j", "yes", "y", "1", "x", "wahr", "t"}
_FALSE = {"false", "nein", "n", "no", "0", "falsch", "f", ""}
_WHEELCHAIR = {
    "yes": "yes",
    "ja": "yes",
    "true": "yes",
    "1": "yes",
    "x": "yes",
    "barrierefrei": "yes",
    "no": "no",
    "nein": "no",
    "false": "no",
    "0": "no",
    "partial": "partial",
    "partly": "partial",
    "teilweise": "partial",
    "eingeschraenkt": "partial",
    "unknown": "unknown",
    "unbekannt": "unknown",
    "": "unknown",
}
_SPACES = re.compile(r"\s+")
_LIST_SPLIT = re.compile(r"\s*[;|\n]\s*")


def clean_text(value: str) -> str:
    """NFC-normalise (macOS writes decomposed umlauts), drop NBSP/zero-width, strip."""
    value = unicodedata.normalize("NFC", value)
    value = value.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    return value.strip()


def parse_bool(value: str) -> bool | None:
    """ja/nein/true/false/1/0/x (case-insensitive) -> bool; '' -> False; other -> None."""
    key = value.strip().casefold()
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    return None


def parse_number(value: str) -> float | None:
    """Parse '51,3127', '51.3127', '-7,5', ' 9 ' -> float; None if not a finite number."""
    text = value.strip().replace("\u2212", "-").replace(" ", "").removesuffix("°")
    if "," in text and "." in text:
        # 1.234,5 (German thousands) or 1,234.5 (English): the last separator is the decimal one
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    else:
        text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def parse_date(value: str) -> date | None:
    """Parse dd.mm.yyyy, dd.mm.yy, ISO (optionally with a time) and d/m/Y; None if invalid."""
    text = value.strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}[T ]", text):
        text = text[:10]
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def split_list(value: str) -> list[str]:
    """Split a `;`-separated cell into distinct, trimmed items, order kept."""
    items: list[str] = []
    for item in _LIST_SPLIT.split(value):
        item = _SPACES.sub(" ", item.strip())
        if item and item not in items:
            items.append(item)
    return items


def slugify(text: str) -> str:
    """Lowercase ASCII slug for derived ids."""
    return re.sub(r"[^a-z0-9]+", "-", s.fold(text)).strip("-")


def derive_id(name: str, city: str) -> str:
    """A stable id from name and city (the same input always gives the same id)."""
    return f"{slugify(city)[:20]}-{slugify(name)[:50]}".strip("-") or "entry"


def check_url(value: str) -> tuple[str | None, str | None]:
    """Return (normalised URL, None) or (None, problem). Bare 'www.x.de' gets https://."""
    text = value.strip()
    match = _URL_SCHEME.match(text)
    if match is None:
        if _HOST.match(text.split("/", 1)[0]):
            return "https://" + text, "no_scheme"
        return None, "not_url"
    if match.group(1).lower() not in ("http", "https"):
        return None, "scheme"
    rest = text[len(match.group(0)) :]
    if not rest.startswith("//") or not _HOST.match(rest[2:].split("/", 1)[0].split("?")[0]):
        return None, "not_url"
    if any(ch in text for ch in "<>\"' \t\n"):
        return None, "not_url"
    return text, None


def _map_header(raw: RawTable, c: IssueCollector) -> list[str | None]:
    """Map header cells to canonical columns; duplicates and unknown headers become extras."""
    mapping: list[str | None] = []
    seen: dict[str, int] = {}
    extras: set[str] = set()
    for index, cell in enumerate(raw.header):
        name = clean_text(cell)
        column = s.canonical_column(name) if name else None
        if column is not None and column in seen:
            c.warning(
                "duplicate_column",
                raw.header_row,
                name,
                name,
                f"column '{name}' means '{column}' like column {seen[column] + 1}; "
                "the first one is used, this one is kept as an extra column",
                f"Spalte '{name}' bedeutet '{column}' wie Spalte {seen[column] + 1}; "
                "die erste wird verwendet, diese als Zusatzspalte behalten",
            )
            column = None
        if column is not None:
            seen[column] = index
            mapping.append(column)
            continue
        extra = name or f"column_{index + 1}"
        while extra in extras or extra in s.COLUMNS:
            extra += "_"
        extras.add(extra)
        mapping.append("extra:" + extra)
    return mapping


def validate_table(raw: RawTable, c: IssueCollector, *, today: date) -> pd.DataFrame:
    """Validate and normalise every record; return the valid rows as a typed DataFrame."""
    mapping = _map_header(raw, c)
    present = {m for m in mapping if m and not m.startswith("extra:")}
    missing = [col for col in s.REQUIRED_COLUMNS if col not in present]
    if missing:
        found = ", ".join(clean_text(h) or "(empty)" for h in raw.header)
        hints = "; ".join(f"{col}: {s.column_alias_hint(col)}" for col in missing)
        for col in missing:
            c.error(
                "missing_column",
                raw.header_row,
                col,
                "",
                f"required column '{col}' is missing. Found columns: {found}. "
                f"Expected {', '.join(s.REQUIRED_COLUMNS)}; accepted names: {hints}",
                f"Pflichtspalte '{col}' fehlt. Gefundene Spalten: {found}. "
                f"Erwartet {', '.join(s.REQUIRED_COLUMNS)}; erlaubte Namen: {hints}",
            )
        return empty_frame()

    # Excel often exports trailing columns without a header and without content: drop those.
    for index, column in enumerate(mapping):
        if (
            column is not None
            and column.startswith("extra:column_")
            and not clean_text(raw.header[index])
            and not any(index < len(cells) and cells[index].strip() for _, cells in raw.records)
        ):
            mapping[index] = None
    extra_columns = [m[6:] for m in mapping if m and m.startswith("extra:")]
    rows: list[dict[str, Any]] = []
    lines: list[int] = []
    ids: dict[str, int] = {}
    names: dict[tuple[str, str], int] = {}
    width = len(mapping)
    for line, cells in raw.records:
        if len(cells) > width and any(x.strip() for x in cells[width:]):
            c.error(
                "too_many_fields",
                line,
                f"#{width + 1}",
                cells[width],
                f"row has {len(cells)} fields but the header has {width}; a separator inside "
                "a cell probably needs quotes around the cell",
                f"Zeile hat {len(cells)} Felder, die Kopfzeile {width}; ein Trennzeichen in "
                "einer Zelle braucht vermutlich Anführungszeichen um die Zelle",
            )
            continue
        values: dict[str, str] = {}
        for index, column in enumerate(mapping):
            if column is None:
                continue
            values[column] = clean_text(cells[index]) if index < len(cells) else ""
        row = _validate_row(line, values, c, today=today)
        if row is None:
            continue
        if row.pop("_derived_id", False) and row[s.ID] in ids:
            # Two rows with the same name and city: keep both, with distinct derived ids.
            base, n = row[s.ID], 2
            while f"{base}-{n}" in ids:
                n += 1
            row[s.ID] = f"{base}-{n}"
        if row[s.ID] in ids:
            c.error(
                "duplicate_id",
                line,
                s.ID,
                row[s.ID],
                f"id '{row[s.ID]}' is already used in row {ids[row[s.ID]]}; ids must be "
                "unique, give this entry another id",
                f"ID '{row[s.ID]}' ist schon in Zeile {ids[row[s.ID]]} vergeben; IDs müssen "
                "eindeutig sein, bitte eine andere ID vergeben",
            )
            continue
        key = (s.fold(row[s.NAME]), s.fold(row[s.CITY]))
        if key in names:
            c.warning(
                "duplicate_entry",
                line,
                s.NAME,
                row[s.NAME],
                f"same name and city as row {names[key]}; remove one of them if they are "
                "the same entry",
                f"gleicher Name und Ort wie Zeile {names[key]}; einen der beiden Einträge "
                "entfernen, falls es derselbe ist",
            )
        else:
            names[key] = line
        ids[row[s.ID]] = line
        rows.append(row)
        lines.append(line)

    data: dict[str, list[Any]] = {col: [r[col] for r in rows] for col in s.COLUMNS}
    for extra in extra_columns:
        data[extra] = [r.get("extra:" + extra, "") for r in rows]
    frame = pd.DataFrame(data, index=pd.Index(lines, name="row"), dtype=object)
    return _apply_dtypes(frame)


def _apply_dtypes(frame: pd.DataFrame) -> pd.DataFrame:
    """Typed columns: floats for coordinates, nullable Int64 capacity, dates, bools, str."""
    frame[s.LAT] = pd.to_numeric(frame[s.LAT], errors="coerce").astype("float64")
    frame[s.LON] = pd.to_numeric(frame[s.LON], errors="coerce").astype("float64")
    frame[s.CAPACITY] = pd.array(list(frame[s.CAPACITY]), dtype="Int64")
    frame[s.LAST_VERIFIED] = pd.to_datetime(
        pd.Series(list(frame[s.LAST_VERIFIED]), index=frame.index, dtype=object)
    ).astype("datetime64[ns]")
    frame[s.ADDRESS_CONFIDENTIAL] = frame[s.ADDRESS_CONFIDENTIAL].astype(bool)
    for col in s.TEXT_COLUMNS:
        frame[col] = frame[col].astype(object)
    return frame


def _validate_row(
    line: int, v: dict[str, str], c: IssueCollector, *, today: date
) -> dict[str, Any] | None:
    """Validate one record; return the normalised row or None if it has errors."""
    before = c.error_count
    out: dict[str, Any] = {col: v.get(col, "") for col in s.COLUMNS}
    for key, value in v.items():
        if key.startswith("extra:"):
            out[key] = value

    def err(column: str, code: str, en: str, de: str) -> None:
        c.error(code, line, column, v.get(column, ""), en, de)

    def warn(column: str, code: str, en: str, de: str) -> None:
        c.warning(code, line, column, v.get(column, ""), en, de)

    for column, en_name, de_name in ((s.NAME, "name", "Name"), (s.CITY, "city", "Ort")):
        if not out[column]:
            err(
                column,
                "required",
                f"{en_name} is empty; every entry needs a {en_name}",
                f"{de_name} ist leer; jeder Eintrag braucht einen {de_name}",
            )

    # category
    category = s.canonical_category(out[s.CATEGORY]) if out[s.CATEGORY] else None
    if not out[s.CATEGORY]:
        err(
            s.CATEGORY,
            "required",
            f"category is empty; use one of {', '.join(s.CATEGORIES)}",
            f"Kategorie ist leer; erlaubt: {', '.join(s.CATEGORIES)}",
        )
    elif category is None:
        hint = s.suggest_category(out[s.CATEGORY])
        did_en = f" Did you mean '{hint}'?" if hint else ""
        did_de = f" Meinten Sie '{hint}'?" if hint else ""
        err(
            s.CATEGORY,
            "unknown_category",
            f"unknown category '{out[s.CATEGORY]}'.{did_en} Valid: {', '.join(s.CATEGORIES)}",
            f"unbekannte Kategorie '{out[s.CATEGORY]}'.{did_de} Erlaubt: {', '.join(s.CATEGORIES)}",
        )
    out[s.CATEGORY] = category or ""

    # state
    if out[s.STATE]:
        code = s.canonical_state(out[s.STATE])
        if code is None:
            hint = s.suggest_state(out[s.STATE])
            warn(
                s.STATE,
                "unknown_state",
                f"unknown Land '{out[s.STATE]}'"
                + (f"; did you mean '{s.STATES[hint].name_de}'?" if hint else "")
                + "; it is ignored and derived from the city",
                f"unbekanntes Bundesland '{out[s.STATE]}'"
                + (f"; meinten Sie '{s.STATES[hint].name_de}'?" if hint else "")
                + "; es wird ignoriert und aus dem Ort abgeleitet",
            )
        out[s.STATE] = code or ""

    # coordinates
    coords: dict[str, float | None] = {}
    for column, low, high in ((s.LAT, -90.0, 90.0), (s.LON, -180.0, 180.0)):
        text = out[column]
        coords[column] = None
        if not text:
            continue
        number = parse_number(text)
        if number is None:
            err(
                column,
                "not_a_number",
                f"{column} '{text}' is not a number; write decimal degrees like 51,3127 or 51.3127",
                f"{column} '{text}' ist keine Zahl; bitte Dezimalgrad wie 51,3127 oder "
                "51.3127 schreiben",
            )
        elif not low <= number <= high:
            err(
                column,
                "out_of_range",
                f"{column} {number} is outside {low:g}..{high:g} degrees",
                f"{column} {number} liegt außerhalb von {low:g}..{high:g} Grad",
            )
        else:
            coords[column] = number
    lat, lon = coords[s.LAT], coords[s.LON]
    if (out[s.LAT] == "") != (out[s.LON] == ""):
        missing = s.LON if out[s.LON] == "" else s.LAT
        err(
            missing,
            "half_coordinate",
            "lat and lon must be given together; fill in both or leave both empty "
            "(then the address is geocoded)",
            "lat und lon nur gemeinsam angeben; beide ausfüllen oder beide leer lassen "
            "(dann wird die Adresse geokodiert)",
        )
    if lat is not None and lon is not None:
        la0, la1, lo0, lo1 = s.GERMANY_BBOX
        if not (la0 <= lat <= la1 and lo0 <= lon <= lo1):
            if la0 <= lon <= la1 and lo0 <= lat <= lo1:
                warn(
                    s.LAT,
                    "swapped_coordinates",
                    f"lat {lat} / lon {lon} lie outside Germany but swapped they would fit: "
                    f"lat {lon}, lon {lat}. Check and swap the two cells",
                    f"lat {lat} / lon {lon} liegen außerhalb Deutschlands, vertauscht würden "
                    f"sie passen: lat {lon}, lon {lat}. Bitte prüfen und die Zellen tauschen",
                )
            else:
                warn(
                    s.LAT,
                    "outside_germany",
                    f"coordinates {lat}, {lon} lie outside Germany; check them",
                    f"Koordinaten {lat}, {lon} liegen außerhalb Deutschlands; bitte prüfen",
                )
    out[s.LAT] = lat if lat is not None else math.nan
    out[s.LON] = lon if lon is not None else math.nan
    if lat is None or lon is None:
        out[s.LAT] = out[s.LON] = math.nan
    if out[s.GEOCODE_PRECISION] and out[s.GEOCODE_PRECISION] not in s.GEOCODE_PRECISIONS:
        warn(
            s.GEOCODE_PRECISION,
            "unknown_precision",
            f"unknown geocode precision; use one of {', '.join(s.GEOCODE_PRECISIONS)}",
            f"unbekannte Genauigkeit; erlaubt: {', '.join(s.GEOCODE_PRECISIONS)}",
        )
        out[s.GEOCODE_PRECISION] = ""
    if out[s.GEOCODE_SOURCE] and out[s.GEOCODE_SOURCE] not in s.GEOCODE_SOURCES:
        warn(
            s.GEOCODE_SOURCE,
            "unknown_source",
            f"unknown geocode source; use one of {', '.join(s.GEOCODE_SOURCES)}",
            f"unbekannte Geokodierungsquelle; erlaubt: {', '.join(s.GEOCODE_SOURCES)}",
        )
        out[s.GEOCODE_SOURCE] = ""
    if not math.isnan(out[s.LAT]) and not out[s.GEOCODE_SOURCE]:
        out[s.GEOCODE_SOURCE] = "csv"

    # postcode
    postcode = out[s.POSTCODE]
    if postcode:
        if re.fullmatch(r"\d{5}(\.0+)?", postcode):
            out[s.POSTCODE] = postcode[:5]
        elif re.fullmatch(r"\d{4}(\.0+)?", postcode):
            out[s.POSTCODE] = "0" + postcode[:4]
            warn(
                s.POSTCODE,
                "postcode_leading_zero",
                f"postcode '{postcode}' has four digits; read as '0{postcode[:4]}' (Excel drops "
                "leading zeros: format the column as text)",
                f"PLZ '{postcode}' hat vier Stellen; gelesen als '0{postcode[:4]}' (Excel "
                "entfernt führende Nullen: Spalte als Text formatieren)",
            )
        else:
            err(
                s.POSTCODE,
                "bad_postcode",
                f"postcode '{postcode}' is not five digits (German postcodes look like 01067)",
                f"PLZ '{postcode}' hat nicht fünf Ziffern (deutsche PLZ sehen aus wie 01067)",
            )

    # contact
    if out[s.EMAIL]:
        email = re.sub(r"^mailto:", "", out[s.EMAIL], flags=re.IGNORECASE).strip()
        if not _EMAIL.match(email):
            err(
                s.EMAIL,
                "bad_email",
                f"e-mail '{out[s.EMAIL]}' is malformed; write it like name@stadt.de",
                f"E-Mail '{out[s.EMAIL]}' ist fehlerhaft; bitte wie name@stadt.de schreiben",
            )
        out[s.EMAIL] = email
    if out[s.PHONE] and (not _PHONE.match(out[s.PHONE]) or not re.search(r"\d", out[s.PHONE])):
        warn(
            s.PHONE,
            "odd_phone",
            "phone number contains characters other than digits, spaces, + ( ) / - .; "
            "it will not be offered as a call link",
            "Telefonnummer enthält andere Zeichen als Ziffern, Leerzeichen, + ( ) / - .; "
            "sie wird nicht als Anruf-Link angeboten",
        )
    for column in s.URL_COLUMNS:
        if not out[column]:
            continue
        url, problem = check_url(out[column])
        if problem == "no_scheme" and url:
            warn(
                column,
                "url_without_scheme",
                f"'{out[column]}' has no https://; read as '{url}'",
                f"'{out[column]}' hat kein https://; gelesen als '{url}'",
            )
        elif problem == "scheme":
            err(
                column,
                "bad_url_scheme",
                f"{column} must start with http:// or https:// (other schemes such as "
                "javascript: are not allowed)",
                f"{column} muss mit http:// oder https:// beginnen (andere wie javascript: "
                "sind nicht erlaubt)",
            )
        elif problem == "not_url":
            err(
                column,
                "bad_url",
                f"{column} '{out[column]}' is not a web address; write it like "
                "https://www.stadt.de/seite",
                f"{column} '{out[column]}' ist keine Webadresse; bitte wie "
                "https://www.stadt.de/seite schreiben",
            )
        out[column] = url or ""

    # capacity
    if out[s.CAPACITY]:
        number = parse_number(out[s.CAPACITY])
        if number is None or not number.is_integer() or number < 0:
            err(
                s.CAPACITY,
                "bad_capacity",
                f"capacity '{out[s.CAPACITY]}' must be a whole number of places, 0 or more",
                f"Plätze '{out[s.CAPACITY]}' muss eine ganze Zahl ab 0 sein",
            )
            out[s.CAPACITY] = None
        else:
            out[s.CAPACITY] = int(number)
    else:
        out[s.CAPACITY] = None

    # last verified
    if out[s.LAST_VERIFIED]:
        parsed = parse_date(out[s.LAST_VERIFIED])
        if parsed is None:
            err(
                s.LAST_VERIFIED,
                "bad_date",
                f"date '{out[s.LAST_VERIFIED]}' is not readable; write 31.12.2024 or 2024-12-31",
                f"Datum '{out[s.LAST_VERIFIED]}' ist nicht lesbar; bitte 31.12.2024 oder "
                "2024-12-31 schreiben",
            )
        else:
            if (today - parsed).days > STALE_AFTER_DAYS:
                warn(
                    s.LAST_VERIFIED,
                    "stale",
                    f"last verified on {parsed.isoformat()}, more than two years ago; "
                    "please check the entry and update the date",
                    f"zuletzt geprüft am {parsed.strftime('%d.%m.%Y')}, vor mehr als zwei "
                    "Jahren; bitte den Eintrag prüfen und das Datum aktualisieren",
                )
            elif parsed > today:
                warn(
                    s.LAST_VERIFIED,
                    "future_date",
                    f"last verified date {parsed.isoformat()} lies in the future",
                    f"Prüfdatum {parsed.strftime('%d.%m.%Y')} liegt in der Zukunft",
                )
        out[s.LAST_VERIFIED] = parsed
    else:
        out[s.LAST_VERIFIED] = None

    # flags
    confidential_text = out[s.ADDRESS_CONFIDENTIAL]
    confidential = parse_bool(confidential_text)
    if confidential is None:
        err(
            s.ADDRESS_CONFIDENTIAL,
            "bad_bool",
            f"'{confidential_text}' is not yes/no; write ja or nein (true/false, 1/0, x)",
            f"'{confidential_text}' ist nicht ja/nein; bitte ja oder nein schreiben "
            "(true/false, 1/0, x)",
        )
    if not confidential_text:
        confidential = category == "womens_shelter"
    out[s.ADDRESS_CONFIDENTIAL] = bool(confidential)
    if category == "womens_shelter" and out[s.STREET] and confidential is False:
        warn(
            s.ADDRESS_CONFIDENTIAL,
            "shelter_address_public",
            "a women's shelter has a street address and address_confidential is false; "
            "shelter addresses are normally secret: set it to true unless the shelter "
            "publishes its address itself",
            "ein Frauenhaus hat eine Straße und address_confidential ist false; "
            "Frauenhaus-Adressen sind normalerweise geheim: auf true setzen, außer das "
            "Frauenhaus veröffentlicht die Adresse selbst",
        )
    wheel = s.header_key(out[s.WHEELCHAIR_ACCESSIBLE])
    if wheel in _WHEELCHAIR:
        out[s.WHEELCHAIR_ACCESSIBLE] = _WHEELCHAIR[wheel]
    else:
        warn(
            s.WHEELCHAIR_ACCESSIBLE,
            "bad_wheelchair",
            "wheelchair_accessible must be yes, no, partial or unknown (ja, nein, teilweise, "
            "unbekannt); read as unknown",
            "barrierefrei muss ja, nein, teilweise oder unbekannt sein; gelesen als unbekannt",
        )
        out[s.WHEELCHAIR_ACCESSIBLE] = "unknown"

    for column in s.LIST_COLUMNS:
        out[column] = split_list(out[column])

    # id last: it may be derived from name and city
    if not out[s.ID] and out[s.NAME] and out[s.CITY]:
        out[s.ID] = derive_id(out[s.NAME], out[s.CITY])
        out["_derived_id"] = True
        c.warning(
            "derived_id",
            line,
            s.ID,
            "",
            f"id is missing; derived '{out[s.ID]}' from name and city (write it into the "
            "file to keep it stable when the name changes)",
            f"ID fehlt; '{out[s.ID]}' aus Name und Ort abgeleitet (bitte in die Datei "
            "schreiben, damit sie bei Namensänderung stabil bleibt)",
        )

    return out if c.error_count == before else None


def iter_issue_lines(issues: list[Issue], lang: str = "en") -> Iterator[str]:
    """Issues as CLI lines, errors first, then by row."""
    ordered = sorted(issues, key=lambda i: (i.severity != "error", i.row or 0))
    for issue in ordered:
        yield issue.format(lang)
