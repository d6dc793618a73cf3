"""Header mapping: the header cells of a raw table -> canonical columns or named extras.

A header is matched by `schema.canonical_column` (English and German names, Excel
spellings); an unknown or repeated header becomes an extra column that is kept as it is.
"""

from __future__ import annotations

from equality_map import fields as f
from equality_map import schema as s
from equality_map.issues import IssueCollector
from equality_map.read import RawTable

#: Prefix of the mapping entry of an extra (unknown) column.
EXTRA = "extra:"


def map_header(raw: RawTable, c: IssueCollector) -> list[str | None]:
    """Map header cells to canonical columns; duplicates and unknown headers become extras."""
    mapping: list[str | None] = []
    seen: dict[str, int] = {}
    extras: set[str] = set()
    for index, cell in enumerate(raw.header):
        name = f.clean_text(cell)
        column = s.canonical_column(name) if name else None
        if column is not None and column in seen:
            c.warning("duplicate_column", raw.header_row, None, name, column=name,
                      meaning=column, first=seen[column] + 1)  # fmt: skip
            column = None
        if column is not None:
            seen[column] = index
            c.headers[column] = name
            mapping.append(column)
            continue
        extra = name or f"column_{index + 1}"
        while extra in extras or extra in s.COLUMNS:
            extra += "_"
        extras.add(extra)
        mapping.append(EXTRA + extra)
    return mapping


def drop_empty_trailing_columns(raw: RawTable, mapping: list[str | None]) -> None:
    """Excel often exports trailing columns without header and content: drop those."""
    for index, column in enumerate(mapping):
        if (
            column is not None
            and column.startswith(EXTRA + "column_")
            and not f.clean_text(raw.header[index])
            and not any(index < len(cells) and cells[index].strip() for _, cells in raw.records)
        ):
            mapping[index] = None


def overflow_is_excel_padding(raw: RawTable, width: int) -> bool:
    """True when most rows end in the same empty extra cells (a spreadsheet's padding)."""
    longer = [cells for _, cells in raw.records if len(cells) > width]
    return len(longer) > len(raw.records) / 2 and all(
        not any(x.strip() for x in cells[width:]) for cells in longer
    )
