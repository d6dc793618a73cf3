"""Downloads of (filtered) entries: CSV safe against formula injection, and GeoJSON.

Both go through `mapping.public_frame`, so confidential street/postcode never leave the app.
"""

from __future__ import annotations

import csv
import io
import json
import math
from typing import Any

import pandas as pd

from equality_map import schema as s
from equality_map.mapping import public_frame
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


def display_frame(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The entries as a readable table (same information as the popups), public fields only."""
    from equality_map import i18n
    from equality_map.mapping import address_text

    public = public_frame(frame)

    def joined(column: str) -> pd.Series:
        return public[column].map(lambda items: "; ".join(items or ()))

    out = pd.DataFrame(
        {
            i18n.t("col_name", lang): public[s.NAME],
            i18n.t("col_category", lang): public[s.CATEGORY].map(
                lambda k: i18n.category_label(k, lang)
            ),
            i18n.t("col_organisation", lang): public[s.ORGANISATION],
            i18n.t("col_address", lang): [address_text(row, lang) for _, row in public.iterrows()],
            i18n.t("col_state", lang): public[s.STATE].map(lambda c: i18n.state_label(c, lang)),
            i18n.t("col_phone", lang): public[s.PHONE],
            i18n.t("col_email", lang): public[s.EMAIL],
            i18n.t("col_website", lang): public[s.WEBSITE],
            i18n.t("col_networks", lang): joined(s.NETWORKS),
            i18n.t("col_target_groups", lang): joined(s.TARGET_GROUPS),
            i18n.t("col_topics", lang): joined(s.TOPICS),
            i18n.t("col_languages", lang): joined(s.LANGUAGES),
            i18n.t("col_wheelchair", lang): public[s.WHEELCHAIR_ACCESSIBLE].map(
                lambda v: i18n.wheelchair_label(v, lang) if v else ""
            ),
            i18n.t("col_last_verified", lang): public[s.LAST_VERIFIED].map(
                lambda d: "" if pd.isna(d) else i18n.format_date(pd.Timestamp(d).date(), lang)
            ),
            i18n.t("col_source", lang): public[s.SOURCE_URL],
        },
        index=public.index,
    )
    return out
