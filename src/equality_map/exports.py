"""Downloads of (filtered) entries: CSV safe against formula injection, and GeoJSON.

Both go through `privacy.public_frame`, so confidential street/postcode never leave the app.
"""

from __future__ import annotations

import csv
import html
import io
import json
import math
from typing import Any

import pandas as pd

from equality_map import schema as s
from equality_map.assets import LIST_CSS, asset_text
from equality_map.mapping import POPUP_FIELDS
from equality_map.privacy import public_frame
from equality_map.store import format_cell, output_columns

#: A spreadsheet treats cells starting with these as formulas (OWASP CSV injection).
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise_cell(text: str) -> str:
    """Prefix `'` to a cell a spreadsheet would evaluate as a formula."""
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


def _table_cell(value: Any) -> str:
    if value is None or value is pd.NA or value is pd.NaT:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return "" if math.isnan(value) else repr(value)
    if isinstance(value, int):
        return str(value)
    if isinstance(value, list | tuple):
        return neutralise_cell("; ".join(str(v) for v in value))
    if isinstance(value, pd.Timestamp):
        return value.date().isoformat()
    return neutralise_cell(str(value))


def safe_csv_bytes(frame: pd.DataFrame) -> bytes:
    """Any table (e.g. coverage indicators) as UTF-8 CSV; numbers as is, text neutralised."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow([neutralise_cell(str(c)) for c in frame.columns])
    for record in frame.itertuples(index=False, name=None):
        writer.writerow([_table_cell(v.item() if hasattr(v, "item") else v) for v in record])
    return buffer.getvalue().encode("utf-8")


def to_safe_csv_bytes(frame: pd.DataFrame) -> bytes:
    """UTF-8 CSV (with BOM, so Excel shows umlauts) of the public, neutralised entries."""
    public = public_frame(frame)
    columns = output_columns(public)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(columns)
    present = [c for c in columns if c in public.columns]
    for record in public[present].to_dict("records"):
        writer.writerow([neutralise_cell(format_cell(c, record.get(c))) for c in columns])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _json_value(value: Any) -> Any:
    if isinstance(value, (list, tuple)):
        return [str(v) for v in value]
    if value is None:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    if isinstance(value, pd.Timestamp):
        return None if pd.isna(value) else value.date().isoformat()
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    if hasattr(value, "item"):
        return value.item()
    return value


def to_geojson(frame: pd.DataFrame) -> dict[str, Any]:
    """A GeoJSON FeatureCollection of the located public entries (unlocated ones are left out)."""
    public = public_frame(frame)
    features = []
    props_cols = [c for c in public.columns if c not in (s.LAT, s.LON)]
    for _, row in public.iterrows():
        lat, lon = row.get(s.LAT), row.get(s.LON)
        if lat is None or lon is None or pd.isna(lat) or pd.isna(lon):
            continue
        features.append(
            {
                "type": "Feature",
                "geometry": {"type": "Point", "coordinates": [float(lon), float(lat)]},
                "properties": {c: _json_value(row[c]) for c in props_cols},
            }
        )
    return {"type": "FeatureCollection", "features": features}


def to_geojson_bytes(frame: pd.DataFrame) -> bytes:
    """`to_geojson` as UTF-8 bytes."""
    return json.dumps(to_geojson(frame), ensure_ascii=False).encode("utf-8")


#: Columns of the accessible list, as i18n keys: the popup's facts plus name (the row header),
#: category and Land.
LIST_COLUMNS = ("col_name", "col_category", *POPUP_FIELDS[:2], "col_state", *POPUP_FIELDS[2:])

#: Columns with long text get more room (the table scrolls sideways instead of growing tall).
WIDE_LIST_COLUMNS = frozenset(
    {"col_organisation", "col_address", "col_networks", "col_target_groups", "col_topics"}
)


def entries_table_html(frame: pd.DataFrame, lang: str, caption: str) -> str:
    """The entries as one accessible HTML table (caption, column and row headers).

    Same facts as the popups, public fields only; every CSV value is escaped and links are
    tel:, mailto: or http(s) only. One element instead of a widget per cell, so that a filter
    change redraws the list cheaply in the browser.
    """
    from equality_map import i18n
    from equality_map.mapping import entry_fields

    esc = html.escape
    head = "".join(f'<th scope="col">{esc(i18n.t(key, lang))}</th>' for key in LIST_COLUMNS)
    body = []
    for row in public_frame(frame).to_dict("records"):
        fields = entry_fields(row, lang)
        name_key, *keys = LIST_COLUMNS
        cells = "".join(
            f'<td class="em-wide">{fields[k]}</td>'
            if k in WIDE_LIST_COLUMNS
            else f"<td>{fields[k]}</td>"
            for k in keys
        )
        body.append(f'<tr><th scope="row">{fields[name_key]}</th>{cells}</tr>')
    # The wrapper scrolls sideways on narrow screens, so it is focusable and named (WCAG 2.1.1).
    # The stylesheet travels with the table: st.html puts a style-only element elsewhere.
    return (
        f"<style>{asset_text(LIST_CSS)}</style>"
        f'<div class="em-list" role="region" tabindex="0" aria-label="{esc(caption)}">'
        f"<table><caption>{esc(caption)}</caption><thead><tr>{head}</tr></thead>"
        f"<tbody>{''.join(body)}</tbody></table></div>"
    )
