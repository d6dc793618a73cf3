"""Data page for maintainers: upload CSV/XLSX, edit inline, see the diff, save safely, restore.

Routable only when signed in (app.py adds it to st.navigation via `ui.data_pages()`), and the
page checks access again itself. All logic lives in `equality_map.datastore`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from equality_map import datastore as ds
from equality_map import geocode, ui
from equality_map import schema as s
from equality_map.issues import Issue
from equality_map.load import load_facilities_bytes

ui.require_app_shell()  # before anything else: see its docstring

ui.require_maintainer()

LANG = "de"
SNAP = "dp_snapshot"
GEN = "dp_generation"
FLASH = "dp_flash"
ACTIONS = {
    "edit": "Tabelle bearbeitet",
    "upload-merge": "Datei zusammengeführt",
    "upload-replace": "Datei ersetzt",
    "restore": "Wiederhergestellt",
    "geocode-online": "Online geokodiert",
    "external": "außerhalb der App geändert",
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
            "Zeile": [
                (ds.editor_row(i.row) if table_rows else i.row) if i.row is not None else None
                for i in ordered
            ],
            "Spalte": [i.column or "" for i in ordered],
            "Wert": [i.value for i in ordered],
            "Art": ["Fehler" if i.severity == "error" else "Hinweis" for i in ordered],
            "Meldung": [i.message(LANG) for i in ordered],
        }
    )


def show_report(issues: list[Issue], *, table_rows: bool = False) -> int:
    """The validation report; returns the number of errors."""
    errors = [i for i in issues if i.severity == "error"]
    warnings = [i for i in issues if i.severity == "warning"]
    if errors:
        st.error(
            f"{len(errors)} Fehler gefunden. Nichts wird gespeichert, solange Fehler da sind: "
            "bitte in der Datei korrigieren und erneut hochladen."
            if not table_rows
            else f"{len(errors)} Fehler in der Tabelle. Bitte korrigieren, dann speichern."
        )
        st.dataframe(
            issue_table(errors, table_rows=table_rows), hide_index=True, key=f"dp_err_{gen}"
        )
    if warnings:
        with st.expander(f"{len(warnings)} Hinweise (werden übernommen)"):
            st.dataframe(issue_table(warnings, table_rows=table_rows), hide_index=True)
    return len(errors)


def _cell(row: dict[str, Any] | None, col: str) -> str:
    return "" if row is None else ds.format_cell(col, row.get(col, ""))


def show_diff(d: ds.Diff, old: pd.DataFrame, new: pd.DataFrame, *, key: str) -> None:
    """Added, removed and changed entries (field by field), matched by id."""
    counts = d.counts()
    a, r, c = st.columns(3)
    a.metric("Neu", counts["added"])
    r.metric("Entfernt", counts["removed"])
    c.metric("Geändert", counts["changed"])
    old_rows = {str(x[s.ID]): x for x in old.to_dict("records")} if len(old) else {}
    new_rows = {str(x[s.ID]): x for x in new.to_dict("records")} if len(new) else {}
    if d.added:
        st.markdown("**Neue Einträge**")
        st.dataframe(
            pd.DataFrame(
                [
                    {col: _cell(new_rows.get(i), col) for col in (s.ID, s.NAME, s.CATEGORY, s.CITY)}
                    for i in d.added
                ]
            ),
            hide_index=True,
            key=f"{key}_added",
        )
    if d.removed:
        st.markdown("**Entfernte Einträge**")
        st.dataframe(
            pd.DataFrame(
                [
                    {col: _cell(old_rows.get(i), col) for col in (s.ID, s.NAME, s.CATEGORY, s.CITY)}
                    for i in d.removed
                ]
            ),
            hide_index=True,
            key=f"{key}_removed",
        )
    if d.changed:
        st.markdown("**Geänderte Felder**")
        st.dataframe(
            pd.DataFrame(
                {
                    "id": [ch.id for ch in d.changed],
                    "Feld": [ch.field for ch in d.changed],
                    "vorher": [ch.before for ch in d.changed],
                    "nachher": [ch.after for ch in d.changed],
                    "Name": [_cell(new_rows.get(ch.id), s.NAME) for ch in d.changed],
                }
            ),
            hide_index=True,
            key=f"{key}_changed",
        )


def show_stale(err: ds.StaleDataError) -> None:
    """Someone else saved first: say so, show their change, keep ours unsaved."""
    who = ", ".join(f"{c.get('user', '?')} ({c.get('time', '?')[:19]})" for c in err.changes)
    st.error(
        "Nicht gespeichert: jemand anderes hat die Daten gespeichert, seit Sie die Seite "
        f"geladen haben{' – ' + who if who else ''}. Bitte deren Änderung ansehen, "
        "„Neu laden“ klicken und Ihre Änderung erneut vornehmen."
    )
    if err.diff is not None:
        with st.expander("Die andere Änderung", expanded=True):
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
            geocoder=ds.offline_geocoder(),
        )
    except ds.DataValidationError as err:
        show_report(err.issues)
        return
    except ds.StaleDataError as err:
        show_stale(err)
        return
    except ds.BrokenRowsError as err:
        st.error(
            f"Nicht gespeichert: Die aktuelle Datei hat {len(err.issues)} Fehler in Zeilen, "
            "die hier nicht angezeigt werden und beim Speichern verloren gingen. Bitte die "
            "Zeilen in der Datei korrigieren und sie mit „Ersetzen“ hochladen, oder eine "
            "frühere Fassung wiederherstellen."
        )
        show_report(err.issues)
        return
    except ds.DataLockedError:
        st.error("Gerade speichert jemand anderes. Bitte einen Moment warten und erneut speichern.")
        return
    counts = result.diff.counts()
    st.session_state[FLASH] = (
        f"Gespeichert: {counts['added']} neu, {counts['changed']} geändert, "
        f"{counts['removed']} entfernt. Die vorige Fassung liegt im Verlauf."
        if result.written
        else "Keine Änderungen – nichts gespeichert."
    )
    load_snapshot()
    st.rerun()


# --- page --------------------------------------------------------------------------------------

st.title("Daten pflegen")
if FLASH in st.session_state:
    st.success(st.session_state.pop(FLASH))

head, reload_col = st.columns([5, 1])
head.caption(
    f"Datei `{store.path}` · {len(snap.frame)} Einträge · geladene Fassung "
    f"`{snap.content_hash[:12]}` · angemeldet als {ui.maintainer_name()}"
)
if reload_col.button("Neu laden", key="dp_reload"):
    load_snapshot()
    st.rerun()
if store.current_hash() != snap.content_hash:
    st.warning(
        "Die Datei wurde seit dem Laden geändert. Speichern wird abgelehnt, bis Sie "
        "„Neu laden“ klicken (Ihre ungespeicherten Änderungen gehen dabei verloren)."
    )
bad_rows = [i for i in snap.issues if i.severity == "error"]
if bad_rows:
    with st.expander(
        f"Achtung: {len(bad_rows)} Fehler in der aktuellen Datei. Diese Zeilen werden hier "
        "nicht angezeigt; Bearbeiten und Zusammenführen sind gesperrt, bis sie korrigiert "
        "sind (korrigierte Datei mit „Ersetzen“ hochladen oder frühere Fassung wiederherstellen)."
    ):
        st.dataframe(issue_table(bad_rows), hide_index=True)

upload_tab, edit_tab, geocode_tab, history_tab = st.tabs(
    ["Datei hochladen", "Direkt bearbeiten", "Online geokodieren", "Verlauf"]
)

with upload_tab:
    st.write(
        "CSV (auch Excel-CSV mit Semikolon) oder Excel-Arbeitsmappe (.xlsx), höchstens "
        f"{ds.MAX_UPLOAD_BYTES // (1024 * 1024)} MB. Erst nach Ihrer Bestätigung wird gespeichert."
    )
    upload = st.file_uploader(
        "Datei wählen",
        type=["csv", "tsv", "txt", "xlsx", "xlsm"],
        key=f"dp_upload_{gen}",
    )
    if upload is not None:
        data = upload.getvalue()
        if len(data) > ds.MAX_UPLOAD_BYTES:
            st.error(
                f"Die Datei ist {len(data) // 1_000_000} MB groß; erlaubt sind "
                f"{ds.MAX_UPLOAD_BYTES // (1024 * 1024)} MB."
            )
        else:
            incoming = load_facilities_bytes(data, upload.name)
            st.subheader("Prüfbericht")
            n_errors = show_report(incoming.issues)
            if not incoming.issues:
                st.success("Keine Fehler und keine Hinweise.")
            if not n_errors:
                mode = st.radio(
                    "Wie übernehmen?",
                    ["upload-merge", "upload-replace"],
                    format_func=lambda m: {
                        "upload-merge": "Zusammenführen: neue hinzufügen, geänderte "
                        "aktualisieren, übrige behalten",
                        "upload-replace": "Ersetzen: die Datei wird die neue Datenquelle",
                    }[m],
                    key=f"dp_mode_{gen}",
                )
                if mode == "upload-replace":
                    new_frame = incoming.frame
                else:
                    new_frame = ds.merge(
                        snap.frame, incoming.frame, ds.uploaded_columns(data, upload.name)
                    )
                st.subheader("Änderungen gegenüber den aktuellen Daten")
                change = ds.diff(snap.frame, new_frame)
                show_diff(change, snap.frame, new_frame, key=f"dp_up_{gen}")
                if change.is_empty:
                    st.info("Die Datei enthält keine Änderungen.")
                else:
                    sure = True
                    if change.removed:
                        sure = st.checkbox(
                            f"Ja, {len(change.removed)} Einträge entfernen",
                            key=f"dp_sure_{gen}",
                        )
                    if st.button(
                        "Änderungen speichern",
                        type="primary",
                        disabled=not sure,
                        key=f"dp_confirm_{gen}",
                    ):
                        save(new_frame, action=mode, summary=upload.name)

with edit_tab:
    st.write(
        "Zellen anklicken zum Ändern; unten eine Zeile hinzufügen; Zeilen markieren und "
        "löschen. Listen (Zielgruppen, Themen …) mit „; “ trennen. Gespeichert wird erst mit "
        "dem Knopf unter der Tabelle."
    )
    editor_key = f"dp_editor_{gen}"
    table = ds.editor_frame(snap.frame)
    edited = st.data_editor(
        table,
        key=editor_key,
        num_rows="dynamic",
        hide_index=True,
        column_config={
            s.ID: st.column_config.TextColumn(
                "id", help="Stabile Kennung; leer lassen, dann aus Name und Ort gebildet"
            ),
            s.NAME: st.column_config.TextColumn("Name", required=True),
            s.CATEGORY: st.column_config.SelectboxColumn(
                "Kategorie",
                options=list(s.CATEGORIES),
                format_func=lambda k: s.CATEGORIES[k].label_de if k in s.CATEGORIES else k,
                required=True,
            ),
            s.CITY: st.column_config.TextColumn("Ort", required=True),
            s.STATE: st.column_config.SelectboxColumn(
                "Land", options=["", *s.STATES], help="leer: aus dem Ortsverzeichnis"
            ),
            s.LAT: st.column_config.NumberColumn(
                "Breite", min_value=s.GERMANY_BBOX[0], max_value=s.GERMANY_BBOX[1], format="%.5f"
            ),
            s.LON: st.column_config.NumberColumn(
                "Länge", min_value=s.GERMANY_BBOX[2], max_value=s.GERMANY_BBOX[3], format="%.5f"
            ),
            s.GEOCODE_PRECISION: st.column_config.TextColumn("Genauigkeit", disabled=True),
            s.GEOCODE_SOURCE: st.column_config.TextColumn("Koordinatenquelle", disabled=True),
            s.ADDRESS_CONFIDENTIAL: st.column_config.CheckboxColumn("Adresse vertraulich"),
            s.WEBSITE: st.column_config.LinkColumn("Webseite", validate=r"^https?://"),
            s.SOURCE_URL: st.column_config.LinkColumn("Quelle", validate=r"^https?://"),
            s.WHEELCHAIR_ACCESSIBLE: st.column_config.SelectboxColumn(
                "barrierefrei", options=list(s.WHEELCHAIR_VALUES)
            ),
            s.CAPACITY: st.column_config.NumberColumn("Plätze", min_value=0, step=1),
            s.LAST_VERIFIED: st.column_config.DateColumn("zuletzt geprüft", format="DD.MM.YYYY"),
            s.TARGET_GROUPS: st.column_config.TextColumn("Zielgruppen"),
            s.TOPICS: st.column_config.TextColumn("Themen"),
            s.NETWORKS: st.column_config.TextColumn("Netzwerke"),
            s.LANGUAGES: st.column_config.TextColumn("Sprachen"),
        },
    )
    state = st.session_state.get(editor_key) or {}
    touched = any(state.get(k) for k in ("edited_rows", "added_rows", "deleted_rows"))
    if not touched:
        st.caption("Noch keine Änderungen in der Tabelle.")
    else:
        checked = ds.validate_frame(edited, "Tabelle")
        n_errors = show_report(checked.issues, table_rows=True)
        if not n_errors:
            change = ds.diff(snap.frame, checked.frame)
            show_diff(change, snap.frame, checked.frame, key=f"dp_ed_{gen}")
            if change.is_empty:
                st.info("Die Tabelle enthält keine Änderungen.")
            elif st.button("Änderungen speichern", type="primary", key=f"dp_save_{gen}"):
                save(checked.frame, action="edit", summary="Tabelle")


class StreamlitProgress:
    """A tqdm-like progress bar (what geocode expects) drawn with st.progress."""

    def __init__(self, total: int) -> None:
        self.total, self.done = max(int(total), 1), 0
        self.bar = st.progress(0.0, text=f"0 von {self.total} Adressen")

    def update(self, n: int = 1) -> None:
        self.done += n
        self.bar.progress(
            min(self.done / self.total, 1.0), text=f"{self.done} von {self.total} Adressen"
        )

    def close(self) -> None:
        self.bar.empty()


with geocode_tab:
    candidates = ds.online_candidates(snap.frame)
    n_candidates = int(candidates.sum())
    st.write(
        "Neue und geänderte Einträge werden beim Speichern offline in ihrer Gemeinde verortet. "
        "Hier lassen sich Einträge mit Straße oder PLZ genauer verorten, über Nominatim "
        "(OpenStreetMap): höchstens eine Anfrage pro Sekunde, jede Adresse nur einmal, "
        "Antworten zwischengespeichert. Vertrauliche Adressen (Frauenhäuser) werden nie "
        "gesendet."
    )
    st.write(f"Einträge, die genauer verortet werden können: **{n_candidates}**")
    online: geocode.OnlineGeocoder | None
    try:
        online = geocode.nominatim_from_env()
    except geocode.GeocodeConfigError as err:
        st.warning(f"Online-Geokodierung ist nicht eingerichtet: {err}")
        online = None
    if (
        online is not None
        and n_candidates
        and st.button(
            f"Jetzt online geokodieren (etwa {n_candidates} Sekunden)", key=f"dp_geocode_{gen}"
        )
    ):
        cache = geocode.GeocodeCache(geocode.default_cache_path())
        try:
            refined, geo_issues = ds.refine_online(
                snap.frame, online, cache=cache, progress=StreamlitProgress
            )
        finally:
            cache.close()
        for issue in geo_issues:
            st.warning(issue.message("de"))
        save(refined, action="geocode-online", summary=f"{n_candidates} Adressen online")


with history_tab:
    st.caption(f"Frühere Fassungen und Protokoll in `{store.history_dir}`.")
    log = store.changes()
    if log:
        st.markdown("**Änderungsprotokoll**")
        st.dataframe(
            pd.DataFrame(
                {
                    "Zeit (UTC)": [str(e.get("time", ""))[:19].replace("T", " ") for e in log],
                    "Wer": [e.get("user", "") for e in log],
                    "Aktion": [ACTIONS.get(str(e.get("action")), e.get("action")) for e in log],
                    "neu": [e.get("counts", {}).get("added") for e in log],
                    "geändert": [e.get("counts", {}).get("changed") for e in log],
                    "entfernt": [e.get("counts", {}).get("removed") for e in log],
                    "Beschreibung": [e.get("summary", "") for e in log],
                }
            ).iloc[::-1],
            hide_index=True,
            key=f"dp_log_{gen}",
        )
    versions = store.history()
    if not versions:
        st.info("Noch keine früheren Fassungen: sie entstehen beim ersten Speichern.")
    else:
        choice = st.selectbox(
            "Frühere Fassung",
            [v.version_id for v in versions],
            format_func=lambda vid: next(
                f"{v.saved_at:%d.%m.%Y %H:%M:%S} UTC · {v.content_hash} · {v.size:,} Bytes"
                for v in versions
                if v.version_id == vid
            ),
            key=f"dp_version_{gen}",
        )
        old = load_facilities_bytes(store.version_bytes(choice), f"{choice}.csv")
        st.markdown("Wiederherstellen ändert die aktuellen Daten so:")
        show_diff(ds.diff(snap.frame, old.frame), snap.frame, old.frame, key=f"dp_hist_{gen}")
        if st.button("Diese Fassung wiederherstellen", key=f"dp_restore_{gen}"):
            try:
                result = store.restore(
                    choice, expected_hash=snap.content_hash, user=ui.maintainer_name()
                )
            except ds.StaleDataError as err:
                show_stale(err)
            except ds.DataStoreError as err:
                st.error(f"Nicht wiederhergestellt: {err}")
            else:
                st.session_state[FLASH] = (
                    "Fassung wiederhergestellt; das ist eine neue Fassung im Verlauf, die "
                    "bisherige ist dort ebenfalls gesichert."
                )
                load_snapshot()
                st.rerun()
