"""The geocoder chain: CSV coordinates -> cache -> online geocoder (opt-in) -> gazetteer point.

Every row gets `lat`, `lon`, `geocode_precision` (address, street, postcode, city) and
`geocode_source` (csv, cache, nominatim, gazetteer).

- Coordinates already in the data are kept (source `csv`).
- Rows with `address_confidential` (the default for women's shelters) never reach an online
  geocoder or the cache and are shown at city level only; precise coordinates typed for them
  are replaced by the city point.
- The online geocoder runs only when asked for (`online=`), through geopy's Nominatim client,
  under the Nominatim usage policy (https://operations.osmfoundation.org/policies/nominatim/):
  at most one request per second for the whole process, an identifying user agent, a 10 s
  timeout, bounded retries, `Retry-After` honoured, each distinct address asked once (SQLite
  cache keyed by the normalised address; misses cached too, with an expiry).
- The gazetteer gives the municipality's point when nothing better is known. An unknown city
  gets a warning with close names and stays without coordinates (listed, not mapped).

The app uses `geocode_offline` (cache read-only + gazetteer, no network) on every load.
"""

from __future__ import annotations

import math
import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

import pandas as pd

from equality_map import __version__
from equality_map import schema as s
from equality_map.gazetteer import CityMatch, Gazetteer, load_gazetteer
from equality_map.issues import Issue, IssueCollector

#: A confidential row's coordinates within this many degrees of its city point are kept.
CITY_POINT_TOLERANCE_DEG = 1e-4

ENV_CACHE = "EQUALITY_MAP_GEOCODE_CACHE"
ENV_ONLINE = "EQUALITY_MAP_GEOCODE_ONLINE"
ENV_DOMAIN = "EQUALITY_MAP_NOMINATIM_DOMAIN"
ENV_SCHEME = "EQUALITY_MAP_NOMINATIM_SCHEME"
ENV_USER_AGENT = "EQUALITY_MAP_USER_AGENT"
PUBLIC_NOMINATIM = "nominatim.openstreetmap.org"
#: geopy's default of 1 s is too short for Nominatim under load.
DEFAULT_TIMEOUT = 10.0
#: Nominatim usage policy: an absolute maximum of 1 request per second.
MIN_DELAY_SECONDS = 1.0
MAX_RETRIES = 2
#: Never wait longer than this for one Retry-After.
MAX_RETRY_AFTER = 120.0
#: After this many addresses failed in a row, the online geocoder is given up for the run.
MAX_CONSECUTIVE_FAILURES = 3
CACHE_TTL_DAYS = 365.0
MISS_TTL_DAYS = 30.0
#: An online answer farther than this from the city's gazetteer point is not trusted.
MAX_KM_FROM_CITY = 40.0

Precision = Literal["address", "street", "postcode", "city"]


class GeocodeConfigError(Exception):
    """The online geocoder is configured in a way the usage policy forbids; says how to fix."""


class OnlineGeocodeError(Exception):
    """The online geocoder failed for one address after its retries (not cached)."""


class OnlineGeocodeRefused(OnlineGeocodeError):
    """The server refused us (403, bad user agent): stop asking it for this run."""


def default_cache_path(env: Mapping[str, str] | None = None) -> Path:
    """The cache file: $EQUALITY_MAP_GEOCODE_CACHE or ~/.cache/equality-map/geocode.sqlite."""
    env = os.environ if env is None else env
    if env.get(ENV_CACHE):
        return Path(env[ENV_CACHE]).expanduser()
    base = Path(env.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    return base / "equality-map" / "geocode.sqlite"


def online_requested(env: Mapping[str, str] | None = None) -> bool:
    """True when $EQUALITY_MAP_GEOCODE_ONLINE is set to 1/true/yes."""
    env = os.environ if env is None else env
    return env.get(ENV_ONLINE, "").strip().lower() in ("1", "true", "yes", "on")


# --- addresses ---------------------------------------------------------------------------------


def _norm(text: str) -> str:
    return " ".join(s.fold(text).replace(",", " ").split())


@dataclass(frozen=True)
class AddressQuery:
    """A street address in Germany, as sent to the online geocoder."""

    street: str
    postcode: str
    city: str

    @property
    def key(self) -> str:
        """The cache key: the normalised address (case, umlauts, spaces folded)."""
        return "|".join(("de", _norm(self.street), _norm(self.postcode), _norm(self.city)))

    def structured(self) -> dict[str, str]:
        """Nominatim's structured query (street, postalcode, city, country)."""
        query = {"street": self.street, "postalcode": self.postcode, "city": self.city}
        query = {k: v for k, v in query.items() if v}
        query["country"] = "de"
        return query


@dataclass(frozen=True)
class Hit:
    """A point found for an address and how precise it is."""

    lat: float
    lon: float
    precision: Precision


# --- cache -------------------------------------------------------------------------------------


class GeocodeCache:
    """A persistent SQLite cache of online answers keyed by the normalised address.

    Misses are cached too (shorter expiry) so an unknown address costs one request, not one
    per run. Each `put` is committed at once, so Ctrl-C keeps what was found.
    """

    def __init__(
        self,
        path: str | Path,
        *,
        readonly: bool = False,
        ttl_days: float = CACHE_TTL_DAYS,
        miss_ttl_days: float = MISS_TTL_DAYS,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self.ttl = ttl_days * 86400.0
        self.miss_ttl = miss_ttl_days * 86400.0
        self.clock = clock
        self._conn: sqlite3.Connection | None = None
        if readonly:
            if self.path.exists():
                uri = f"{self.path.resolve().as_uri()}?mode=ro"
                self._conn = sqlite3.connect(uri, uri=True, check_same_thread=False)
        else:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._conn = sqlite3.connect(self.path, check_same_thread=False)
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute(
                "CREATE TABLE IF NOT EXISTS geocode (key TEXT PRIMARY KEY, found INTEGER NOT NULL,"
                " lat REAL, lon REAL, precision TEXT, source TEXT, fetched_at REAL NOT NULL)"
            )
            self._conn.commit()

    def get_many(self, keys: Iterable[str]) -> dict[str, Hit | None]:
        """Fresh entries for `keys`: a Hit, or None for a cached miss; absent keys left out."""
        out: dict[str, Hit | None] = {}
        if self._conn is None:
            return out
        wanted = list(dict.fromkeys(keys))
        now = self.clock()
        for start in range(0, len(wanted), 500):
            chunk = wanted[start : start + 500]
            marks = ",".join("?" * len(chunk))
            try:
                rows = self._conn.execute(
                    "SELECT key, found, lat, lon, precision, fetched_at FROM geocode "
                    f"WHERE key IN ({marks})",
                    chunk,
                ).fetchall()
            except sqlite3.OperationalError:  # a read-only view of a cache not created yet
                return out
            for key, found, lat, lon, precision, fetched_at in rows:
                age = now - float(fetched_at)
                if found and age <= self.ttl and precision in s.GEOCODE_PRECISIONS:
                    out[key] = Hit(float(lat), float(lon), precision)
                elif not found and age <= self.miss_ttl:
                    out[key] = None
        return out

    def get(self, key: str) -> Hit | None | Literal[False]:
        """The entry for `key`: a Hit, None for a cached miss, False when not cached."""
        found = self.get_many([key])
        return found.get(key, False)

    def put(self, key: str, hit: Hit | None, source: str = "nominatim") -> None:
        """Store an answer (None = not found) and commit."""
        if self.readonly or self._conn is None:
            raise RuntimeError("this geocode cache is read-only")
        self._conn.execute(
            "INSERT OR REPLACE INTO geocode VALUES (?, ?, ?, ?, ?, ?, ?)",
            (
                key,
                1 if hit else 0,
                hit.lat if hit else None,
                hit.lon if hit else None,
                hit.precision if hit else None,
                source,
                self.clock(),
            ),
        )
        self._conn.commit()

    def __len__(self) -> int:
        if self._conn is None:
            return 0
        try:
            return int(self._conn.execute("SELECT COUNT(*) FROM geocode").fetchone()[0])
        except sqlite3.OperationalError:
            return 0

    def close(self) -> None:
        """Close the database."""
        if self._conn is not None:
            self._conn.close()
            self._conn = None


# --- online geocoder ---------------------------------------------------------------------------


class Throttle:
    """Spaces calls at least `min_interval` seconds apart, across threads (one per process)."""

    def __init__(
        self,
        min_interval: float = MIN_DELAY_SECONDS,
        *,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        self.min_interval = min_interval
        self.clock = clock
        self.sleep = sleep
        self._last: float | None = None
        self._lock = threading.Lock()

    def wait(self) -> float:
        """Block until the next call is allowed; return the time it is made at."""
        with self._lock:
            now = self.clock()
            if self._last is not None and now - self._last < self.min_interval:
                self.sleep(self.min_interval - (now - self._last))
                now = self.clock()
            self._last = now
            return now

    def pause(self, seconds: float) -> None:
        """Wait `seconds` (a Retry-After or back-off) before the next call."""
        if seconds > 0:
            self.sleep(seconds)


#: The one throttle of this process, shared by every OnlineGeocoder unless one is injected.
PROCESS_THROTTLE = Throttle()


def _precision_of(raw: Mapping[str, Any], query: AddressQuery) -> Precision:
    address = raw.get("address") or {}
    if address.get("house_number") and query.street:
        return "address"
    if (address.get("road") or raw.get("class") == "highway") and query.street:
        return "street"
    if query.postcode and (raw.get("type") == "postcode" or address.get("postcode")):
        return "postcode"
    return "city"


class OnlineGeocoder:
    """geopy's Nominatim client behind the usage policy: throttle, retries, Retry-After."""

    name = "nominatim"

    def __init__(
        self,
        geolocator: Any,
        *,
        throttle: Throttle | None = None,
        max_retries: int = MAX_RETRIES,
        max_retry_after: float = MAX_RETRY_AFTER,
    ) -> None:
        self.geolocator = geolocator
        self.throttle = throttle or PROCESS_THROTTLE
        self.max_retries = max_retries
        self.max_retry_after = max_retry_after
        self.requests = 0
        self.request_times: list[float] = []

    def geocode(self, query: AddressQuery) -> Hit | None:
        """The point of `query`, None when the server knows no such address.

        Raises OnlineGeocodeError when the server failed after the retries and
        OnlineGeocodeRefused when it refuses us (no point in asking again).
        """
        from geopy import exc

        last_error: Exception | None = None
        for attempt in range(self.max_retries + 1):
            self.request_times.append(self.throttle.wait())
            self.requests += 1
            try:
                location = self.geolocator.geocode(
                    query.structured(), exactly_one=True, addressdetails=True, country_codes="de"
                )
            except exc.GeocoderRateLimited as error:  # 429: wait as told, then retry
                last_error = error
                wait = error.retry_after if error.retry_after is not None else 2.0**attempt
                self.throttle.pause(min(float(wait), self.max_retry_after))
                continue
            except (
                exc.GeocoderInsufficientPrivileges,
                exc.GeocoderAuthenticationFailure,
                exc.ConfigurationError,
            ) as error:
                raise OnlineGeocodeRefused(str(error)) from error
            except exc.GeocoderServiceError as error:  # timeout, 5xx, refused, malformed answer
                last_error = error
                if attempt < self.max_retries:
                    self.throttle.pause(2.0**attempt)
                continue
            if location is None:
                return None
            raw = getattr(location, "raw", {}) or {}
            return Hit(
                float(location.latitude), float(location.longitude), _precision_of(raw, query)
            )
        raise OnlineGeocodeError(
            f"{type(last_error).__name__}: {last_error}" if last_error else "failed"
        )


def _requests_adapter_factory() -> Any:
    """geopy's requests adapter without its own retries (ours are counted and bounded)."""
    try:
        from geopy.adapters import RequestsAdapter
    except ImportError:  # pragma: no cover - requests not installed
        return None

    def factory(proxies: Any, ssl_context: Any) -> Any:
        return RequestsAdapter(proxies=proxies, ssl_context=ssl_context, max_retries=0)

    return factory


def nominatim_from_env(
    env: Mapping[str, str] | None = None,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    throttle: Throttle | None = None,
    max_retries: int = MAX_RETRIES,
) -> OnlineGeocoder:
    """An OnlineGeocoder for the Nominatim server configured by environment variables.

    EQUALITY_MAP_NOMINATIM_DOMAIN (default nominatim.openstreetmap.org),
    EQUALITY_MAP_NOMINATIM_SCHEME (default https), EQUALITY_MAP_USER_AGENT (required for the
    public server: the usage policy asks for an identifying user agent).
    """
    from geopy.geocoders import Nominatim

    env = os.environ if env is None else env
    domain = env.get(ENV_DOMAIN, "").strip() or PUBLIC_NOMINATIM
    scheme = env.get(ENV_SCHEME, "").strip() or "https"
    if scheme not in ("http", "https"):
        raise GeocodeConfigError(f"{ENV_SCHEME} must be http or https, not {scheme!r}")
    user_agent = env.get(ENV_USER_AGENT, "").strip()
    if domain.lower().rstrip("/") == PUBLIC_NOMINATIM and not _identifying(user_agent):
        raise GeocodeConfigError(
            "the public Nominatim server requires an identifying user agent (usage policy: "
            "https://operations.osmfoundation.org/policies/nominatim/). Set it, e.g.\n"
            f'  export {ENV_USER_AGENT}="equality-map/{__version__} (you@example.org)"\n'
            f"or point {ENV_DOMAIN} at your own Nominatim server."
        )
    kwargs: dict[str, Any] = {
        "user_agent": user_agent or f"equality-map/{__version__}",
        "domain": domain,
        "scheme": scheme,
        "timeout": timeout,
    }
    factory = _requests_adapter_factory()
    if factory is not None:
        kwargs["adapter_factory"] = factory
    return OnlineGeocoder(Nominatim(**kwargs), throttle=throttle, max_retries=max_retries)


def _identifying(user_agent: str) -> bool:
    """A user agent that names the application and how to reach its operator."""
    lowered = user_agent.lower()
    if not user_agent or lowered.startswith(("geopy", "my_user_agent", "my-application")):
        return False
    return "@" in user_agent or "http" in lowered or "(" in user_agent


# --- the chain ---------------------------------------------------------------------------------


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(a))


def _in_germany(lat: float, lon: float) -> bool:
    la0, la1, lo0, lo1 = s.GERMANY_BBOX
    return la0 <= lat <= la1 and lo0 <= lon <= lo1


def _plausible(hit: Hit, match: CityMatch) -> bool:
    if not _in_germany(hit.lat, hit.lon):
        return False
    return not match.found or _haversine_km(hit.lat, hit.lon, match.lat, match.lon) <= (
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
    ):
        if column not in frame.columns:
            frame[column] = default
    frame[s.LAT] = pd.to_numeric(frame[s.LAT], errors="coerce").astype("float64")
    frame[s.LON] = pd.to_numeric(frame[s.LON], errors="coerce").astype("float64")
    return frame


def _city_issues(c: IssueCollector, row: int, city: str, match: CityMatch) -> None:
    if match.status == "unknown":
        hint_en = f"; did you mean {', '.join(match.suggestions)}?" if match.suggestions else ""
        hint_de = f"; meinten Sie {', '.join(match.suggestions)}?" if match.suggestions else ""
        c.warning(
            "unknown_city",
            row,
            s.CITY,
            city,
            f"municipality '{city}' not found in the gazetteer{hint_en} The entry is listed "
            "but not mapped; correct the name or fill in lat and lon",
            f"Gemeinde '{city}' nicht im Ortsverzeichnis gefunden{hint_de} Der Eintrag wird "
            "gelistet, aber nicht auf der Karte gezeigt; Namen korrigieren oder lat und lon "
            "eintragen",
        )
    elif match.status == "ambiguous":
        names = "; ".join(match.candidates)
        c.warning(
            "ambiguous_city",
            row,
            s.CITY,
            city,
            f"'{city}' is ambiguous ({names}); using the largest, {match.name} ({match.state}). "
            "Fill in the state column or the full name to choose",
            f"'{city}' ist mehrdeutig ({names}); verwendet wird die größte, {match.name} "
            f"({match.state}). Zur Auswahl Spalte state oder den vollen Namen angeben",
        )
    if match.found and match.state_mismatch:
        c.warning(
            "city_state_mismatch",
            row,
            s.STATE,
            city,
            f"'{city}' was not found in the given Land; found {match.name} in {match.state}. "
            "Check the state column",
            f"'{city}' liegt nicht im angegebenen Bundesland; gefunden: {match.name} in "
            f"{match.state}. Bitte Spalte state prüfen",
        )


def geocode_frame(
    frame: pd.DataFrame,
    *,
    cache: GeocodeCache | None = None,
    online: OnlineGeocoder | None = None,
    gazetteer: Gazetteer | None = None,
    progress: Callable[..., Any] | None = None,
    file: str = "",
) -> tuple[pd.DataFrame, list[Issue]]:
    """Fill lat, lon, geocode_precision, geocode_source (and an empty state) for every row.

    `online` is used only for rows with a street or postcode that are not confidential and not
    in `cache`; each distinct address is asked once. `progress(total=N)` may return a
    tqdm-like bar (update, close) over the online requests. Returns a new frame and warnings.
    """
    gaz = gazetteer or load_gazetteer()
    c = IssueCollector(file)
    out = _ensure_columns(frame.copy())
    if out.empty:
        return out, c.issues
    index = list(out.index)
    cities = [_text(v) for v in out[s.CITY].tolist()]
    states = [_text(v) for v in out[s.STATE].tolist()]
    streets = [_text(v) for v in out[s.STREET].tolist()]
    postcodes = [_text(v) for v in out[s.POSTCODE].tolist()]
    confidential = [bool(v) if v is not pd.NA else False for v in out[s.ADDRESS_CONFIDENTIAL]]
    lats = out[s.LAT].to_numpy(dtype="float64", copy=True)
    lons = out[s.LON].to_numpy(dtype="float64", copy=True)
    precisions = [_text(v) for v in out[s.GEOCODE_PRECISION].tolist()]
    sources = [_text(v) for v in out[s.GEOCODE_SOURCE].tolist()]

    matches: dict[tuple[str, str], CityMatch] = {}
    row_match: list[CityMatch] = []
    for city, state in zip(cities, states, strict=True):
        key = (city, state)
        if key not in matches:
            matches[key] = gaz.lookup(city, state or None)
        row_match.append(matches[key])

    # rows that need a point: no coordinates, or a confidential row more precise than its city
    todo: list[int] = []
    for i, row in enumerate(index):
        match = row_match[i]
        has_coords = not (math.isnan(lats[i]) or math.isnan(lons[i]))
        if not states[i] and match.status == "exact":
            states[i] = match.state
        # Confidential rows are shown at the municipality's gazetteer point only. Typed
        # coordinates are not trusted, whatever precision they claim: they may be the house.
        at_city_point = (
            match.found
            and abs(lats[i] - match.lat) < CITY_POINT_TOLERANCE_DEG
            and abs(lons[i] - match.lon) < CITY_POINT_TOLERANCE_DEG
        )
        if has_coords and confidential[i] and not at_city_point:
            c.warning(
                "confidential_coordinates_coarsened",
                row,
                s.LAT,
                "",
                "the address is confidential, so its exact coordinates are not used; the entry "
                "is shown at the centre of its municipality",
                "die Adresse ist vertraulich, daher werden die genauen Koordinaten nicht "
                "verwendet; der Eintrag erscheint in der Mitte seiner Gemeinde",
            )
            lats[i] = lons[i] = math.nan
            has_coords = False
        if has_coords:
            if not sources[i]:
                sources[i] = "csv"
            continue
        _city_issues(c, row, cities[i], match)
        todo.append(i)

    # street addresses: cache, then (opt-in) online
    queries: dict[int, AddressQuery] = {}
    for i in todo:
        if confidential[i] or not (streets[i] or postcodes[i]):
            continue
        match = row_match[i]
        city = match.municipality if match.found else cities[i]
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
            precisions[i], sources[i] = "city", "gazetteer"
        else:
            lats[i] = lons[i] = math.nan
            precisions[i] = sources[i] = ""
    out[s.LAT] = lats
    out[s.LON] = lons
    out[s.GEOCODE_PRECISION] = precisions
    out[s.GEOCODE_SOURCE] = sources
    out[s.STATE] = states
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
    c.warning(
        "online_geocoder_unavailable",
        None,
        None,
        reason,
        f"the online geocoder failed ({reason}); {remaining} further addresses are placed at "
        "their municipality. Run again later: answers found so far are cached",
        f"der Online-Geocoder ist ausgefallen ({reason}); {remaining} weitere Adressen werden "
        "in ihrer Gemeinde gezeigt. Später erneut ausführen: bisherige Antworten sind "
        "zwischengespeichert",
    )


def geocode_offline(
    frame: pd.DataFrame,
    *,
    gazetteer: Gazetteer | None = None,
    cache: GeocodeCache | Path | str | None = None,
    file: str = "",
) -> tuple[pd.DataFrame, list[Issue]]:
    """Geocode from the cache (read-only) and the gazetteer only: fast, never on the network.

    `cache` is an open cache, a path, or None for the default path (skipped if absent).
    """
    own = False
    if not isinstance(cache, GeocodeCache):
        cache = GeocodeCache(cache or default_cache_path(), readonly=True)
        own = True
    try:
        return geocode_frame(frame, cache=cache, gazetteer=gazetteer, file=file)
    finally:
        if own:
            cache.close()


def source_counts(frame: pd.DataFrame) -> dict[str, int]:
    """Rows per geocode_source ('' = without coordinates)."""
    counts = frame[s.GEOCODE_SOURCE].fillna("").astype(str).value_counts()
    return {str(k): int(v) for k, v in counts.items()}
