"""Data page for maintainers: upload CSV/XLSX, edit inline, see the diff, save safely, restore.

Routable only when signed in (app.py adds it to st.navigation via `ui.data_pages()`), and the
page checks access again itself. All logic lives in `equality_map.datastore`.
"""

from __future__ import annotations

from typing import Any

import pandas as pd
import streamlit as st

from equality_map import datastore as ds
from equality_map import geocode, i18n, ui
from equality_map import schema as s
from equality_map.issues import Issue
from equality_map.load import load_facilities_bytes

ui.require_app_shell()  # before anything else: see its docstring

ui.require_maintainer()

LANG = ui.current_lang()


def _(text: str, **values: Any) -> str:
    """The page's German `text` in the UI language (see i18n.GETTEXT_EN)."""
    return i18n.gettext(text, LANG, **values)


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
            _("Zeile"): [
                (ds.editor_row(i.row) if table_rows else i.row) if i.row is not None else None
                for i in ordered
            ],
            _("Spalte"): [i.column or "" for i in ordered],
            _("Wert"): [i.value for i in ordered],
            _("Art"): [_("Fehler") if i.severity == "error" else _("Hinweis") for i in ordered],
            _("Meldung"): [i.message(LANG) for i in ordered],
        }
    )


def show_report(issues: list[Issue], *, table_rows: bool = False) -> int:
    """The validation report; returns the number of errors."""
    errors = [i for i in issues if i.severity == "error"]
    warnings = [i for i in issues if i.severity == "warning"]
    if errors:
        st.error(
            _(
                "{n} Fehler gefunden. Nichts wird gespeichert, solange Fehler da sind: "
                "bitte in der Datei korrigieren und erneut hochladen.",
                n=len(errors),
            )
            if not table_rows
            else _("{n} Fehler in der Tabelle. Bitte korrigieren, dann speichern.", n=len(errors))
        )
        st.dataframe(
            issue_table(errors, table_rows=table_rows), hide_index=True, key=f"dp_err_{gen}"
        )
    if warnings:
        with st.expander(_("{n} Hinweise (werden übernommen)", n=len(warnings))):
            st.dataframe(issue_table(warnings, table_rows=table_rows), hide_index=True)
    return len(errors)


#: Columns shown for added and removed entries in a diff.
_DIFF_ENTRY_COLUMNS = (s.ID, s.NAME, s.CATEGORY, s.CITY)


def _cell(row: dict[str, Any] | None, col: str) -> str:
    return "" if row is None else ds.format_cell(col, row.get(col, ""))


def show_diff(d: ds.Diff, old: pd.DataFrame, new: pd.DataFrame, *, key: str) -> None:
    """Added, removed and changed entries (field by field), matched by id."""
    counts = d.counts()
    a, r, c = st.columns(3)
    a.metric(_("Neu"), counts["added"])
    r.metric(_("Entfernt"), counts["removed"])
    c.metric(_("Geändert"), counts["changed"])
    old_rows = {str(x[s.ID]): x for x in old.to_dict("records")} if len(old) else {}
    new_rows = {str(x[s.ID]): x for x in new.to_dict("records")} if len(new) else {}
    for ids, rows, heading, suffix in (
        (d.added, new_rows, _("**Neue Einträge**"), "added"),
        (d.removed, old_rows, _("**Entfernte Einträge**"), "removed"),
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
        st.markdown(_("**Geänderte Felder**"))
        st.dataframe(
            pd.DataFrame(
                {
                    "id": [ch.id for ch in d.changed],
                    _("Feld"): [ch.field for ch in d.changed],
                    _("vorher"): [ch.before for ch in d.changed],
                    _("nachher"): [ch.after for ch in d.changed],
                    _("Name"): [_cell(new_rows.get(ch.id), s.NAME) for ch in d.changed],
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
            "Nicht gespeichert: jemand anderes hat die Daten gespeichert, seit Sie die Seite "
            "geladen haben{who}. Bitte deren Änderung ansehen, „Neu laden“ klicken und Ihre "
            "Änderung erneut vornehmen.",
            who=" – " + who if who else "",
        )
    )
    if err.diff is not None:
        with st.expander(_("Die andere Änderung"), expanded=True):
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
            _(
                "Nicht gespeichert: Die aktuelle Datei hat {n} Fehler in Zeilen, die hier nicht "
                "angezeigt werden und beim Speichern verloren gingen. Bitte die Zeilen in der "
                "Datei korrigieren und sie mit „Ersetzen“ hochladen, oder eine frühere Fassung "
                "wiederherstellen.",
                n=len(err.issues),
            )
        )
        show_report(err.issues)
        return
    except ds.DataLockedError:
        st.error(
            _("Gerade speichert jemand anderes. Bitte einen Moment warten und erneut speichern.")
        )
        return
    counts = result.diff.counts()
    st.session_state[FLASH] = (
        _(
            "Gespeichert: {added} neu, {changed} geändert, {removed} entfernt. Die vorige "
            "Fassung liegt im Verlauf.",
            **counts,
        )
        if result.written
        else _("Keine Änderungen – nichts gespeichert.")
    )
    load_snapshot()
    st.rerun()


# --- page --------------------------------------------------------------------------------------

st.title(_("Daten pflegen"))
if FLASH in st.session_state:
    st.success(st.session_state.pop(FLASH))

head, reload_col = st.columns([5, 1])
head.caption(
    _(
        "Datei `{path}` · {n} Einträge · geladene Fassung `{version}` · angemeldet als {user}",
        path=store.path,
        n=len(snap.frame),
        version=snap.content_hash[:12],
        user=ui.maintainer_name(),
    )
)
if reload_col.button(_("Neu laden"), key="dp_reload"):
    load_snapshot()
    st.rerun()
if store.current_hash() != snap.content_hash:
    st.warning(
        _(
            "Die Datei wurde seit dem Laden geändert. Speichern wird abgelehnt, bis Sie "
            "„Neu laden“ klicken (Ihre ungespeicherten Änderungen gehen dabei verloren)."
        )
    )
bad_rows = [i for i in snap.issues if i.severity == "error"]
if bad_rows:
    with st.expander(
        _(
            "Achtung: {n} Fehler in der aktuellen Datei. Diese Zeilen werden hier nicht "
            "angezeigt; Bearbeiten und Zusammenführen sind gesperrt, bis sie korrigiert sind "
            "(korrigierte Datei mit „Ersetzen“ hochladen oder frühere Fassung wiederherstellen).",
            n=len(bad_rows),
        )
    ):
        st.dataframe(issue_table(bad_rows), hide_index=True)

upload_tab, edit_tab, geocode_tab, history_tab = st.tabs(
    [_("Datei hochladen"), _("Direkt bearbeiten"), _("Online geokodieren"), _("Verlauf")]
)

with upload_tab:
    st.write(
        _(
            "CSV (auch Excel-CSV mit Semikolon) oder Excel-Arbeitsmappe (.xlsx), höchstens "
            "{mb} MB. Erst nach Ihrer Bestätigung wird gespeichert.",
            mb=ds.MAX_UPLOAD_BYTES // (1024 * 1024),
        )
    )
    upload = st.file_uploader(
        _("Datei wählen"),
        type=["csv", "tsv", "txt", "xlsx", "xlsm"],
        key=f"dp_upload_{gen}",
    )
    if upload is not None:
        data = upload.getvalue()
        if len(data) > ds.MAX_UPLOAD_BYTES:
            st.error(
                _(
                    "Die Datei ist {size} MB groß; erlaubt sind {mb} MB.",
                    size=len(data) // 1_000_000,
                    mb=ds.MAX_UPLOAD_BYTES // (1024 * 1024),
                )
            )
        else:
            incoming = load_facilities_bytes(data, upload.name)
            st.subheader(_("Prüfbericht"))
            n_errors = show_report(incoming.issues)
            if not incoming.issues:
                st.success(_("Keine Fehler und keine Hinweise."))
            if not n_errors:
                mode = st.radio(
                    _("Wie übernehmen?"),
                    ["upload-merge", "upload-replace"],
                    format_func=lambda m: {
                        "upload-merge": _(
                            "Zusammenführen: neue hinzufügen, geänderte aktualisieren, "
                            "übrige behalten"
                        ),
                        "upload-replace": _("Ersetzen: die Datei wird die neue Datenquelle"),
                    }[m],
                    key=f"dp_mode_{gen}",
                )
                if mode == "upload-replace":
                    new_frame = incoming.frame
                else:
                    new_frame = ds.merge(
                        snap.frame, incoming.frame, ds.uploaded_columns(data, upload.name)
                    )
                st.subheader(_("Änderungen gegenüber den aktuellen Daten"))
                change = ds.diff(snap.frame, new_frame)
                show_diff(change, snap.frame, new_frame, key=f"dp_up_{gen}")
                if change.is_empty:
                    st.info(_("Die Datei enthält keine Änderungen."))
                else:
                    sure = True
                    if change.removed:
                        sure = st.checkbox(
                            _("Ja, {n} Einträge entfernen", n=len(change.removed)),
                            key=f"dp_sure_{gen}",
                        )
                    if st.button(
                        _("Änderungen speichern"),
                        type="primary",
                        disabled=not sure,
                        key=f"dp_confirm_{gen}",
                    ):
                        save(new_frame, action=mode, summary=upload.name)

with edit_tab:
    st.write(
        _(
            "Zellen anklicken zum Ändern; unten eine Zeile hinzufügen; Zeilen markieren und "
            "löschen. Listen (Zielgruppen, Themen …) mit „; “ trennen. Gespeichert wird erst "
            "mit dem Knopf unter der Tabelle."
        )
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
                "id", help=_("Stabile Kennung; leer lassen, dann aus Name und Ort gebildet")
            ),
            s.NAME: st.column_config.TextColumn(_("Name"), required=True),
            s.CATEGORY: st.column_config.SelectboxColumn(
                _("Kategorie"),
                options=list(s.CATEGORIES),
                format_func=lambda k: i18n.category_label(k, LANG) if k in s.CATEGORIES else k,
                required=True,
            ),
            s.CITY: st.column_config.TextColumn(_("Ort"), required=True),
            s.STATE: st.column_config.SelectboxColumn(
                _("Land"), options=["", *s.STATES], help=_("leer: aus dem Ortsverzeichnis")
            ),
            s.LAT: st.column_config.NumberColumn(
                _("Breite"), min_value=s.GERMANY_BBOX[0], max_value=s.GERMANY_BBOX[1], format="%.5f"
            ),
            s.LON: st.column_config.NumberColumn(
                _("Länge"), min_value=s.GERMANY_BBOX[2], max_value=s.GERMANY_BBOX[3], format="%.5f"
            ),
            s.GEOCODE_PRECISION: st.column_config.TextColumn(_("Genauigkeit"), disabled=True),
            s.GEOCODE_SOURCE: st.column_config.TextColumn(_("Koordinatenquelle"), disabled=True),
            s.ADDRESS_CONFIDENTIAL: st.column_config.CheckboxColumn(_("Adresse vertraulich")),
            s.WEBSITE: st.column_config.LinkColumn(_("Webseite"), validate=r"^https?://"),
            s.SOURCE_URL: st.column_config.LinkColumn(_("Quelle"), validate=r"^https?://"),
            s.WHEELCHAIR_ACCESSIBLE: st.column_config.SelectboxColumn(
                _("barrierefrei"), options=list(s.WHEELCHAIR_VALUES)
            ),
            s.CAPACITY: st.column_config.NumberColumn(_("Plätze"), min_value=0, step=1),
            s.LAST_VERIFIED: st.column_config.DateColumn(_("zuletzt geprüft"), format="DD.MM.YYYY"),
            s.TARGET_GROUPS: st.column_config.TextColumn(_("Zielgruppen")),
            s.TOPICS: st.column_config.TextColumn(_("Themen")),
            s.NETWORKS: st.column_config.TextColumn(_("Netzwerke")),
            s.LANGUAGES: st.column_config.TextColumn(_("Sprachen")),
        },
    )
    state = st.session_state.get(editor_key) or {}
    touched = any(state.get(k) for k in ("edited_rows", "added_rows", "deleted_rows"))
    if not touched:
        st.caption(_("Noch keine Änderungen in der Tabelle."))
    else:
        checked = ds.validate_frame(edited, _("Tabelle"))
        n_errors = show_report(checked.issues, table_rows=True)
        if not n_errors:
            change = ds.diff(snap.frame, checked.frame)
            show_diff(change, snap.frame, checked.frame, key=f"dp_ed_{gen}")
            if change.is_empty:
                st.info(_("Die Tabelle enthält keine Änderungen."))
            elif st.button(_("Änderungen speichern"), type="primary", key=f"dp_save_{gen}"):
                save(checked.frame, action="edit", summary=_("Tabelle"))


class StreamlitProgress:
    """A tqdm-like progress bar (what geocode expects) drawn with st.progress."""

    def __init__(self, total: int) -> None:
        self.total, self.done = max(int(total), 1), 0
        self.bar = st.progress(0.0, text=_("{done} von {total} Adressen", done=0, total=self.total))

    def update(self, n: int = 1) -> None:
        self.done += n
        self.bar.progress(
            min(self.done / self.total, 1.0),
            text=_("{done} von {total} Adressen", done=self.done, total=self.total),
        )

    def close(self) -> None:
        self.bar.empty()


with geocode_tab:
    candidates = ds.online_candidates(snap.frame)
    n_candidates = int(candidates.sum())
    st.write(
        _(
            "Neue und geänderte Einträge werden beim Speichern offline in ihrer Gemeinde "
            "verortet. Hier lassen sich Einträge mit Straße oder PLZ genauer verorten, über "
            "Nominatim (OpenStreetMap): höchstens eine Anfrage pro Sekunde, jede Adresse nur "
            "einmal, Antworten zwischengespeichert. Vertrauliche Adressen (Frauenhäuser) werden "
            "nie gesendet."
        )
    )
    st.write(_("Einträge, die genauer verortet werden können: **{n}**", n=n_candidates))
    online: geocode.OnlineGeocoder | None
    try:
        online = geocode.nominatim_from_env()
    except geocode.GeocodeConfigError as err:
        st.warning(_("Online-Geokodierung ist nicht eingerichtet: {error}", error=err))
        online = None
    if (
        online is not None
        and n_candidates
        and st.button(
            _("Jetzt online geokodieren (etwa {n} Sekunden)", n=n_candidates),
            key=f"dp_geocode_{gen}",
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
            st.warning(issue.message(LANG))
        save(refined, action="geocode-online", summary=_("{n} Adressen online", n=n_candidates))


with history_tab:
    st.caption(_("Frühere Fassungen und Protokoll in `{folder}`.", folder=store.history_dir))
    log = store.changes()
    if log:
        st.markdown(_("**Änderungsprotokoll**"))
        st.dataframe(
            pd.DataFrame(
                {
                    _("Zeit (UTC)"): [str(e.get("time", ""))[:19].replace("T", " ") for e in log],
                    _("Wer"): [e.get("user", "") for e in log],
                    _("Aktion"): [
                        _(ACTIONS[str(e.get("action"))])
                        if str(e.get("action")) in ACTIONS
                        else e.get("action")
                        for e in log
                    ],
                    _("neu"): [e.get("counts", {}).get("added") for e in log],
                    _("geändert"): [e.get("counts", {}).get("changed") for e in log],
                    _("entfernt"): [e.get("counts", {}).get("removed") for e in log],
                    _("Beschreibung"): [e.get("summary", "") for e in log],
                }
            ).iloc[::-1],
            hide_index=True,
            key=f"dp_log_{gen}",
        )
    versions = store.history()
    if not versions:
        st.info(_("Noch keine früheren Fassungen: sie entstehen beim ersten Speichern."))
    else:
        choice = st.selectbox(
            _("Frühere Fassung"),
            [v.version_id for v in versions],
            format_func=lambda vid: next(
                f"{v.saved_at:%d.%m.%Y %H:%M:%S} UTC · {v.content_hash} · {v.size:,} Bytes"
                for v in versions
                if v.version_id == vid
            ),
            key=f"dp_version_{gen}",
        )
        old = load_facilities_bytes(store.version_bytes(choice), f"{choice}.csv")
        st.markdown(_("Wiederherstellen ändert die aktuellen Daten so:"))
        show_diff(ds.diff(snap.frame, old.frame), snap.frame, old.frame, key=f"dp_hist_{gen}")
        if st.button(_("Diese Fassung wiederherstellen"), key=f"dp_restore_{gen}"):
            try:
                result = store.restore(
                    choice, expected_hash=snap.content_hash, user=ui.maintainer_name()
                )
            except ds.StaleDataError as err:
                show_stale(err)
            except ds.DataStoreError as err:
                st.error(_("Nicht wiederhergestellt: {error}", error=err))
            else:
                st.session_state[FLASH] = _(
                    "Fassung wiederhergestellt; das ist eine neue Fassung im Verlauf, die "
                    "bisherige ist dort ebenfalls gesichert."
                )
                load_snapshot()
                st.rerun()
