"""Maintainer sign-in: password check, configuration, OIDC allow-list, navigation, rate limit."""

from __future__ import annotations

import pytest

from equality_map import auth


@pytest.mark.parametrize(
    ("given", "configured", "ok"),
    [
        ("s3cret", "s3cret", True),
        ("s3cret ", "s3cret", False),
        ("S3CRET", "s3cret", False),
        ("", "s3cret", False),
        ("", "", False),  # no password configured never means open
        ("anything", None, False),
        ("", None, False),
        ("pässwort", "pässwort", True),
    ],
)
def test_check_password(given: str, configured: str | None, ok: bool) -> None:
    assert auth.check_password(given, configured) is ok


@pytest.mark.parametrize(
    ("secrets", "setting", "expected"),
    [
        ({"admin_password": "a"}, "b", "a"),
        ({}, "b", "b"),
        ({"admin_password": "  "}, "b", "b"),
        ({}, "   ", None),
        ({}, None, None),
        ({"admin_password": 123}, None, None),
    ],
)
def test_configured_password(
    secrets: dict[str, object], setting: str | None, expected: str | None
) -> None:
    assert auth.configured_password(secrets, setting) == expected


@pytest.mark.parametrize(
    ("value", "email", "ok"),
    [
        (["Anna@Example.org"], "anna@example.org", True),
        ("anna@example.org, bea@example.org", "bea@example.org", True),
        (["anna@example.org"], "eve@example.org", False),
        (None, "anna@example.org", False),  # OIDC without an allow-list grants nothing
        ([], "anna@example.org", False),
        (["anna@example.org"], None, False),
    ],
)
def test_oidc_allow_list(value: object, email: str | None, ok: bool) -> None:
    allowed = auth.maintainer_emails({"maintainer_emails": value} if value is not None else {})
    assert auth.oidc_allows(email, allowed) is ok


class FakeClock:
    def __init__(self) -> None:
        self.t = 1000.0

    def __call__(self) -> float:
        return self.t


def test_rate_limiter_locks_out_after_failures_and_grows() -> None:
    clock = FakeClock()
    limiter = auth.RateLimiter(max_failures=3, base_lockout=10, max_lockout=35, clock=clock)
    for _ in range(2):
        assert limiter.attempt("s1", "wrong", "right") == (False, 0.0)
    assert limiter.attempt("s1", "wrong", "right") == (False, 10.0)
    # locked: even the right password is not checked
    assert limiter.attempt("s1", "right", "right") == (False, 10.0)
    assert limiter.allowed("s2")
    clock.t += 10
    assert limiter.attempt("s1", "wrong", "right") == (False, 20.0)
    clock.t += 20
    assert limiter.attempt("s1", "wrong", "right") == (False, 35.0)  # capped
    clock.t += 35
    assert limiter.attempt("s1", "right", "right") == (True, 0.0)
    assert limiter.retry_after("s1") == 0.0
    # success cleared the count
    assert limiter.attempt("s1", "wrong", "right") == (False, 0.0)


def test_rate_limiter_without_password_configured_never_signs_in() -> None:
    limiter = auth.RateLimiter(clock=FakeClock())
    assert limiter.attempt("k", "", None) == (False, 0.0)
