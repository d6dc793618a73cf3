"""Changes between versions of the data: diff and merge by id, validation of edited tables,
and which rows geocoding should (re)visit.

Pure functions on loaded frames; `datastore.DataStore` uses them for its saves and the Data
page for its previews.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from equality_map import privacy, vocab
from equality_map import schema as s
from equality_map.issues import Issue
from equality_map.load import LoadResult, empty_frame, load_facilities_bytes, parse_bytes
from equality_map.store import format_cell, output_columns, to_csv_bytes

#: Columns filled by geocoding.
GEOCODE_COLUMNS: tuple[str, ...] = (s.LAT, s.LON, s.GEOCODE_PRECISION, s.GEOCODE_SOURCE)

Geocoder = Callable[[pd.DataFrame], pd.DataFrame]


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
    """Run `geocoder` on new or changed entries only; other rows are left as they are.

    Only coordinates better than the municipality's centre are kept (an address found in the
    cache or online): the centre is derived again at every load, writing it into the file
    would only make a town-level point look like a measured one.
    """
    if geocoder is None or len(frame) == 0:
        return frame
    d = diff(previous, frame)
    ids = set(d.added) | set(d.changed_ids)
    mask = frame[s.ID].astype(str).isin(ids)
    if not mask.any():
        return frame
    subset = frame.loc[mask].copy()
    result = geocoder(subset)
    if s.GEOCODE_SOURCE in result.columns:
        measured = ~result[s.GEOCODE_SOURCE].astype(str).isin(("municipality", "gazetteer"))
        result = result[measured.reindex(result.index, fill_value=False)]
        subset = subset.loc[subset.index.intersection(result.index)]
        mask = pd.Series(frame.index.isin(subset.index), index=frame.index)
        if not mask.any():
            return frame
    out = frame.copy()
    for col in GEOCODE_COLUMNS:
        if col in result.columns:
            if col not in out.columns:
                out[col] = "" if col not in (s.LAT, s.LON) else float("nan")
            values = result[col].reindex(subset.index)
            out.loc[mask, col] = values.to_numpy()
    return out


def editor_frame(frame: pd.DataFrame, lang: str = "de") -> pd.DataFrame:
    """The loaded frame for a table editor: a plain 0..n-1 index, lists as 'a; b' text.

    List values show their label in `lang` ("Alleinerziehende"); the loader maps labels back
    to keys when the edited table is checked, so editing in either language is lossless.
    """
    out = _for_output(frame).reset_index(drop=True)
    for col in s.LIST_COLUMNS:
        out[col] = [_list_text(v, col, lang) for v in out[col]]
        out[col] = out[col].astype(object)
    return out


def _list_text(value: Any, column: str, lang: str) -> Any:
    if isinstance(value, list | tuple):
        return "; ".join(vocab.label(column, str(x), lang) for x in value)
    return "" if value is None else value


def editor_mask(
    table: pd.DataFrame, text: str = "", categories: Iterable[str] = (), cities: Iterable[str] = ()
) -> pd.Series:
    """Rows of an editor table that match a search: text in any cell (case and umlaut folded),
    one of `categories` (keys), one of `cities` (as written in the table)."""
    mask = pd.Series(True, index=table.index)
    wanted_categories = set(categories)
    if wanted_categories:
        mask &= table[s.CATEGORY].isin(wanted_categories)
    wanted_cities = set(cities)
    if wanted_cities:
        mask &= table[s.CITY].isin(wanted_cities)
    needle = s.fold(text.strip())
    if needle:
        cells = table.map(lambda v: "" if v is None or v is pd.NA or v != v else str(v))
        joined = cells.agg(" ".join, axis=1).map(s.fold)
        mask &= joined.str.contains(needle, regex=False)
    return mask


def merge_edited_view(table: pd.DataFrame, shown: pd.Index, edited: pd.DataFrame) -> pd.DataFrame:
    """The whole editor table after editing only the `shown` rows: the other rows unchanged,
    the shown ones replaced by `edited` (rows deleted there are gone, added ones appended)."""
    rest = table.drop(index=shown)
    return pd.concat([rest, edited], ignore_index=True)


def field_text(column: str, text: str, lang: str) -> str:
    """A diff value for people: list keys as labels in `lang`, other text unchanged."""
    if column not in s.LIST_COLUMNS or not text:
        return text
    return "; ".join(vocab.label(column, part.strip(), lang) for part in text.split(";"))


def editor_row(issue_row: int | None) -> int | None:
    """The 1-based table row of an issue found by `validate_frame` (line 2 is table row 1)."""
    return None if issue_row is None else issue_row - 1


def online_candidates(frame: pd.DataFrame) -> pd.Series:
    """Rows an online geocode may improve: a street or postcode, not confidential, and no
    coordinates better than the municipality's point."""
    if len(frame) == 0:
        return pd.Series([], dtype=bool)
    confidential = privacy.confidential_mask(frame)
    has_address = (frame[s.STREET].fillna("").astype(str) != "") | (
        frame[s.POSTCODE].fillna("").astype(str) != ""
    )
    no_coords = frame[s.LAT].isna() | frame[s.LON].isna()
    coarse = frame[s.GEOCODE_SOURCE].fillna("").astype(str).isin(
        ("municipality", "gazetteer")
    ) | frame[s.GEOCODE_PRECISION].fillna("").astype(str).eq("city")
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
