"""The one path from loaded rows to what people see: locate -> make public -> sort.

Used by the app (map, list, embeds), the CLI and every export, so they all show the same
entries at the same places in the same order. Every entry also gets the readable name of its
municipality (`municipality`), the one name city filters, pickers and `city=` URLs use.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pandas as pd

from equality_map import privacy
from equality_map import schema as s
from equality_map.geocode import geocode_offline
from equality_map.places import AGS, Places, load_places, split_land


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


def municipality_labels(frame: pd.DataFrame, places: Places) -> pd.Series:
    """Per entry: its municipality's name ("Göttingen"), with the Land where two
    municipalities of the data share a name ("Halle (NI)"); the typed city if unresolved."""
    ags = frame[s.AGS].fillna("").astype(str) if s.AGS in frame else pd.Series("", frame.index)
    names = places.municipalities["display_name"]
    known = ags.isin(names.index)
    label = frame[s.CITY].astype(str).where(~known, ags.map(names))
    shared = label[known].groupby(label[known]).transform(lambda v: ags[v.index].nunique() > 1)
    lands = ags.str[:2].map(s.LAND_BY_AGS).fillna("")
    label.loc[shared[shared].index] = label[shared[shared].index] + " (" + lands + ")"
    return label


def present(located: pd.DataFrame, places: Places | None = None) -> pd.DataFrame:
    """Located entries as people see them: municipality names, public fields only, sorted."""
    out = located.copy()
    out[s.MUNICIPALITY] = municipality_labels(out, places or load_places())
    return sort_entries(privacy.public_frame(out))


def prepare_entries(
    frame: pd.DataFrame,
    *,
    cache: Path | str | None = None,
    file: str = "",
    places: Places | None = None,
) -> pd.DataFrame:
    """Located offline (municipality AGS and point), public fields only, sorted."""
    places = places or load_places()
    located, _issues = geocode_offline(frame, cache=cache, file=file, places=places)
    return present(located, places)


def city_lookup(frame: pd.DataFrame, places: Places) -> Callable[[str], str | None]:
    """A function from what people type or link (a name, a spelling, an AGS) to the
    municipality name of `frame` that it means, or None (never a substring match)."""
    labels = dict(zip(frame[s.MUNICIPALITY], frame[s.MUNICIPALITY], strict=True))
    by_ags = dict(zip(frame[s.AGS].astype(str), frame[s.MUNICIPALITY], strict=True))

    def lookup(value: str) -> str | None:
        text = " ".join(str(value).split())
        if text in labels:
            return text
        if AGS.match(text):
            return by_ags.get(places.resolve(text).ags)
        text, land = split_land(text)
        match = places.resolve(text, land or None)
        if not match.found or (land and match.state_mismatch):
            return None
        return by_ags.get(match.ags)

    return lookup
