"""The only core-side module that imports Streamlit: cached loading and shared widgets."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import streamlit as st

from equality_map import auth
from equality_map.datastore import DataStore, history_dir_for
from equality_map.load import LoadResult, load_facilities

DEFAULT_DATA = Path(__file__).resolve().parents[2] / "data" / "facilities.csv"


def data_path() -> Path:
    """The data source: env EQUALITY_MAP_DATA or the bundled data/facilities.csv."""
    return Path(os.environ.get("EQUALITY_MAP_DATA", str(DEFAULT_DATA)))


def _file_key(path: Path) -> tuple[str, int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (str(path), -1, -1)
    return (str(path), stat.st_mtime_ns, stat.st_size)


@st.cache_data(show_spinner=False, max_entries=4)
def _load_cached(key: tuple[str, int, int]) -> LoadResult:
    return load_facilities(key[0])


def load_data() -> LoadResult:
    """Load the data source; cached until the file's mtime or size changes."""
    path = data_path()
    return _load_cached(_file_key(path))


def page_setup() -> None:
    """Page config shared by all pages."""
    st.set_page_config(page_title="equality-map", page_icon="⚖️", layout="wide")


def placeholder_page() -> None:
    """A simple overview until the map page lands."""
    result = load_data()
    st.title("equality-map")
    st.write(f"{len(result.frame)} Einträge geladen, {len(result.errors)} Fehler.")
    st.dataframe(result.frame[["name", "category", "city", "state"]], hide_index=True)


# --- maintainers: sign-in and the Data page (issue 6) ------------------------------------------

_MAINTAINER_KEY = "_equality_map_maintainer"
DATA_PAGE_FILE = Path(__file__).resolve().parents[2] / "pages" / "data.py"


def _secrets() -> dict[str, object]:
    """st.secrets as a plain dict; {} when there is no secrets.toml (never an exception)."""
    try:
        return {str(k): v for k, v in st.secrets.items()}
    except Exception:  # no secrets file, or an unparsable one: treat as "nothing configured"
        return {}


def admin_password() -> str | None:
    """The maintainer password: st.secrets['admin_password'] or env EQUALITY_MAP_ADMIN_PASSWORD."""
    return auth.configured_password(_secrets(), os.environ)


def oidc_configured() -> bool:
    """OIDC sign-in (st.login) is offered only with an [auth] section and a maintainer list."""
    secrets = _secrets()
    return isinstance(secrets.get("auth"), Mapping) and bool(auth.maintainer_emails(secrets))


def editing_configured() -> bool:
    """Whether any sign-in method is configured; without one, editing is off."""
    return admin_password() is not None or oidc_configured()


def is_embedded() -> bool:
    """True for embedded viewers (`?embed=true`); they never see maintainer pages."""
    try:
        if st.context.is_embedded:
            return True
    except Exception:  # older Streamlit or no script context
        pass
    return str(st.query_params.get("embed", "")).lower() == "true"


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
    if is_embedded() or not editing_configured():
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


def sign_in_form() -> None:
    """Maintainer sign-in in the sidebar; nothing at all for embedded viewers."""
    if is_embedded():
        return
    with st.sidebar.expander("Anmelden für Datenpflege", expanded=False, icon=":material/lock:"):
        if not editing_configured():
            st.caption(
                "Datenpflege ist ausgeschaltet: es ist kein Passwort eingerichtet. "
                "Betreiber*innen setzen `admin_password` in `.streamlit/secrets.toml` "
                "oder die Umgebungsvariable `EQUALITY_MAP_ADMIN_PASSWORD`."
            )
            return
        if maintainer_signed_in():
            st.write(f"Angemeldet als **{maintainer_name()}**.")
            if st.button("Abmelden", key="maintainer_sign_out"):
                sign_out()
                st.rerun()
            return
        if admin_password() is not None:
            with st.form("maintainer_sign_in", clear_on_submit=True, border=False):
                user = st.text_input("Ihr Name (für das Änderungsprotokoll)", key="mt_user")
                given = st.text_input("Passwort", type="password", key="mt_password")
                submitted = st.form_submit_button("Anmelden")
            if submitted:
                ok, wait = password_sign_in(given, user)
                if ok:
                    st.rerun()
                elif wait > 0:
                    st.error(
                        f"Zu viele Fehlversuche. Bitte in {int(wait) + 1} Sekunden erneut "
                        "versuchen."
                    )
                else:
                    st.error("Das Passwort stimmt nicht.")
        if oidc_configured() and st.button("Mit Konto anmelden (OIDC)", key="maintainer_oidc"):
            st.login()


def data_pages() -> list[Any]:
    """The Data page for st.navigation, only when this session may edit (else an empty list)."""
    if not maintainer_signed_in():
        return []
    return [
        st.Page(
            DATA_PAGE_FILE,
            title="Daten pflegen",
            icon=":material/edit_note:",
            url_path="data",
        )
    ]


def require_maintainer() -> None:
    """Second check inside the Data page: stop unless this session may edit."""
    if maintainer_signed_in():
        return
    if not editing_configured():
        st.warning(
            "Datenpflege ist ausgeschaltet, weil kein Passwort eingerichtet ist "
            "(`admin_password` in secrets.toml oder `EQUALITY_MAP_ADMIN_PASSWORD`)."
        )
    else:
        st.error("Diese Seite ist nur für angemeldete Datenpflegende.")
    st.stop()


def data_store() -> DataStore:
    """The store for the data file; history in EQUALITY_MAP_HISTORY_DIR or `<data dir>/.history`."""
    path = data_path()
    return DataStore(path, history_dir_for(path, os.environ.get("EQUALITY_MAP_HISTORY_DIR")))
