"""The maintainers' Data page: upload, edit inline, geocode online, history and restore.

Everything is validated by the loader (as in the CLI) and saved through `DataStore` (locked,
atomic, versioned, logged); nothing here decides what is valid. `pages/data.py` only wires
the page together.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd
import streamlit as st

from equality_map import changes as ch
from equality_map import datastore as ds
from equality_map import geocode, i18n, nominatim
from equality_map import schema as s
from equality_map.geocode_cache import GeocodeCache
from equality_map.issues import Issue
from equality_map.load import load_facilities_bytes
from equality_map.store import format_cell
from equality_map.ui import access, editor, shell

SNAP = "dp_snapshot"
GEN = "dp_generation"
FLASH = "dp_flash"
#: Change-log actions -> their catalogue text.
ACTIONS = {
    "edit": "mt.table_edited",
    "upload-merge": "mt.file_merged",
    "upload-replace": "mt.file_replaced",
    "restore": "mt.restored",
    "geocode-online": "mt.geocoded_online",
    "external": "mt.changed_outside_app",
}
#: Columns shown for added and removed entries in a diff.
_DIFF_ENTRY_COLUMNS = (s.ID, s.NAME, s.CATEGORY, s.CITY)


class StreamlitProgress:
    """A tqdm-like progress bar (what geocode expects) drawn with st.progress."""

    def __init__(self, total: int, lang: str = i18n.DEFAULT_LANG) -> None:
        self.lang = lang
        self.total, self.done = max(int(total), 1), 0
        self.bar = st.progress(
            0.0, text=i18n.t("mt.done_total_addresses", self.lang, done=0, total=self.total)
        )

    def update(self, n: int = 1) -> None:
        self.done += n
        self.bar.progress(
            min(self.done / self.total, 1.0),
            text=i18n.t("mt.done_total_addresses", self.lang, done=self.done, total=self.total),
        )

    def close(self) -> None:
        self.bar.empty()


@dataclass
class DataPage:
    """One run of the Data page: the store, the snapshot the edits start from, the language."""

    store: ds.DataStore
    lang: str

    def _(self, key: str, **values: Any) -> str:
        """The catalogue text `key` in the page's language."""
        return i18n.t(key, self.lang, **values)

    @property
    def snap(self) -> ds.Snapshot:
        """The data as loaded by this session (saves are checked against its hash)."""
        if SNAP not in st.session_state:
            self.load_snapshot()
        snap: ds.Snapshot = st.session_state[SNAP]
        return snap

    @property
    def gen(self) -> int:
        """Generation of the snapshot: widget keys change with it, so a reload resets them."""
        if GEN not in st.session_state:
            self.load_snapshot()
        return int(st.session_state[GEN])

    def load_snapshot(self) -> None:
        """Remember the data and its hash as loaded now; later saves are checked against it."""
        st.session_state[SNAP] = self.store.snapshot()
        st.session_state[GEN] = st.session_state.get(GEN, 0) + 1

    def issue_table(self, issues: list[Issue], *, table_rows: bool = False) -> pd.DataFrame:
        """Issues as a table: row, column, value, kind and the loader's message (as in the CLI)."""
        ordered = sorted(issues, key=lambda i: (i.severity != "error", i.row or 0))
        return pd.DataFrame(
            {
                self._("mt.row"): [
                    (ch.editor_row(i.row) if table_rows else i.row) if i.row is not None else None
                    for i in ordered
                ],
                self._("mt.column"): [i.column or "" for i in ordered],
                self._("mt.value"): [i.value for i in ordered],
                self._("mt.kind"): [
                    self._("mt.error") if i.severity == "error" else self._("mt.warning")
                    for i in ordered
                ],
                self._("mt.message"): [i.message(self.lang) for i in ordered],
            }
        )

    def show_report(self, issues: list[Issue], *, table_rows: bool = False) -> int:
        """The validation report; returns the number of errors."""
        errors = [i for i in issues if i.severity == "error"]
        warnings = [i for i in issues if i.severity == "warning"]
        if errors:
            st.error(
                self._(
                    "mt.n_errors_found_nothing",
                    n=len(errors),
                )
                if not table_rows
                else self._("mt.n_errors_table_please", n=len(errors))
            )
            st.dataframe(
                self.issue_table(errors, table_rows=table_rows),
                hide_index=True,
                key=f"dp_err_{self.gen}",
            )
        if warnings:
            with st.expander(self._("mt.n_warnings_accepted", n=len(warnings))):
                st.dataframe(self.issue_table(warnings, table_rows=table_rows), hide_index=True)
        return len(errors)

    #: Columns shown for added and removed entries in a diff.
    _DIFF_ENTRY_COLUMNS = (s.ID, s.NAME, s.CATEGORY, s.CITY)

    def _cell(self, row: Mapping[Any, Any] | None, col: str) -> str:
        return "" if row is None else format_cell(col, row.get(col, ""))

    def show_diff(self, d: ch.Diff, old: pd.DataFrame, new: pd.DataFrame, *, key: str) -> None:
        """Added, removed and changed entries (field by field), matched by id."""
        counts = d.counts()
        a, r, c = st.columns(3)
        a.metric(self._("mt.added"), counts["added"])
        r.metric(self._("mt.removed"), counts["removed"])
        c.metric(self._("mt.changed"), counts["changed"])
        old_rows = {str(x[s.ID]): x for x in old.to_dict("records")} if len(old) else {}
        new_rows = {str(x[s.ID]): x for x in new.to_dict("records")} if len(new) else {}
        for ids, rows, heading, suffix in (
            (d.added, new_rows, self._("mt.new_entries"), "added"),
            (d.removed, old_rows, self._("mt.removed_entries"), "removed"),
        ):
            if ids:
                st.markdown(heading)
                st.dataframe(
                    pd.DataFrame(
                        [
                            {col: self._cell(rows.get(i), col) for col in _DIFF_ENTRY_COLUMNS}
                            for i in ids
                        ]
                    ),
                    hide_index=True,
                    key=f"{key}_{suffix}",
                )
        if d.changed:
            st.markdown(self._("mt.changed_fields"))
            st.dataframe(
                pd.DataFrame(
                    {
                        "id": [ch.id for ch in d.changed],
                        self._("mt.field"): [ch.field for ch in d.changed],
                        self._("mt.before"): [
                            ch.field_text(c.field, c.before, self.lang) for c in d.changed
                        ],
                        self._("mt.after"): [
                            ch.field_text(c.field, c.after, self.lang) for c in d.changed
                        ],
                        self._("mt.name"): [
                            self._cell(new_rows.get(ch.id), s.NAME) for ch in d.changed
                        ],
                    }
                ),
                hide_index=True,
                key=f"{key}_changed",
            )

    def show_stale(self, err: ds.StaleDataError) -> None:
        """Someone else saved first: say so, show their change, keep ours unsaved."""
        who = ", ".join(f"{c.get('user', '?')} ({c.get('time', '?')[:19]})" for c in err.changes)
        st.error(
            self._(
                "mt.not_saved_someone_else",
                who=" – " + who if who else "",
            )
        )
        if err.diff is not None:
            with st.expander(self._("mt.other_change"), expanded=True):
                self.show_diff(err.diff, pd.DataFrame(), pd.DataFrame(), key=f"dp_stale_{self.gen}")

    def save(self, frame: pd.DataFrame, *, action: str, summary: str) -> None:
        """Save against the remembered hash; on success reload and report, else explain."""
        try:
            result = self.store.save(
                frame,
                expected_hash=self.snap.content_hash,
                user=access.maintainer_name(),
                summary=summary,
                action=action,
                geocoder=geocode.offline_geocoder(shell.settings().geocode_cache),
            )
        except ds.DataValidationError as err:
            self.show_report(err.issues)
            return
        except ds.StaleDataError as err:
            self.show_stale(err)
            return
        except ds.BrokenRowsError as err:
            st.error(
                self._(
                    "mt.not_saved_current_file",
                    n=len(err.issues),
                )
            )
            self.show_report(err.issues)
            return
        except ds.DataLockedError:
            st.error(self._("mt.someone_else_saving_right"))
            return
        counts = result.diff.counts()
        message = (
            self._("mt.saved_added_added_changed", **counts)
            if result.written
            else self._("mt.no_changes_nothing_saved")
        )
        if result.written and shell.settings().publish_dir is not None:
            message += " " + self.republish()
        st.session_state[FLASH] = message
        self.load_snapshot()
        st.rerun()

    def republish(self) -> str:
        """Rebuild the static site after a save (EQUALITY_MAP_PUBLISH_DIR); what happened."""
        from equality_map.publish import PublishError, republish

        try:
            with st.spinner(self._("mt.publishing")):
                done = republish(shell.settings())  # in the site language (settings)
        except PublishError as err:
            why = i18n.t("cli.publish_not_a_site", self.lang, path=err.path)
            return self._("mt.publish_failed", error=why.removeprefix("publish: "))
        except OSError as err:  # disk full, permissions: the previous site stays online
            return self._("mt.publish_failed", error=f"{type(err).__name__}: {err}")
        return self._("mt.published", n=done.pages if done else 0)

    def header(self) -> None:
        """Title, flash message, file and version, reload, problems of the current file."""
        st.title(self._("mt.maintain_data"))
        if FLASH in st.session_state:
            st.success(st.session_state.pop(FLASH))

        head, reload_col = st.columns([5, 1])
        head.caption(
            self._(
                "mt.file_path_n_entries",
                path=self.store.path,
                n=len(self.snap.frame),
                version=self.snap.content_hash[:12],
                user=access.maintainer_name(),
            )
        )
        if reload_col.button(self._("mt.reload"), key="dp_reload"):
            self.load_snapshot()
            st.rerun()
        if self.store.current_hash() != self.snap.content_hash:
            st.warning(self._("mt.file_has_changed_since"))
        bad_rows = [i for i in self.snap.issues if i.severity == "error"]
        if bad_rows:
            with st.expander(
                self._(
                    "mt.attention_n_errors_current",
                    n=len(bad_rows),
                )
            ):
                st.dataframe(self.issue_table(bad_rows), hide_index=True)

    def upload_tab(self) -> None:
        """Upload a CSV/XLSX: report, merge or replace, diff, confirm, save."""
        st.write(
            self._(
                "mt.csv_also_excel_csv",
                mb=ds.MAX_UPLOAD_BYTES // (1024 * 1024),
            )
        )
        upload = st.file_uploader(
            self._("mt.choose_file"),
            type=["csv", "tsv", "txt", "xlsx", "xlsm"],
            key=f"dp_upload_{self.gen}",
        )
        if upload is not None:
            data = upload.getvalue()
            if len(data) > ds.MAX_UPLOAD_BYTES:
                st.error(
                    self._(
                        "mt.file_has_size_mb",
                        size=len(data) // 1_000_000,
                        mb=ds.MAX_UPLOAD_BYTES // (1024 * 1024),
                    )
                )
            else:
                incoming = load_facilities_bytes(data, upload.name)
                st.subheader(self._("mt.validation_report"))
                n_errors = self.show_report(incoming.issues)
                if not incoming.issues:
                    st.success(self._("mt.no_errors_no_warnings"))
                if not n_errors:
                    mode = st.radio(
                        self._("mt.how_take_over"),
                        ["upload-merge", "upload-replace"],
                        format_func=lambda m: {
                            "upload-merge": self._("mt.merge_add_new_ones"),
                            "upload-replace": self._("mt.replace_file_becomes_new"),
                        }[m],
                        key=f"dp_mode_{self.gen}",
                    )
                    if mode == "upload-replace":
                        new_frame = incoming.frame
                    else:
                        new_frame = ch.merge(
                            self.snap.frame, incoming.frame, ch.uploaded_columns(data, upload.name)
                        )
                    st.subheader(self._("mt.changes_against_current_data"))
                    change = ch.diff(self.snap.frame, new_frame)
                    self.show_diff(change, self.snap.frame, new_frame, key=f"dp_up_{self.gen}")
                    if change.is_empty:
                        st.info(self._("mt.file_contains_no_changes"))
                    else:
                        sure = True
                        if change.removed:
                            sure = st.checkbox(
                                self._("mt.yes_remove_n_entries", n=len(change.removed)),
                                key=f"dp_sure_{self.gen}",
                            )
                        if st.button(
                            self._("mt.save_changes"),
                            type="primary",
                            disabled=not sure,
                            key=f"dp_confirm_{self.gen}",
                        ):
                            self.save(new_frame, action=mode, summary=upload.name)

    def edit_tab(self) -> None:
        """Edit the table inline; validate, diff and save."""
        st.write(self._("mt.click_cells_change_them"))
        table = ch.editor_frame(self.snap.frame, self.lang)
        view, edited_view, editor_key = editor.filtered_editor(table, self.lang, self.gen)
        if not editor.has_edits(editor_key):
            st.caption(self._("mt.no_changes_table_yet"))
        else:
            edited = ch.merge_edited_view(table, view.index, edited_view)
            checked = ch.validate_frame(edited, self._("mt.table"))
            n_errors = self.show_report(checked.issues, table_rows=True)
            if not n_errors:
                change = ch.diff(self.snap.frame, checked.frame)
                self.show_diff(change, self.snap.frame, checked.frame, key=f"dp_ed_{self.gen}")
                if change.is_empty:
                    st.info(self._("mt.table_contains_no_changes"))
                elif st.button(
                    self._("mt.save_changes"), type="primary", key=f"dp_save_{self.gen}"
                ):
                    self.save(checked.frame, action="edit", summary=self._("mt.table"))

    def geocode_tab(self) -> None:
        """Place entries with a street more precisely through Nominatim (opt-in)."""
        candidates = ch.online_candidates(self.snap.frame)
        n_candidates = int(candidates.sum())
        st.write(self._("mt.new_changed_entries_placed"))
        st.write(self._("mt.entries_can_placed_more", n=n_candidates))
        online: nominatim.OnlineGeocoder | None
        try:
            online = nominatim.nominatim_client(shell.settings())
        except nominatim.GeocodeConfigError as err:
            st.warning(self._("mt.online_geocoding_not_set", error=err))
            online = None
        if (
            online is not None
            and n_candidates
            and st.button(
                self._("mt.geocode_online_now_about", n=n_candidates),
                key=f"dp_geocode_{self.gen}",
            )
        ):
            cache = GeocodeCache(shell.settings().geocode_cache)
            try:
                refined, geo_issues = ch.refine_online(
                    self.snap.frame, online, cache=cache, progress=StreamlitProgress
                )
            finally:
                cache.close()
            for issue in geo_issues:
                st.warning(issue.message(self.lang))
            self.save(
                refined,
                action="geocode-online",
                summary=self._("mt.n_addresses_online", n=n_candidates),
            )

    def history_tab(self) -> None:
        """Change log, earlier versions and restore."""
        st.caption(self._("mt.earlier_versions_log_folder", folder=self.store.history_dir))
        log = self.store.changes()
        if log:
            st.markdown(self._("mt.change_log"))
            st.dataframe(
                pd.DataFrame(
                    {
                        self._("mt.time_utc"): [
                            str(e.get("time", ""))[:19].replace("T", " ") for e in log
                        ],
                        self._("mt.who"): [e.get("user", "") for e in log],
                        self._("mt.action"): [
                            self._(ACTIONS[str(e.get("action"))])
                            if str(e.get("action")) in ACTIONS
                            else e.get("action")
                            for e in log
                        ],
                        self._("mt.added_2"): [e.get("counts", {}).get("added") for e in log],
                        self._("mt.changed_2"): [e.get("counts", {}).get("changed") for e in log],
                        self._("mt.removed_2"): [e.get("counts", {}).get("removed") for e in log],
                        self._("mt.description"): [e.get("summary", "") for e in log],
                    }
                ).iloc[::-1],
                hide_index=True,
                key=f"dp_log_{self.gen}",
            )
        versions = self.store.history()
        if not versions:
            st.info(self._("mt.no_earlier_versions_yet"))
        else:
            choice = st.selectbox(
                self._("mt.earlier_version"),
                [v.version_id for v in versions],
                format_func=lambda vid: next(
                    f"{v.saved_at:%d.%m.%Y %H:%M:%S} UTC · {v.content_hash} · "
                    f"{i18n.format_number(v.size, self.lang)} Bytes"
                    for v in versions
                    if v.version_id == vid
                ),
                key=f"dp_version_{self.gen}",
                placeholder=i18n.t("choose_option", self.lang),
            )
            old = load_facilities_bytes(self.store.version_bytes(choice), f"{choice}.csv")
            st.markdown(self._("mt.restoring_changes_current_data"))
            self.show_diff(
                ch.diff(self.snap.frame, old.frame),
                self.snap.frame,
                old.frame,
                key=f"dp_hist_{self.gen}",
            )
            if st.button(self._("mt.restore_version"), key=f"dp_restore_{self.gen}"):
                try:
                    self.store.restore(
                        choice, expected_hash=self.snap.content_hash, user=access.maintainer_name()
                    )
                except ds.StaleDataError as err:
                    self.show_stale(err)
                except ds.DataStoreError as err:
                    st.error(self._("mt.not_restored_error", error=err))
                else:
                    st.session_state[FLASH] = self._("mt.version_restored_new_version")
                    self.load_snapshot()
                    st.rerun()
