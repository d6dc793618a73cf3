"""The one confidentiality rule: women's shelter addresses never leave the app.

An entry's address is confidential when `address_confidential` says so (the loader sets it
for every women's shelter unless the file says otherwise); where the flag is unknown it
counts as confidential. Such an entry is shown at its municipality only, with its public
contact: its street and postcode are blanked on every output path (map, popups, list,
downloads, embeds, exports, static site), its coordinates are coarsened to the municipality's
point, and its address is never sent to an online geocoder nor cached.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pandas as pd

from equality_map import schema as s


def is_confidential(row: Mapping[str, Any]) -> bool:
    """Whether one entry's address is confidential (unknown counts as confidential)."""
    value = row.get(s.ADDRESS_CONFIDENTIAL, True)
    if value is None or value is pd.NA:
        return True
    try:
        if pd.isna(value):
            return True
    except (TypeError, ValueError):
        pass
    return bool(value)


def confidential_mask(frame: pd.DataFrame) -> pd.Series:
    """Per row: is the address confidential? (all True when the column is missing)."""
    if s.ADDRESS_CONFIDENTIAL not in frame.columns:
        return pd.Series(True, index=frame.index)
    return frame[s.ADDRESS_CONFIDENTIAL].astype("boolean").fillna(True).astype(bool)


def public_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy with street and postcode blanked for confidential addresses.

    Every output path (map, popups, list, downloads, embeds, exports) goes through this.
    """
    out = frame.copy()
    if s.ADDRESS_CONFIDENTIAL not in out.columns:
        return out
    secret = confidential_mask(out)
    for column in s.CONFIDENTIAL_ADDRESS_COLUMNS:
        if column in out.columns:
            out.loc[secret, column] = ""
    return out


def may_send_online(row: Mapping[str, Any]) -> bool:
    """Whether an entry's address may be sent to an online geocoder or cached."""
    return not is_confidential(row)


def coarsen(
    lat: float, lon: float, city_lat: float, city_lon: float, *, tolerance: float = 1e-4
) -> tuple[float, float, bool]:
    """A confidential entry's point: its municipality's point, whatever was typed.

    Returns (lat, lon, changed): coordinates within `tolerance` degrees of the municipality's
    point are kept; others are replaced by it (NaN when the municipality is unknown).
    """
    if abs(lat - city_lat) < tolerance and abs(lon - city_lon) < tolerance:
        return lat, lon, False
    return city_lat, city_lon, True
