"""Data page for maintainers: upload CSV/XLSX, edit inline, see the diff, save safely, restore.

Routable only when signed in (app.py adds it to st.navigation via `ui.data_pages()`), and the
page checks access again itself. All logic lives in `equality_map.datastore`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from equality_map import changes as ch
from equality_map import datastore as ds
from equality_map import geocode, i18n, nominatim, ui
from equality_map import schema as s
from equality_map.geocode_cache import GeocodeCache
from equality_map.issues import Issue
from equality_map.load import load_facilities_bytes
from equality_map.store import format_cell

ui.require_app_shell()  # before anything else: see its docstring

ui.require_maintainer()

LANG = ui.current_lang()


def _(key: str, **values: Any) -> str:
    """The catalogue text `key` in the UI language."""
    return i18n.t(key, LANG, **values)


SNAP = "dp_snapshot"
GEN = "dp_generation"
FLASH = "dp_flash"
ACTIONS = {
    "edit": "mt.table_edited",
    "upload-merge": "mt.file_merged",
    "upload-replace": "mt.file_replaced",
    "restore": "mt.restored",
    "geocode-online": "mt.geocoded_online",
    "external": "mt.changed_outside_app",
}

store = ui.data_store()


def load_snapshot() -> None:
    """Remember the data and its hash as loaded now; later saves are checked against it."""
    st.session_state[SNAP] = store.snapshot()
    st.session_state[GEN] = st.session_state.get(GEN, 0) + 1


if SNAP not in st.session_state:
    load_snapshot()
snap: ds.Snapshot = st.session_state[SNAP]
gen: int = st.session_state[GEN]


# --- display helpers ---------------------------------------------------------------------------


def issue_table(issues: list[Issue], *, table_rows: bool = False) -> pd.DataFrame:
    """Issues as a table: row, column, value, kind and the loader's message (as in the CLI)."""
    ordered = sorted(issues, key=lambda i: (i.severity != "error", i.row or 0))
    return pd.DataFrame(
        {
            _("mt.row"): [
                (ch.editor_row(i.row) if table_rows else i.row) if i.row is not None else None
                for i in ordered
            ],
            _("mt.column"): [i.column or "" for i in ordered],
            _("mt.value"): [i.value for i in ordered],
            _("mt.kind"): [
                _("mt.error") if i.severity == "error" else _("mt.warning") for i in ordered
            ],
            _("mt.message"): [i.message(LANG) for i in ordered],
        }
    )


def show_report(issues: list[Issue], *, table_rows: bool = False) -> int:
    """The validation report; returns the number of errors."""
    errors = [i for i in issues if i.severity == "error"]
    warnings = [i for i in issues if i.severity == "warning"]
    if errors:
        st.error(
            _(
                "mt.n_errors_found_nothing",
                n=len(errors),
            )
            if not table_rows
            else _("mt.n_errors_table_please", n=len(errors))
        )
        st.dataframe(
            issue_table(errors, table_rows=table_rows), hide_index=True, key=f"dp_err_{gen}"
        )
    if warnings:
        with st.expander(_("mt.n_warnings_accepted", n=len(warnings))):
            st.dataframe(issue_table(warnings, table_rows=table_rows), hide_index=True)
    return len(errors)


#: Columns shown for added and removed entries in a diff.
_DIFF_ENTRY_COLUMNS = (s.ID, s.NAME, s.CATEGORY, s.CITY)


def _cell(row: dict[str, Any] | None, col: str) -> str:
    return "" if row is None else format_cell(col, row.get(col, ""))


def show_diff(d: ch.Diff, old: pd.DataFrame, new: pd.DataFrame, *, key: str) -> None:
    """Added, removed and changed entries (field by field), matched by id."""
    counts = d.counts()
    a, r, c = st.columns(3)
    a.metric(_("mt.added"), counts["added"])
    r.metric(_("mt.removed"), counts["removed"])
    c.metric(_("mt.changed"), counts["changed"])
    old_rows = {str(x[s.ID]): x for x in old.to_dict("records")} if len(old) else {}
    new_rows = {str(x[s.ID]): x for x in new.to_dict("records")} if len(new) else {}
    for ids, rows, heading, suffix in (
        (d.added, new_rows, _("mt.new_entries"), "added"),
        (d.removed, old_rows, _("mt.removed_entries"), "removed"),
    ):
        if ids:
            st.markdown(heading)
            st.dataframe(
                pd.DataFrame(
                    [{col: _cell(rows.get(i), col) for col in _DIFF_ENTRY_COLUMNS} for i in ids]
                ),
                hide_index=True,
                key=f"{key}_{suffix}",
            )
    if d.changed:
        st.markdown(_("mt.changed_fields"))
        st.dataframe(
            pd.DataFrame(
                {
                    "id": [ch.id for ch in d.changed],
                    _("mt.field"): [ch.field for ch in d.changed],
                    _("mt.before"): [ch.before for ch in d.changed],
                    _("mt.after"): [ch.after for ch in d.changed],
                    _("mt.name"): [_cell(new_rows.get(ch.id), s.NAME) for ch in d.changed],
                }
            ),
            hide_index=True,
            key=f"{key}_changed",
        )


def show_stale(err: ds.StaleDataError) -> None:
    """Someone else saved first: say so, show their change, keep ours unsaved."""
    who = ", ".join(f"{c.get('user', '?')} ({c.get('time', '?')[:19]})" for c in err.changes)
    st.error(
        _(
            "mt.not_saved_someone_else",
            who=" – " + who if who else "",
        )
    )
    if err.diff is not None:
        with st.expander(_("mt.other_change"), expanded=True):
            show_diff(err.diff, pd.DataFrame(), pd.DataFrame(), key=f"dp_stale_{gen}")


def save(frame: pd.DataFrame, *, action: str, summary: str) -> None:
    """Save against the remembered hash; on success reload and report, else explain."""
    try:
        result = store.save(
            frame,
            expected_hash=snap.content_hash,
            user=ui.maintainer_name(),
            summary=summary,
            action=action,
            geocoder=geocode.offline_geocoder(ui.settings().geocode_cache),
        )
    except ds.DataValidationError as err:
        show_report(err.issues)
        return
    except ds.StaleDataError as err:
        show_stale(err)
        return
    except ds.BrokenRowsError as err:
        st.error(
            _(
                "mt.not_saved_current_file",
                n=len(err.issues),
            )
        )
        show_report(err.issues)
        return
    except ds.DataLockedError:
        st.error(_("mt.someone_else_saving_right"))
        return
    counts = result.diff.counts()
    st.session_state[FLASH] = (
        _(
            "mt.saved_added_added_changed",
            **counts,
        )
        if result.written
        else _("mt.no_changes_nothing_saved")
    )
    load_snapshot()
    st.rerun()


# --- page --------------------------------------------------------------------------------------

st.title(_("mt.maintain_data"))
if FLASH in st.session_state:
    st.success(st.session_state.pop(FLASH))

head, reload_col = st.columns([5, 1])
head.caption(
    _(
        "mt.file_path_n_entries",
        path=store.path,
        n=len(snap.frame),
        version=snap.content_hash[:12],
        user=ui.maintainer_name(),
    )
)
if reload_col.button(_("mt.reload"), key="dp_reload"):
    load_snapshot()
    st.rerun()
if store.current_hash() != snap.content_hash:
    st.warning(_("mt.file_has_changed_since"))
bad_rows = [i for i in snap.issues if i.severity == "error"]
if bad_rows:
    with st.expander(
        _(
            "mt.attention_n_errors_current",
            n=len(bad_rows),
        )
    ):
        st.dataframe(issue_table(bad_rows), hide_index=True)

upload_tab, edit_tab, geocode_tab, history_tab = st.tabs(
    [_("mt.upload_file"), _("mt.edit_directly"), _("mt.geocode_online"), _("mt.history")]
)

with upload_tab:
    st.write(
        _(
            "mt.csv_also_excel_csv",
            mb=ds.MAX_UPLOAD_BYTES // (1024 * 1024),
        )
    )
    upload = st.file_uploader(
        _("mt.choose_file"),
        type=["csv", "tsv", "txt", "xlsx", "xlsm"],
        key=f"dp_upload_{gen}",
    )
    if upload is not None:
        data = upload.getvalue()
        if len(data) > ds.MAX_UPLOAD_BYTES:
            st.error(
                _(
                    "mt.file_has_size_mb",
                    size=len(data) // 1_000_000,
                    mb=ds.MAX_UPLOAD_BYTES // (1024 * 1024),
                )
            )
        else:
            incoming = load_facilities_bytes(data, upload.name)
            st.subheader(_("mt.validation_report"))
            n_errors = show_report(incoming.issues)
            if not incoming.issues:
                st.success(_("mt.no_errors_no_warnings"))
            if not n_errors:
                mode = st.radio(
                    _("mt.how_take_over"),
                    ["upload-merge", "upload-replace"],
                    format_func=lambda m: {
                        "upload-merge": _("mt.merge_add_new_ones"),
                        "upload-replace": _("mt.replace_file_becomes_new"),
                    }[m],
                    key=f"dp_mode_{gen}",
                )
                if mode == "upload-replace":
                    new_frame = incoming.frame
                else:
                    new_frame = ch.merge(
                        snap.frame, incoming.frame, ch.uploaded_columns(data, upload.name)
                    )
                st.subheader(_("mt.changes_against_current_data"))
                change = ch.diff(snap.frame, new_frame)
                show_diff(change, snap.frame, new_frame, key=f"dp_up_{gen}")
                if change.is_empty:
                    st.info(_("mt.file_contains_no_changes"))
                else:
                    sure = True
                    if change.removed:
                        sure = st.checkbox(
                            _("mt.yes_remove_n_entries", n=len(change.removed)),
                            key=f"dp_sure_{gen}",
                        )
                    if st.button(
                        _("mt.save_changes"),
                        type="primary",
                        disabled=not sure,
                        key=f"dp_confirm_{gen}",
                    ):
                        save(new_frame, action=mode, summary=upload.name)

with edit_tab:
    st.write(_("mt.click_cells_change_them"))
    editor_key = f"dp_editor_{gen}"
    table = ch.editor_frame(snap.frame)
    edited = st.data_editor(
        table,
        key=editor_key,
        num_rows="dynamic",
        hide_index=True,
        column_config={
            s.ID: st.column_config.TextColumn("id", help=_("mt.stable_identifier_leave_empty")),
            s.NAME: st.column_config.TextColumn(_("mt.name"), required=True),
            s.CATEGORY: st.column_config.SelectboxColumn(
                _("mt.category"),
                options=list(s.CATEGORIES),
                format_func=lambda k: i18n.category_label(k, LANG) if k in s.CATEGORIES else k,
                required=True,
            ),
            s.CITY: st.column_config.TextColumn(_("mt.place"), required=True),
            s.STATE: st.column_config.SelectboxColumn(
                _("mt.land"), options=["", *s.STATES], help=_("mt.empty_from_gazetteer")
            ),
            s.LAT: st.column_config.NumberColumn(
                _("mt.latitude"),
                min_value=s.GERMANY_BBOX[0],
                max_value=s.GERMANY_BBOX[1],
                format="%.5f",
            ),
            s.LON: st.column_config.NumberColumn(
                _("mt.longitude"),
                min_value=s.GERMANY_BBOX[2],
                max_value=s.GERMANY_BBOX[3],
                format="%.5f",
            ),
            s.GEOCODE_PRECISION: st.column_config.TextColumn(_("mt.precision"), disabled=True),
            s.GEOCODE_SOURCE: st.column_config.TextColumn(
                _("mt.source_coordinates"), disabled=True
            ),
            s.ADDRESS_CONFIDENTIAL: st.column_config.CheckboxColumn(_("mt.address_confidential")),
            s.WEBSITE: st.column_config.LinkColumn(_("mt.website"), validate=r"^https?://"),
            s.SOURCE_URL: st.column_config.LinkColumn(_("mt.source"), validate=r"^https?://"),
            s.WHEELCHAIR_ACCESSIBLE: st.column_config.SelectboxColumn(
                _("mt.wheelchair_accessible"), options=list(s.WHEELCHAIR_VALUES)
            ),
            s.CAPACITY: st.column_config.NumberColumn(_("mt.places"), min_value=0, step=1),
            s.LAST_VERIFIED: st.column_config.DateColumn(
                _("mt.last_verified"), format="DD.MM.YYYY"
            ),
            s.TARGET_GROUPS: st.column_config.TextColumn(_("mt.target_groups")),
            s.TOPICS: st.column_config.TextColumn(_("mt.topics")),
            s.NETWORKS: st.column_config.TextColumn(_("mt.networks")),
            s.LANGUAGES: st.column_config.TextColumn(_("mt.languages")),
        },
    )
    state = st.session_state.get(editor_key) or {}
    touched = any(state.get(k) for k in ("edited_rows", "added_rows", "deleted_rows"))
    if not touched:
        st.caption(_("mt.no_changes_table_yet"))
    else:
        checked = ch.validate_frame(edited, _("mt.table"))
        n_errors = show_report(checked.issues, table_rows=True)
        if not n_errors:
            change = ch.diff(snap.frame, checked.frame)
            show_diff(change, snap.frame, checked.frame, key=f"dp_ed_{gen}")
            if change.is_empty:
                st.info(_("mt.table_contains_no_changes"))
            elif st.button(_("mt.save_changes"), type="primary", key=f"dp_save_{gen}"):
                save(checked.frame, action="edit", summary=_("mt.table"))


class StreamlitProgress:
    """A tqdm-like progress bar (what geocode expects) drawn with st.progress."""

    def __init__(self, total: int) -> None:
        self.total, self.done = max(int(total), 1), 0
        self.bar = st.progress(0.0, text=_("mt.done_total_addresses", done=0, total=self.total))

    def update(self, n: int = 1) -> None:
        self.done += n
        self.bar.progress(
            min(self.done / self.total, 1.0),
            text=_("mt.done_total_addresses", done=self.done, total=self.total),
        )

    def close(self) -> None:
        self.bar.empty()


with geocode_tab:
    candidates = ch.online_candidates(snap.frame)
    n_candidates = int(candidates.sum())
    st.write(_("mt.new_changed_entries_placed"))
    st.write(_("mt.entries_can_placed_more", n=n_candidates))
    online: nominatim.OnlineGeocoder | None
    try:
        online = nominatim.nominatim_client(ui.settings())
    except nominatim.GeocodeConfigError as err:
        st.warning(_("mt.online_geocoding_not_set", error=err))
        online = None
    if (
        online is not None
        and n_candidates
        and st.button(
            _("mt.geocode_online_now_about", n=n_candidates),
            key=f"dp_geocode_{gen}",
        )
    ):
        cache = GeocodeCache(ui.settings().geocode_cache)
        try:
            refined, geo_issues = ch.refine_online(
                snap.frame, online, cache=cache, progress=StreamlitProgress
            )
        finally:
            cache.close()
        for issue in geo_issues:
            st.warning(issue.message(LANG))
        save(refined, action="geocode-online", summary=_("mt.n_addresses_online", n=n_candidates))


with history_tab:
    st.caption(_("mt.earlier_versions_log_folder", folder=store.history_dir))
    log = store.changes()
    if log:
        st.markdown(_("mt.change_log"))
        st.dataframe(
            pd.DataFrame(
                {
                    _("mt.time_utc"): [str(e.get("time", ""))[:19].replace("T", " ") for e in log],
                    _("mt.who"): [e.get("user", "") for e in log],
                    _("mt.action"): [
                        _(ACTIONS[str(e.get("action"))])
                        if str(e.get("action")) in ACTIONS
                        else e.get("action")
                        for e in log
                    ],
                    _("mt.added_2"): [e.get("counts", {}).get("added") for e in log],
                    _("mt.changed_2"): [e.get("counts", {}).get("changed") for e in log],
                    _("mt.removed_2"): [e.get("counts", {}).get("removed") for e in log],
                    _("mt.description"): [e.get("summary", "") for e in log],
                }
            ).iloc[::-1],
            hide_index=True,
            key=f"dp_log_{gen}",
        )
    versions = store.history()
    if not versions:
        st.info(_("mt.no_earlier_versions_yet"))
    else:
        choice = st.selectbox(
            _("mt.earlier_version"),
            [v.version_id for v in versions],
            format_func=lambda vid: next(
                f"{v.saved_at:%d.%m.%Y %H:%M:%S} UTC · {v.content_hash} · {v.size:,} Bytes"
                for v in versions
                if v.version_id == vid
            ),
            key=f"dp_version_{gen}",
        )
        old = load_facilities_bytes(store.version_bytes(choice), f"{choice}.csv")
        st.markdown(_("mt.restoring_changes_current_data"))
        show_diff(ch.diff(snap.frame, old.frame), snap.frame, old.frame, key=f"dp_hist_{gen}")
        if st.button(_("mt.restore_version"), key=f"dp_restore_{gen}"):
            try:
                result = store.restore(
                    choice, expected_hash=snap.content_hash, user=ui.maintainer_name()
                )
            except ds.StaleDataError as err:
                show_stale(err)
            except ds.DataStoreError as err:
                st.error(_("mt.not_restored_error", error=err))
            else:
                st.session_state[FLASH] = _("mt.version_restored_new_version")
                load_snapshot()
                st.rerun()
