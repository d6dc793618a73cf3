"""Maintainer sign-in, pure parts: password check, who may edit, rate limit for failed attempts.

Editing is never open by default: without a configured password (or OIDC with an allow-list of
maintainer e-mails) nobody can sign in. The Streamlit glue lives in `ui.py`.
"""

from __future__ import annotations

import hmac
import time
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

#: Environment variable holding the maintainer password (alternative to st.secrets).
PASSWORD_ENV = "EQUALITY_MAP_ADMIN_PASSWORD"
#: Failed attempts allowed before a lockout starts.
MAX_FAILURES = 5
#: First lockout; it doubles with every further failure, up to MAX_LOCKOUT_SECONDS.
BASE_LOCKOUT_SECONDS = 30.0
MAX_LOCKOUT_SECONDS = 3600.0


def check_password(given: str, configured: str | None) -> bool:
    """True only if a password is configured and `given` equals it (constant-time compare)."""
    if not configured or not given:
        return False
    return hmac.compare_digest(given.encode("utf-8"), configured.encode("utf-8"))


def configured_password(secrets: Mapping[str, object], setting: str | None) -> str | None:
    """The maintainer password from secrets (`admin_password`) or the setting; None if unset."""
    value = secrets.get("admin_password")
    if isinstance(value, str) and value.strip():
        return value
    return setting if setting and setting.strip() else None


def maintainer_emails(secrets: Mapping[str, object]) -> set[str]:
    """E-mails allowed to edit after an OIDC sign-in (`maintainer_emails` in secrets)."""
    value = secrets.get("maintainer_emails")
    items: Iterable[object]
    if isinstance(value, str):
        items = value.replace(";", ",").split(",")
    elif isinstance(value, list | tuple):
        items = value
    else:
        return set()
    return {str(v).strip().casefold() for v in items if str(v).strip()}


def oidc_allows(email: str | None, allowed: set[str]) -> bool:
    """An OIDC user may edit only when their e-mail is on the maintainer list."""
    return bool(email) and str(email).strip().casefold() in allowed


@dataclass
class _Attempts:
    failures: int = 0
    locked_until: float = 0.0


@dataclass
class RateLimiter:
    """Counts failed sign-ins per key (session or IP); after MAX_FAILURES, growing lockouts."""

    max_failures: int = MAX_FAILURES
    base_lockout: float = BASE_LOCKOUT_SECONDS
    max_lockout: float = MAX_LOCKOUT_SECONDS
    clock: Callable[[], float] = time.monotonic
    _attempts: dict[str, _Attempts] = field(default_factory=dict)

    def retry_after(self, key: str) -> float:
        """Seconds until `key` may try again (0 when it may try now)."""
        state = self._attempts.get(key)
        if state is None:
            return 0.0
        return max(0.0, state.locked_until - self.clock())

    def allowed(self, key: str) -> bool:
        """Whether `key` may attempt a sign-in now."""
        return self.retry_after(key) == 0.0

    def record_failure(self, key: str) -> float:
        """Count a failed attempt; return the lockout in seconds it caused (0 if none yet)."""
        state = self._attempts.setdefault(key, _Attempts())
        state.failures += 1
        over = state.failures - self.max_failures
        if over < 0:
            return 0.0
        lockout = min(self.max_lockout, self.base_lockout * (2**over))
        state.locked_until = self.clock() + lockout
        return lockout

    def record_success(self, key: str) -> None:
        """A successful sign-in clears the failures of `key`."""
        self._attempts.pop(key, None)

    def attempt(self, key: str, given: str, configured: str | None) -> tuple[bool, float]:
        """Check a password under the limit: (signed_in, seconds to wait before the next try)."""
        wait = self.retry_after(key)
        if wait > 0:
            return False, wait
        if check_password(given, configured):
            self.record_success(key)
            return True, 0.0
        return False, self.record_failure(key)
