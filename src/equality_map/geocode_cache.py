"""The geocode cache: online answers in SQLite, keyed by the normalised address.

Shared by the geocoder chain (`geocode`) and the online client (`nominatim`): an address is
asked online once, misses included (with a shorter expiry), and Ctrl-C keeps what was found.
"""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Literal

from equality_map import schema as s

CACHE_TTL_DAYS = 365.0
MISS_TTL_DAYS = 30.0

Precision = Literal["address", "street", "postcode", "city"]


def _norm(text: str) -> str:
    return " ".join(s.fold(text).replace(",", " ").split())


@dataclass(frozen=True)
class AddressQuery:
    """A street address in Germany, as sent to the online geocoder."""

    street: str
    postcode: str
    city: str

    @cached_property
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
