"""Texts of the maintainers' sign-in and Data page."""

from __future__ import annotations

from equality_map.i18n.catalogue import Text

TEXTS: dict[str, Text] = {
    "mt.sign_data_maintenance": (
        "Anmelden für Datenpflege",
        "Sign in for data maintenance",
    ),
    "mt.signed_as_user": (
        "Angemeldet als **{user}**.",
        "Signed in as **{user}**.",
    ),
    "mt.sign_out": (
        "Abmelden",
        "Sign out",
    ),
    "mt.name_change_log": (
        "Ihr Name (für das Änderungsprotokoll)",
        "Your name (for the change log)",
    ),
    "mt.password": (
        "Passwort",
        "Password",
    ),
    "mt.sign": (
        "Anmelden",
        "Sign in",
    ),
    "mt.too_many_failed_attempts": (
        "Zu viele Fehlversuche. Bitte in {seconds} Sekunden erneut versuchen.",
        "Too many failed attempts. Please try again in {seconds} seconds.",
    ),
    "mt.password_not_correct": (
        "Das Passwort stimmt nicht.",
        "The password is not correct.",
    ),
    "mt.sign_account_oidc": (
        "Mit Konto anmelden (OIDC)",
        "Sign in with an account (OIDC)",
    ),
    "mt.maintain_data": (
        "Daten pflegen",
        "Maintain data",
    ),
    "mt.data_maintenance_switched_off_2": (
        "Datenpflege ist ausgeschaltet, weil kein Passwort eingerichtet ist (`admin_password` "
        "in secrets.toml oder `EQUALITY_MAP_ADMIN_PASSWORD`).",
        "Data maintenance is switched off because no password is set up (`admin_password` in "
        "secrets.toml or `EQUALITY_MAP_ADMIN_PASSWORD`).",
    ),
    "mt.page_signed_data_maintainers": (
        "Diese Seite ist nur für angemeldete Datenpflegende.",
        "This page is for signed-in data maintainers only.",
    ),
    "mt.table_edited": (
        "Tabelle bearbeitet",
        "Table edited",
    ),
    "mt.file_merged": (
        "Datei zusammengeführt",
        "File merged",
    ),
    "mt.file_replaced": (
        "Datei ersetzt",
        "File replaced",
    ),
    "mt.restored": (
        "Wiederhergestellt",
        "Restored",
    ),
    "mt.geocoded_online": (
        "Online geokodiert",
        "Geocoded online",
    ),
    "mt.changed_outside_app": (
        "außerhalb der App geändert",
        "changed outside the app",
    ),
    "mt.row": (
        "Zeile",
        "Row",
    ),
    "mt.column": (
        "Spalte",
        "Column",
    ),
    "mt.value": (
        "Wert",
        "Value",
    ),
    "mt.kind": (
        "Art",
        "Kind",
    ),
    "mt.message": (
        "Meldung",
        "Message",
    ),
    "mt.error": (
        "Fehler",
        "Error",
    ),
    "mt.warning": (
        "Hinweis",
        "Warning",
    ),
    "mt.n_errors_found_nothing": (
        (
            "{n} Fehler gefunden. Nichts wird gespeichert, solange Fehler da sind: bitte in der "
            "Datei korrigieren und erneut hochladen.",
            "{n} Fehler gefunden. Nichts wird gespeichert, solange Fehler da sind: bitte in der "
            "Datei korrigieren und erneut hochladen.",
        ),
        (
            "{n} error found. Nothing is saved while there are errors: please correct it in the "
            "file and upload it again.",
            "{n} errors found. Nothing is saved while there are errors: please correct them in "
            "the file and upload it again.",
        ),
    ),
    "mt.n_errors_table_please": (
        (
            "{n} Fehler in der Tabelle. Bitte korrigieren, dann speichern.",
            "{n} Fehler in der Tabelle. Bitte korrigieren, dann speichern.",
        ),
        (
            "{n} error in the table. Please correct it, then save.",
            "{n} errors in the table. Please correct them, then save.",
        ),
    ),
    "mt.n_warnings_accepted": (
        ("{n} Hinweis (wird übernommen)", "{n} Hinweise (werden übernommen)"),
        ("{n} warning (accepted)", "{n} warnings (accepted)"),
    ),
    "mt.added": (
        "Neu",
        "Added",
    ),
    "mt.removed": (
        "Entfernt",
        "Removed",
    ),
    "mt.changed": (
        "Geändert",
        "Changed",
    ),
    "mt.new_entries": (
        "**Neue Einträge**",
        "**New entries**",
    ),
    "mt.removed_entries": (
        "**Entfernte Einträge**",
        "**Removed entries**",
    ),
    "mt.changed_fields": (
        "**Geänderte Felder**",
        "**Changed fields**",
    ),
    "mt.field": (
        "Feld",
        "Field",
    ),
    "mt.before": (
        "vorher",
        "before",
    ),
    "mt.after": (
        "nachher",
        "after",
    ),
    "mt.name": (
        "Name",
        "Name",
    ),
    "mt.not_saved_someone_else": (
        "Nicht gespeichert: jemand anderes hat die Daten gespeichert, seit Sie die Seite "
        "geladen haben{who}. Bitte deren Änderung ansehen, „Neu laden“ klicken und Ihre "
        "Änderung erneut vornehmen.",
        "Not saved: someone else saved the data since you loaded the page{who}. Please look at "
        "their change, click “Reload” and make your change again.",
    ),
    "mt.other_change": (
        "Die andere Änderung",
        "The other change",
    ),
    "mt.not_saved_current_file": (
        "Nicht gespeichert: Die aktuelle Datei hat {n} Fehler in Zeilen, die hier nicht "
        "angezeigt werden und beim Speichern verloren gingen. Bitte die Zeilen in der Datei "
        "korrigieren und sie mit „Ersetzen“ hochladen, oder eine frühere Fassung "
        "wiederherstellen.",
        "Not saved: the current file has {n} errors in rows that are not shown here and would "
        "be lost by saving. Please correct those rows in the file and upload it with “Replace”, "
        "or restore an earlier version.",
    ),
    "mt.someone_else_saving_right": (
        "Gerade speichert jemand anderes. Bitte einen Moment warten und erneut speichern.",
        "Someone else is saving right now. Please wait a moment and save again.",
    ),
    "mt.saved_added_added_changed": (
        "Gespeichert: {added} neu, {changed} geändert, {removed} entfernt. Die vorige Fassung "
        "liegt im Verlauf.",
        "Saved: {added} added, {changed} changed, {removed} removed. The previous version is in "
        "the history.",
    ),
    "mt.no_changes_nothing_saved": (
        "Keine Änderungen – nichts gespeichert.",
        "No changes – nothing saved.",
    ),
    "mt.file_path_n_entries": (
        "Datei `{path}` · {n} Einträge · geladene Fassung `{version}` · angemeldet als {user}",
        "File `{path}` · {n} entries · loaded version `{version}` · signed in as {user}",
    ),
    "mt.reload": (
        "Neu laden",
        "Reload",
    ),
    "mt.file_has_changed_since": (
        "Die Datei wurde seit dem Laden geändert. Speichern wird abgelehnt, bis Sie „Neu laden“ "
        "klicken (Ihre ungespeicherten Änderungen gehen dabei verloren).",
        "The file has changed since it was loaded. Saving is refused until you click “Reload” "
        "(your unsaved changes are lost then).",
    ),
    "mt.attention_n_errors_current": (
        "Achtung: {n} Fehler in der aktuellen Datei. Diese Zeilen werden hier nicht angezeigt; "
        "Bearbeiten und Zusammenführen sind gesperrt, bis sie korrigiert sind (korrigierte "
        "Datei mit „Ersetzen“ hochladen oder frühere Fassung wiederherstellen).",
        "Attention: {n} errors in the current file. These rows are not shown here; editing and "
        "merging are locked until they are corrected (upload the corrected file with “Replace” "
        "or restore an earlier version).",
    ),
    "mt.upload_file": (
        "Datei hochladen",
        "Upload a file",
    ),
    "mt.edit_directly": (
        "Direkt bearbeiten",
        "Edit directly",
    ),
    "mt.geocode_online": (
        "Online geokodieren",
        "Geocode online",
    ),
    "mt.history": (
        "Verlauf",
        "History",
    ),
    "mt.csv_also_excel_csv": (
        "CSV (auch Excel-CSV mit Semikolon) oder Excel-Arbeitsmappe (.xlsx), höchstens {mb} MB. "
        "Erst nach Ihrer Bestätigung wird gespeichert.",
        "CSV (also Excel CSV with semicolons) or an Excel workbook (.xlsx), at most {mb} MB. "
        "Nothing is saved before you confirm.",
    ),
    "mt.choose_file": (
        "Datei wählen",
        "Choose a file",
    ),
    "mt.file_has_size_mb": (
        "Die Datei ist {size} MB groß; erlaubt sind {mb} MB.",
        "The file has {size} MB; {mb} MB are allowed.",
    ),
    "mt.validation_report": (
        "Prüfbericht",
        "Validation report",
    ),
    "mt.no_errors_no_warnings": (
        "Keine Fehler und keine Hinweise.",
        "No errors and no warnings.",
    ),
    "mt.how_take_over": (
        "Wie übernehmen?",
        "How to take it over?",
    ),
    "mt.merge_add_new_ones": (
        "Zusammenführen: neue hinzufügen, geänderte aktualisieren, übrige behalten",
        "Merge: add new ones, update changed ones, keep the others",
    ),
    "mt.replace_file_becomes_new": (
        "Ersetzen: die Datei wird die neue Datenquelle",
        "Replace: the file becomes the new data source",
    ),
    "mt.changes_against_current_data": (
        "Änderungen gegenüber den aktuellen Daten",
        "Changes against the current data",
    ),
    "mt.file_contains_no_changes": (
        "Die Datei enthält keine Änderungen.",
        "The file contains no changes.",
    ),
    "mt.yes_remove_n_entries": (
        "Ja, {n} Einträge entfernen",
        "Yes, remove {n} entries",
    ),
    "mt.save_changes": (
        "Änderungen speichern",
        "Save changes",
    ),
    "mt.click_cells_change_them": (
        "Zellen anklicken zum Ändern; unten eine Zeile hinzufügen; Zeilen markieren und "
        "löschen. Listen (Zielgruppen, Themen …) mit „; “ trennen. Gespeichert wird erst mit "
        "dem Knopf unter der Tabelle.",
        "Click cells to change them; add a row at the bottom; select rows and delete them. "
        "Separate lists (target groups, topics …) with “; ”. Nothing is saved before you press "
        "the button below the table.",
    ),
    "mt.table": (
        "Tabelle",
        "Table",
    ),
    "mt.no_changes_table_yet": (
        "Noch keine Änderungen in der Tabelle.",
        "No changes in the table yet.",
    ),
    "mt.table_contains_no_changes": (
        "Die Tabelle enthält keine Änderungen.",
        "The table contains no changes.",
    ),
    "mt.done_total_addresses": (
        "{done} von {total} Adressen",
        "{done} of {total} addresses",
    ),
    "mt.new_changed_entries_placed": (
        "Neue und geänderte Einträge werden beim Speichern offline in ihrer Gemeinde verortet. "
        "Hier lassen sich Einträge mit Straße oder PLZ genauer verorten, über Nominatim "
        "(OpenStreetMap): höchstens eine Anfrage pro Sekunde, jede Adresse nur einmal, "
        "Antworten zwischengespeichert. Vertrauliche Adressen (Frauenhäuser) werden nie "
        "gesendet.",
        "New and changed entries are placed in their municipality offline when saved. Here "
        "entries with a street or postcode can be placed more precisely via Nominatim "
        "(OpenStreetMap): at most one request per second, each address once, answers cached. "
        "Confidential addresses (women's shelters) are never sent.",
    ),
    "mt.entries_can_placed_more": (
        "Einträge, die genauer verortet werden können: **{n}**",
        "Entries that can be placed more precisely: **{n}**",
    ),
    "mt.online_geocoding_not_set": (
        "Online-Geokodierung ist nicht eingerichtet: {error}",
        "Online geocoding is not set up: {error}",
    ),
    "mt.geocode_online_now_about": (
        (
            "Jetzt online geokodieren (etwa {n} Sekunde)",
            "Jetzt online geokodieren (etwa {n} Sekunden)",
        ),
        ("Geocode online now (about {n} second)", "Geocode online now (about {n} seconds)"),
    ),
    "mt.n_addresses_online": (
        ("{n} Adresse online", "{n} Adressen online"),
        ("{n} address online", "{n} addresses online"),
    ),
    "mt.earlier_versions_log_folder": (
        "Frühere Fassungen und Protokoll in `{folder}`.",
        "Earlier versions and log in `{folder}`.",
    ),
    "mt.change_log": (
        "**Änderungsprotokoll**",
        "**Change log**",
    ),
    "mt.time_utc": (
        "Zeit (UTC)",
        "Time (UTC)",
    ),
    "mt.who": (
        "Wer",
        "Who",
    ),
    "mt.action": (
        "Aktion",
        "Action",
    ),
    "mt.added_2": (
        "neu",
        "added",
    ),
    "mt.changed_2": (
        "geändert",
        "changed",
    ),
    "mt.removed_2": (
        "entfernt",
        "removed",
    ),
    "mt.description": (
        "Beschreibung",
        "Description",
    ),
    "mt.no_earlier_versions_yet": (
        "Noch keine früheren Fassungen: sie entstehen beim ersten Speichern.",
        "No earlier versions yet: they are made at the first save.",
    ),
    "mt.earlier_version": (
        "Frühere Fassung",
        "Earlier version",
    ),
    "mt.restoring_changes_current_data": (
        "Wiederherstellen ändert die aktuellen Daten so:",
        "Restoring changes the current data like this:",
    ),
    "mt.restore_version": (
        "Diese Fassung wiederherstellen",
        "Restore this version",
    ),
    "mt.not_restored_error": (
        "Nicht wiederhergestellt: {error}",
        "Not restored: {error}",
    ),
    "mt.version_restored_new_version": (
        "Fassung wiederhergestellt; das ist eine neue Fassung im Verlauf, die bisherige ist "
        "dort ebenfalls gesichert.",
        "Version restored; it is a new version in the history, and the previous one is kept "
        "there too.",
    ),
    "mt.publishing": (
        "Die öffentliche statische Seite wird neu erstellt …",
        "Rebuilding the public static site …",
    ),
    "mt.published": (
        "Die statische Seite ist neu veröffentlicht ({n} Seiten).",
        "The static site is published anew ({n} pages).",
    ),
    "mt.publish_failed": (
        "Die statische Seite konnte nicht neu erstellt werden, die bisherige bleibt online: "
        "{error}",
        "The static site could not be rebuilt, the previous one stays online: {error}",
    ),
}
