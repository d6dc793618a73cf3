"""Exports that leave the app (CSV downloads), safe against spreadsheet formula injection."""

from __future__ import annotations

import csv
import io
import math
from typing import Any

import pandas as pd

#: A cell starting with one of these is run as a formula by Excel/LibreOffice (OWASP CSV
#: injection); such text cells get a leading apostrophe.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_formula(cell: str) -> str:
    """Prefix a text cell that a spreadsheet would evaluate as a formula with an apostrophe."""
    return "'" + cell if cell.startswith(FORMULA_PREFIXES) else cell


def _cell(value: Any) -> str:
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "" if math.isnan(value) else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list | tuple):
        return neutralise_formula("; ".join(str(v) for v in value))
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return neutralise_formula(str(value))


def safe_csv_bytes(frame: pd.DataFrame) -> bytes:
    """The frame as UTF-8 CSV (with BOM-free header), numbers as is, text cells neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([neutralise_formula(str(c)) for c in frame.columns])
    for record in frame.itertuples(index=False, name=None):
        writer.writerow([_cell(v.item() if hasattr(v, "item") else v) for v in record])
    return buffer.getvalue().encode("utf-8")
