"""Maintainer access: sign-in (password or OIDC), rate limiting, and the Data page's gate."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import streamlit as st

from equality_map import auth, i18n
from equality_map.settings import APP_ROOT
from equality_map.ui import shell

_MAINTAINER_KEY = "_equality_map_maintainer"


DATA_PAGE_FILE = APP_ROOT / "pages" / "data.py"


def _secrets() -> dict[str, object]:
    """st.secrets as a plain dict; {} when there is no secrets.toml (never an exception)."""
    try:
        return {str(k): v for k, v in st.secrets.items()}
    except Exception:  # no secrets file, or an unparsable one: treat as "nothing configured"
        return {}


def admin_password() -> str | None:
    """The maintainer password: st.secrets['admin_password'] or env EQUALITY_MAP_ADMIN_PASSWORD."""
    return auth.configured_password(_secrets(), shell.settings().admin_password)


def oidc_configured() -> bool:
    """OIDC sign-in (st.login) is offered only with an [auth] section and a maintainer list."""
    secrets = _secrets()
    return isinstance(secrets.get("auth"), Mapping) and bool(auth.maintainer_emails(secrets))


def editing_configured() -> bool:
    """Whether any sign-in method is configured; without one, editing is off."""
    return admin_password() is not None or oidc_configured()


def _oidc_user() -> str | None:
    if not oidc_configured():
        return None
    try:
        if not st.user.is_logged_in:
            return None
        email = st.user.get("email")
    except Exception:  # auth not set up (Authlib missing) or no user info
        return None
    if auth.oidc_allows(str(email) if email else None, auth.maintainer_emails(_secrets())):
        return str(email)
    return None


def maintainer_signed_in() -> bool:
    """True when this session may edit the data: signed in, editing configured, not embedded."""
    if shell.is_embedded() or not editing_configured():
        return False
    if _oidc_user() is not None:
        return True
    state = st.session_state.get(_MAINTAINER_KEY)
    return (
        isinstance(state, dict)
        and state.get("method") == "password"
        and (admin_password() is not None)
    )


def maintainer_name() -> str:
    """Who is signed in, for the change log."""
    email = _oidc_user()
    if email:
        return email
    state = st.session_state.get(_MAINTAINER_KEY)
    if isinstance(state, dict):
        return str(state.get("user", "maintainer"))
    return "maintainer"


@st.cache_resource
def _rate_limiter() -> auth.RateLimiter:
    """One limiter per server process, shared by all sessions."""
    return auth.RateLimiter()


def _attempt_keys() -> list[str]:
    """Failed attempts count per session and per client address."""
    keys = []
    try:
        from streamlit.runtime.scriptrunner import get_script_run_ctx

        ctx = get_script_run_ctx()
        if ctx is not None:
            keys.append(f"session:{ctx.session_id}")
    except Exception:  # no script context (bare mode)
        pass
    try:
        ip = st.context.ip_address
    except Exception:
        ip = None
    keys.append(f"ip:{ip or 'local'}")
    return keys


def password_sign_in(given: str, user: str = "") -> tuple[bool, float]:
    """Check a password under the rate limit; on success the session becomes a maintainer."""
    limiter = _rate_limiter()
    keys = _attempt_keys()
    wait = max(limiter.retry_after(k) for k in keys)
    if wait > 0:
        return False, wait
    if auth.check_password(given, admin_password()):
        for k in keys:
            limiter.record_success(k)
        st.session_state[_MAINTAINER_KEY] = {
            "method": "password",
            "user": (user.strip() or "maintainer")[:80],
        }
        return True, 0.0
    lockout = max(limiter.record_failure(k) for k in keys)
    return False, lockout


def sign_out() -> None:
    """End the maintainer session (and the OIDC session if there is one)."""
    st.session_state.pop(_MAINTAINER_KEY, None)
    if _oidc_user() is not None:
        st.logout()


_SIGN_IN_OUTCOME = "_equality_map_sign_in_outcome"


def _on_sign_in_submit() -> None:
    ok, wait = password_sign_in(
        str(st.session_state.get("mt_password", "")), str(st.session_state.get("mt_user", ""))
    )
    st.session_state["mt_password"] = ""
    if not ok:
        st.session_state[_SIGN_IN_OUTCOME] = float(wait) if wait > 0 else "wrong"


def sign_in_form() -> None:
    """Maintainer sign-in in the sidebar: only where sign-in is configured (operators find the
    set-up in the README, visitors see nothing of it), never for embedded viewers."""
    if shell.is_embedded() or not editing_configured():
        return
    lang = shell.current_lang()

    def _(key: str, **values: Any) -> str:
        return i18n.t(key, lang, **values)

    with st.sidebar.expander(_("mt.sign_data_maintenance"), expanded=False, icon=":material/lock:"):
        if maintainer_signed_in():
            st.write(_("mt.signed_as_user", user=maintainer_name()))
            if st.button(_("mt.sign_out"), key="maintainer_sign_out"):
                sign_out()
                st.rerun()
            return
        if admin_password() is not None:
            # not clear_on_submit: a wrong password must not wipe the name (the callback
            # empties the password field itself)
            with st.form("maintainer_sign_in", clear_on_submit=False, border=False):
                st.text_input(_("mt.name_change_log"), key="mt_user")
                st.text_input(_("mt.password"), type="password", key="mt_password")
                # A callback, not the button's return value: it runs before the script, so a
                # rerun started by the map component cannot swallow the one-shot submit.
                st.form_submit_button(_("mt.sign"), on_click=_on_sign_in_submit)
            outcome = st.session_state.pop(_SIGN_IN_OUTCOME, None)
            if isinstance(outcome, float) and outcome > 0:
                st.error(
                    _(
                        "mt.too_many_failed_attempts",
                        seconds=int(outcome) + 1,
                    )
                )
            elif outcome == "wrong":
                st.error(_("mt.password_not_correct"))
        if oidc_configured() and st.button(_("mt.sign_account_oidc"), key="maintainer_oidc"):
            st.login()


def data_pages() -> list[Any]:
    """The Data page for st.navigation, only when this session may edit (else an empty list)."""
    if not maintainer_signed_in():
        return []
    return [
        st.Page(
            DATA_PAGE_FILE,
            title=i18n.t("mt.maintain_data", shell.current_lang()),
            icon=":material/edit_note:",
            url_path="data",
        )
    ]


def require_maintainer() -> None:
    """Second check inside the Data page: stop unless this session may edit."""
    if maintainer_signed_in():
        return
    lang = shell.current_lang()
    if not editing_configured():
        st.warning(
            i18n.t(
                "mt.data_maintenance_switched_off_2",
                lang,
            )
        )
    else:
        st.error(i18n.t("mt.page_signed_data_maintainers", lang))
    st.stop()
