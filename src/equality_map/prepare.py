"""The one path from loaded rows to what people see: locate -> make public -> sort.

Used by the app (map, list, embeds), the CLI and every export, so they all show the same
entries at the same places in the same order.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from equality_map import privacy
from equality_map import schema as s
from equality_map.geocode import geocode_offline


def sort_entries(frame: pd.DataFrame) -> pd.DataFrame:
    """Entries in reading order: Land, city, name (folded, so umlauts sort as people expect)."""
    if frame.empty:
        return frame
    key = (
        frame[s.STATE].astype(str).map(s.fold)
        + "\n"
        + frame[s.CITY].astype(str).map(s.fold)
        + "\n"
        + frame[s.NAME].astype(str).map(s.fold)
    )
    return frame.loc[key.sort_values(kind="stable").index]


def prepare_entries(
    frame: pd.DataFrame, *, cache: Path | str | None = None, file: str = ""
) -> pd.DataFrame:
    """Located offline (cache read-only + place directory), public fields only, sorted."""
    located, _issues = geocode_offline(frame, cache=cache, file=file)
    return sort_entries(privacy.public_frame(located))
