"""The online geocoder: geopy's Nominatim client behind the Nominatim usage policy.

Policy (https://operations.osmfoundation.org/policies/nominatim/): at most one request per
second for the whole process (`Throttle`, with its clock and sleep injectable so tests never
sleep), an identifying user agent for the public server, a 10 s timeout, bounded retries,
`Retry-After` honoured. The network is reached only through geopy's adapter (one seam).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Mapping
from typing import Any

from equality_map import __version__
from equality_map.geocode_cache import AddressQuery, Hit, Precision
from equality_map.settings import PUBLIC_NOMINATIM, Settings

#: geopy's default of 1 s is too short for Nominatim under load.
DEFAULT_TIMEOUT = 10.0
#: Nominatim usage policy: an absolute maximum of 1 request per second.
MIN_DELAY_SECONDS = 1.0
MAX_RETRIES = 2
#: Never wait longer than this for one Retry-After.
MAX_RETRY_AFTER = 120.0


class GeocodeConfigError(Exception):
    """The online geocoder is configured in a way the usage policy forbids; says how to fix."""


class OnlineGeocodeError(Exception):
    """The online geocoder failed for one address after its retries (not cached)."""


class OnlineGeocodeRefused(OnlineGeocodeError):
    """The server refused us (403, bad user agent): stop asking it for this run."""


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


def nominatim_client(
    settings: Settings,
    *,
    timeout: float = DEFAULT_TIMEOUT,
    throttle: Throttle | None = None,
    max_retries: int = MAX_RETRIES,
) -> OnlineGeocoder:
    """An OnlineGeocoder for the Nominatim server of `settings`.

    EQUALITY_MAP_NOMINATIM_DOMAIN (default nominatim.openstreetmap.org),
    EQUALITY_MAP_NOMINATIM_SCHEME (default https), EQUALITY_MAP_USER_AGENT (required for the
    public server: the usage policy asks for an identifying user agent).
    """
    from geopy.geocoders import Nominatim

    domain = settings.nominatim_domain.strip() or PUBLIC_NOMINATIM
    scheme = settings.nominatim_scheme.strip() or "https"
    if scheme not in ("http", "https"):
        raise GeocodeConfigError(
            f"EQUALITY_MAP_NOMINATIM_SCHEME must be http or https, not {scheme!r}"
        )
    user_agent = settings.user_agent.strip()
    if domain.lower().rstrip("/") == PUBLIC_NOMINATIM and not _identifying(user_agent):
        raise GeocodeConfigError(
            "the public Nominatim server requires an identifying user agent (usage policy: "
            "https://operations.osmfoundation.org/policies/nominatim/). Set it, e.g.\n"
            f'  export EQUALITY_MAP_USER_AGENT="equality-map/{__version__} (you@example.org)"\n'
            "or point EQUALITY_MAP_NOMINATIM_DOMAIN at your own Nominatim server."
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
