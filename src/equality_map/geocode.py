"""The geocoder chain: CSV coordinates -> cache -> online geocoder (opt-in) -> municipality.

Every row gets `lat`, `lon`, `geocode_precision` (address, street, postcode, city) and
`geocode_source` (csv, cache, nominatim, municipality; files of older versions say
"gazetteer" for the municipality point).

- Coordinates already in the data are kept (source `csv`).
- Rows with a confidential address (the default for women's shelters; `privacy`) never reach
  an online geocoder or the cache and are shown at city level only; precise coordinates typed
  for them are replaced by the city point.
- The online geocoder (`nominatim`) runs only when asked for (`online=`); each distinct
  address is asked once (`geocode_cache`).
- Every row gets its municipality (`ags`, `kreis_ags`, Land) from `places`: its own `ags`,
  else its point (inside which municipality polygon), else its city name and Land.
- The municipality's centre (Destatis) is the point when nothing better is known. An
  unknown city gets a warning with close names and stays without coordinates (listed, not
  mapped).

The app uses `geocode_offline` (cache read-only + place directory, no network) on every load.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from equality_map import geo, i18n, privacy
from equality_map import schema as s
from equality_map.geocode_cache import AddressQuery, GeocodeCache, Hit
from equality_map.issues import Issue, IssueCollector, Localized
from equality_map.nominatim import OnlineGeocodeError, OnlineGeocoder, OnlineGeocodeRefused
from equality_map.places import PlaceMatch, Places, load_places

#: A confidential row's coordinates within this many degrees of its city point are kept.
CITY_POINT_TOLERANCE_DEG = 1e-4
#: After this many addresses failed in a row, the online geocoder is given up for the run.
MAX_CONSECUTIVE_FAILURES = 3
#: An online answer farther than this from the city's point is not trusted.
MAX_KM_FROM_CITY = 40.0


def _plausible(hit: Hit, match: PlaceMatch) -> bool:
    if not geo.in_germany(hit.lat, hit.lon):
        return False
    return not match.found or geo.distance_km(hit.lat, hit.lon, match.lat, match.lon) <= (
        MAX_KM_FROM_CITY
    )


def _text(value: Any) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value).strip()


def _ensure_columns(frame: pd.DataFrame) -> pd.DataFrame:
    for column, default in (
        (s.LAT, math.nan),
        (s.LON, math.nan),
        (s.GEOCODE_PRECISION, ""),
        (s.GEOCODE_SOURCE, ""),
        (s.STATE, ""),
        (s.STREET, ""),
        (s.POSTCODE, ""),
        (s.ADDRESS_CONFIDENTIAL, False),
        (s.AGS, ""),
    ):
        if column not in frame.columns:
            frame[column] = default
    frame[s.LAT] = pd.to_numeric(frame[s.LAT], errors="coerce").astype("float64")
    frame[s.LON] = pd.to_numeric(frame[s.LON], errors="coerce").astype("float64")
    return frame


def _city_issues(c: IssueCollector, row: int, city: str, match: PlaceMatch) -> None:
    if match.status == "unknown":
        names = ", ".join(match.suggestions)
        hint = Localized(lambda lang: i18n.t("issue.did_you_mean", lang, names=names) if names
                         else "")  # fmt: skip
        c.warning("unknown_city", row, s.CITY, city, value=city, hint=hint)
    elif match.status == "ambiguous":
        names = "; ".join(match.candidates)
        c.warning("ambiguous_city", row, s.CITY, city, value=city, names=names, name=match.name,
                  state=match.land)  # fmt: skip
    if match.found and match.state_mismatch:
        c.warning("city_state_mismatch", row, s.STATE, city, value=city, name=match.name,
                  state=match.land)  # fmt: skip


def _identify(
    places: Places,
    cities: list[str],
    states: list[str],
    given_ags: list[str],
    lats: np.ndarray,
    lons: np.ndarray,
    confidential: list[bool],
) -> list[PlaceMatch]:
    """The municipality of each row: its `ags` if given, else its point (non-confidential
    rows), else its city name and Land."""
    by_name = places.resolve_many(cities, states)
    out: list[PlaceMatch] = []
    for i, match in enumerate(by_name):
        if given_ags[i]:
            match = places.resolve(given_ags[i])
        elif not confidential[i] and not (math.isnan(lats[i]) or math.isnan(lons[i])):
            inside = places.resolve_point(float(lats[i]), float(lons[i]))
            if inside and inside != match.ags:
                match = places.resolve(inside)
        out.append(match)
    return out


def geocode_frame(
    frame: pd.DataFrame,
    *,
    cache: GeocodeCache | None = None,
    online: OnlineGeocoder | None = None,
    places: Places | None = None,
    progress: Callable[..., Any] | None = None,
    file: str = "",
) -> tuple[pd.DataFrame, list[Issue]]:
    """Fill ags, kreis_ags, state, lat, lon, geocode_precision and geocode_source per row.

    The municipality comes from the row's `ags`, else its coordinates (point in polygon),
    else its city name and Land (`places`). `online` is used only for rows with a street or
    postcode that are not confidential and not in `cache`; each distinct address is asked
    once. `progress(total=N)` may return a tqdm-like bar (update, close) over the online
    requests. Returns a new frame and warnings.
    """
    places = places or load_places()
    c = IssueCollector(file)
    out = _ensure_columns(frame.copy())
    if out.empty:
        out[s.KREIS_AGS] = pd.Series([], dtype=object)
        return out, c.issues
    index = list(out.index)
    cities = [_text(v) for v in out[s.CITY].tolist()]
    states = [_text(v) for v in out[s.STATE].tolist()]
    streets = [_text(v) for v in out[s.STREET].tolist()]
    postcodes = [_text(v) for v in out[s.POSTCODE].tolist()]
    confidential = privacy.confidential_mask(out).tolist()
    lats = out[s.LAT].to_numpy(dtype="float64", copy=True)
    lons = out[s.LON].to_numpy(dtype="float64", copy=True)
    precisions = [_text(v) for v in out[s.GEOCODE_PRECISION].tolist()]
    sources = [_text(v) for v in out[s.GEOCODE_SOURCE].tolist()]
    given = [_text(v) for v in out[s.AGS].tolist()]
    row_match = _identify(places, cities, states, given, lats, lons, confidential)

    # rows that need a point: no coordinates, or a confidential row more precise than its city
    todo: list[int] = []
    for i, row in enumerate(index):
        match = row_match[i]
        has_coords = not (math.isnan(lats[i]) or math.isnan(lons[i]))
        if match.status == "exact" and not match.state_mismatch:
            states[i] = match.land  # never guessed for an ambiguous name
        # Confidential rows are shown at the municipality's centre only. Typed coordinates
        # are not trusted, whatever precision they claim: they may be the house.
        if (
            has_coords
            and confidential[i]
            and privacy.coarsen(
                lats[i], lons[i], match.lat, match.lon, tolerance=CITY_POINT_TOLERANCE_DEG
            )[2]
        ):
            c.warning("confidential_coordinates_coarsened", row, s.LAT, "")
            lats[i] = lons[i] = math.nan
            has_coords = False
        if not given[i]:
            _city_issues(c, row, cities[i], match)
        if has_coords:
            if not sources[i]:
                sources[i] = "csv"
            continue
        todo.append(i)

    # street addresses: cache, then (opt-in) online
    queries: dict[int, AddressQuery] = {}
    for i in todo if (cache is not None or online is not None) else ():
        if confidential[i] or not (streets[i] or postcodes[i]):
            continue
        match = row_match[i]
        city = match.name if match.found else cities[i]
        queries[i] = AddressQuery(streets[i], postcodes[i], city)
    distinct = list(dict.fromkeys(q.key for q in queries.values()))
    found: dict[str, tuple[Hit | None, str]] = {}
    if cache is not None and distinct:
        for address_key, cached in cache.get_many(distinct).items():
            found[address_key] = (cached, "cache")
    if online is not None:
        pending: dict[str, AddressQuery] = {}
        for address in queries.values():  # first spelling of each distinct address
            if address.key not in found:
                pending.setdefault(address.key, address)
        _ask_online(online, pending, cache, found, c, progress)

    for i in todo:
        match = row_match[i]
        query = queries.get(i)
        hit = found.get(query.key, (None, ""))[0] if query else None
        if hit is not None and query is not None and _plausible(hit, match):
            lats[i], lons[i] = hit.lat, hit.lon
            precisions[i], sources[i] = hit.precision, found[query.key][1]
        elif match.found:
            lats[i], lons[i] = match.lat, match.lon
            precisions[i], sources[i] = "city", "municipality"
        else:
            lats[i] = lons[i] = math.nan
            precisions[i] = sources[i] = ""
    out[s.LAT] = lats
    out[s.LON] = lons
    out[s.GEOCODE_PRECISION] = precisions
    out[s.GEOCODE_SOURCE] = sources
    out[s.STATE] = states
    out[s.AGS] = [m.ags for m in row_match]
    out[s.KREIS_AGS] = [m.kreis_ags for m in row_match]
    return out, c.issues


def _ask_online(
    online: OnlineGeocoder,
    pending: dict[str, AddressQuery],
    cache: GeocodeCache | None,
    found: dict[str, tuple[Hit | None, str]],
    c: IssueCollector,
    progress: Callable[..., Any] | None,
) -> None:
    """Ask the online geocoder for each pending address once; cache answers as they come."""
    if not pending:
        return
    bar = progress(total=len(pending)) if progress is not None else None
    failures = 0
    try:
        for done, (key, query) in enumerate(pending.items()):
            try:
                hit = online.geocode(query)
            except OnlineGeocodeRefused as error:
                _online_gave_up(c, str(error), len(pending) - done)
                return
            except OnlineGeocodeError as error:
                failures += 1
                if failures >= MAX_CONSECUTIVE_FAILURES:
                    _online_gave_up(c, str(error), len(pending) - done - 1)
                    return
                if bar is not None:
                    bar.update(1)
                continue
            failures = 0
            found[key] = (hit, online.name)
            if cache is not None and not cache.readonly:
                cache.put(key, hit, online.name)
            if bar is not None:
                bar.update(1)
    finally:
        if bar is not None:
            bar.close()


def _online_gave_up(c: IssueCollector, reason: str, remaining: int) -> None:
    c.warning("online_geocoder_unavailable", None, None, reason, reason=reason,
              remaining=remaining)  # fmt: skip


def geocode_offline(
    frame: pd.DataFrame,
    *,
    places: Places | None = None,
    cache: GeocodeCache | Path | str | None = None,
    file: str = "",
) -> tuple[pd.DataFrame, list[Issue]]:
    """Geocode from the cache (read-only) and the directory only: fast, never on the network.

    `cache` is an open cache, a path (settings.geocode_cache; skipped if absent) or None.
    """
    own = False
    if cache is not None and not isinstance(cache, GeocodeCache):
        cache = GeocodeCache(cache, readonly=True)
        own = True
    try:
        return geocode_frame(frame, cache=cache, places=places, file=file)
    finally:
        if own and cache is not None:
            cache.close()


def source_counts(frame: pd.DataFrame) -> dict[str, int]:
    """Rows per geocode_source ('' = without coordinates)."""
    counts = frame[s.GEOCODE_SOURCE].fillna("").astype(str).value_counts()
    return {str(k): int(v) for k, v in counts.items()}


def offline_geocoder(
    cache: Path | str | None = None,
) -> Callable[[pd.DataFrame], pd.DataFrame]:
    """`geocode_offline` as a frame -> frame function (what `DataStore.save` takes)."""

    def run(frame: pd.DataFrame) -> pd.DataFrame:
        return geocode_offline(frame, cache=cache)[0]

    return run
