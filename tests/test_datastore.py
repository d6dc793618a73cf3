"""DataStore: diff, merge, validation refusal, locked saves, stale saves, history, restore, log."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pandas as pd
import pytest

from equality_map import changes as ch
from equality_map import datastore as ds
from equality_map import schema as s
from equality_map.load import load_facilities_bytes
from equality_map.store import to_csv_bytes

BASE_CSV = (
    "id,name,category,city,lat,lon,capacity,topics,extra_note\n"
    "a,Frauenbüro Kassel,equality_office,Kassel,51.31,9.49,,gender equality,keep me\n"
    "b,Frauenhaus Kassel,womens_shelter,Kassel,,,12,violence protection; housing,\n"
    "c,Mädchentreff Fulda,girls_facility,Fulda,50.55,9.68,,,x\n"
)


class FakeClock:
    """A clock that advances one second per call."""

    def __init__(self) -> None:
        self.now = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)

    def __call__(self) -> datetime:
        self.now += timedelta(seconds=1)
        return self.now


def frame_of(text: str) -> pd.DataFrame:
    result = load_facilities_bytes(text.encode("utf-8"), "t.csv")
    assert not result.errors, result.errors
    return result.frame


@pytest.fixture
def store(tmp_path: Path) -> ds.DataStore:
    path = tmp_path / "data" / "facilities.csv"
    path.parent.mkdir()
    path.write_text(BASE_CSV, encoding="utf-8")
    return ds.DataStore(path, tmp_path / "hist", clock=FakeClock())


# --- diff ----------------------------------------------------------------------------------------


def test_diff_matches_by_id_and_reports_fields() -> None:
    old = frame_of(BASE_CSV)
    new = frame_of(
        "id,name,category,city,lat,lon,capacity,topics,extra_note\n"
        "c,Mädchentreff Fulda,girls_facility,Fulda,50.55,9.68,,,x\n"
        "b,Frauenhaus Kassel,womens_shelter,Kassel,,,14,violence protection; housing,\n"
        "d,Neu,initiative,Kassel,,,,,\n"
    )
    d = ch.diff(old, new)
    assert d.added == ["d"]
    assert d.removed == ["a"]
    assert d.changed == [ch.FieldChange("b", "places_women", "12", "14")]
    assert d.counts() == {"added": 1, "removed": 1, "changed": 1}
    assert not d.is_empty


def test_diff_of_equal_frames_is_empty_even_if_row_order_differs() -> None:
    old = frame_of(BASE_CSV)
    assert ch.diff(old, old.iloc[::-1]).is_empty


@pytest.mark.parametrize(
    ("column", "new_value", "before", "after"),
    [
        ("topics", "Gleichstellung; pay", "gender_equality", "gender_equality; pay"),
        ("lat", "51.32", "51.31", "51.32"),
        ("extra_note", "", "keep me", ""),
        ("name", "Frauenbüro der Stadt Kassel", "Frauenbüro Kassel", "Frauenbüro der Stadt Kassel"),
    ],
)
def test_diff_field_before_after(column: str, new_value: str, before: str, after: str) -> None:
    old = frame_of(BASE_CSV)
    raw = old.astype(object)
    raw.loc[raw[s.ID] == "a", column] = new_value
    reloaded = load_facilities_bytes(to_csv_bytes(raw), "y.csv").frame
    assert ch.diff(old, reloaded).changed == [ch.FieldChange("a", column, before, after)]


# --- merge ---------------------------------------------------------------------------------------


def test_merge_adds_new_updates_changed_keeps_rest() -> None:
    current = frame_of(BASE_CSV)
    incoming = frame_of(
        "id,name,category,city,capacity\n"
        "b,Frauenhaus Kassel,womens_shelter,Kassel,16\n"
        "z,Neues Bündnis,initiative,Fulda,\n"
    )
    merged = ch.merge(current, incoming, columns={"id", "name", "category", "city", "places_women"})
    result = ch.validate_frame(merged)
    assert not result.errors
    by_id = result.frame.set_index(s.ID)
    assert list(by_id.index) == ["a", "b", "c", "z"]
    assert by_id.loc["b", s.CAPACITY] == 16
    # columns absent from the upload are kept for existing entries
    assert by_id.loc["a", s.LAT] == pytest.approx(51.31)
    assert by_id.loc["a", "extra_note"] == "keep me"
    assert by_id.loc["b", s.TOPICS] == ["violence_protection", "housing"]


def test_merge_without_columns_takes_whole_rows() -> None:
    current = frame_of(BASE_CSV)
    incoming = frame_of("id,name,category,city\na,Frauenbüro Kassel,equality_office,Kassel\n")
    merged = ch.validate_frame(ch.merge(current, incoming)).frame.set_index(s.ID)
    assert pd.isna(merged.loc["a", s.LAT])


def test_uploaded_columns_maps_german_headers_and_keeps_extras() -> None:
    data = "Name;Kategorie;Ort;Plätze;Eigene Spalte\nx;Frauenhaus;Kassel;3;y\n".encode()
    assert ch.uploaded_columns(data, "u.csv") == {
        s.NAME,
        s.CATEGORY,
        s.CITY,
        s.CAPACITY,
        "Eigene Spalte",
    }


# --- validation ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("column", "value", "code"),
    [
        (s.NAME, "", "required"),
        (s.CITY, "", "required"),
        (s.CATEGORY, "bakery", None),
        (s.LAT, "123", None),
    ],
)
def test_save_with_errors_is_refused_and_writes_nothing(
    store: ds.DataStore, column: str, value: str, code: str | None
) -> None:
    frame, _, h = store.snapshot()
    before = store.path.read_bytes()
    edited = frame.copy()
    edited[column] = edited[column].astype(object)
    edited.loc[edited[s.ID] == "b", column] = value
    with pytest.raises(ds.DataValidationError) as info:
        store.save(edited, expected_hash=h, user="t")
    errors = [i for i in info.value.issues if i.severity == "error"]
    assert errors
    assert errors[0].row == 3  # line of entry b in the canonical CSV
    assert errors[0].column == column
    if code:
        assert errors[0].code == code
    assert store.path.read_bytes() == before
    assert store.history() == []
    assert store.changes() == []


def test_validate_frame_uses_loader_messages() -> None:
    frame = frame_of(BASE_CSV)
    frame.loc[frame[s.ID] == "c", s.NAME] = ""
    result = ch.validate_frame(frame)
    [error] = result.errors
    assert error.format().startswith("edited data.csv:4: column name: error: name is empty")


# --- save, stale, history, log -------------------------------------------------------------------


def test_save_writes_canonical_csv_keeps_history_and_logs(store: ds.DataStore) -> None:
    frame, issues, h = store.snapshot()
    assert h == ds.content_hash(BASE_CSV.encode())
    old_bytes = store.path.read_bytes()
    edited = frame.copy()
    edited.loc[edited[s.ID] == "b", s.CAPACITY] = 20
    result = store.save(edited, expected_hash=h, user="anna", summary="more places")
    assert result.written
    data = store.path.read_bytes()
    assert ds.content_hash(data) == result.new_hash
    # the file keeps its own columns and rows; only the changed row's changed cell differs
    before_lines, after_lines = old_bytes.decode().splitlines(), data.decode().splitlines()
    assert after_lines[0] == before_lines[0]
    changed = [(a, b) for a, b in zip(before_lines, after_lines, strict=True) if a != b]
    assert len(changed) == 1
    assert changed[0][1].startswith("b,")
    assert ",20," in changed[0][1]
    assert "keep me" in data.decode()
    [version] = store.history()
    assert version.path.read_bytes() == old_bytes
    assert version.content_hash == h[:12]
    assert result.previous_version == version.version_id
    [entry] = store.changes()
    assert entry["user"] == "anna"
    assert entry["action"] == "edit"
    assert entry["summary"] == "more places"
    assert entry["changed"] == ["b"]
    assert entry["counts"] == {"added": 0, "removed": 0, "changed": 1, "rows": 3}
    assert entry["previous_hash"] == h
    assert entry["new_hash"] == result.new_hash
    assert entry["time"] == "2025-01-02T03:04:06+00:00"


def changed_capacity(frame):
    edited = frame.copy()
    edited.loc[edited[s.ID] == "b", s.CAPACITY] = 99
    return edited


def test_save_without_changes_writes_nothing(store: ds.DataStore) -> None:
    frame, _, h = store.snapshot()
    before = store.path.read_bytes()
    first = store.save(frame, expected_hash=h, user="t")  # the hand-made file stays as it is
    assert not first.written
    assert first.diff.is_empty
    assert store.path.read_bytes() == before
    assert store.changes() == []


def test_stale_save_is_refused_and_shows_the_other_change(store: ds.DataStore) -> None:
    frame, _, h = store.snapshot()
    mine = frame.copy()
    theirs = frame.copy()
    theirs.loc[theirs[s.ID] == "a", s.NAME] = "Gleichstellungsbüro Kassel"
    store.save(theirs, expected_hash=h, user="bea")
    after_theirs = store.path.read_bytes()
    mine.loc[mine[s.ID] == "c", s.CITY] = "Kassel"
    with pytest.raises(ds.StaleDataError) as info:
        store.save(mine, expected_hash=h, user="anna")
    err = info.value
    assert "changed by someone else" in str(err)
    assert "bea" in str(err)
    assert err.diff is not None
    assert err.diff.changed == [
        ch.FieldChange("a", "name", "Frauenbüro Kassel", "Gleichstellungsbüro Kassel")
    ]
    assert [c["user"] for c in err.changes] == ["bea"]
    assert store.path.read_bytes() == after_theirs
    assert len(store.changes()) == 1


def test_restore_is_a_new_logged_version(store: ds.DataStore) -> None:
    original = store.path.read_bytes()
    frame, _, h = store.snapshot()
    r1 = store.save(frame[frame[s.ID] != "c"], expected_hash=h, user="anna")
    assert r1.diff.removed == ["c"]
    [version] = store.history()
    r2 = store.restore(version.version_id, expected_hash=r1.new_hash, user="bea")
    assert store.path.read_bytes() == original
    assert r2.diff.added == ["c"]
    assert [c["action"] for c in store.changes()] == ["edit", "restore"]
    assert store.changes()[-1]["restored_version"] == version.version_id
    assert len(store.history()) == 2  # the removal itself is kept as well


@pytest.mark.parametrize("bad", ["../facilities", "x", "20250101T000000_000000Z-zzzzzzzzzzzz"])
def test_restore_refuses_unknown_versions(store: ds.DataStore, bad: str) -> None:
    with pytest.raises(ds.UnknownVersionError):
        store.restore(bad, expected_hash=store.current_hash(), user="t")


def test_restore_of_stale_base_is_refused(store: ds.DataStore) -> None:
    frame, _, h = store.snapshot()
    store.save(frame[frame[s.ID] != "c"], expected_hash=h, user="a")
    [version] = store.history()
    with pytest.raises(ds.StaleDataError):
        store.restore(version.version_id, expected_hash=h, user="b")


def test_first_save_creates_the_file(tmp_path: Path) -> None:
    store = ds.DataStore(tmp_path / "new.csv", clock=FakeClock())
    snap = store.snapshot()
    assert snap.content_hash == ds.ABSENT_HASH
    assert len(snap.frame) == 0
    result = store.save(frame_of(BASE_CSV), expected_hash=snap.content_hash, user="t")
    assert result.previous_version is None
    assert result.diff.added == ["a", "b", "c"]
    assert store.history_dir == tmp_path / ".history"
    assert store.log_path == tmp_path / ".history" / "changes.jsonl"


def test_external_change_is_logged_before_the_next_save(store: ds.DataStore) -> None:
    frame, _, h = store.snapshot()
    r = store.save(changed_capacity(frame), expected_hash=h, user="a")
    store.path.write_bytes(store.path.read_bytes().replace(b"Fulda", b"Hanau"))
    frame, _, h2 = store.snapshot()
    store.save(frame[frame[s.ID] != "a"], expected_hash=h2, user="b")
    actions = [c["action"] for c in store.changes()]
    assert actions == ["edit", "external", "edit"]
    assert store.changes()[1]["previous_hash"] == r.new_hash


def test_log_survives_a_cut_off_last_line(store: ds.DataStore) -> None:
    frame, _, h = store.snapshot()
    r = store.save(changed_capacity(frame), expected_hash=h, user="a")
    with store.log_path.open("a", encoding="utf-8") as handle:
        handle.write('{"time": "2025-')  # what a crash mid-append leaves
    store.save(frame[frame[s.ID] != "a"], expected_hash=r.new_hash, user="b")
    assert [c["user"] for c in store.changes()] == ["a", "b"]
    lines = store.log_path.read_text(encoding="utf-8").splitlines()
    assert json.loads(lines[-1])["user"] == "b"


def test_geocoder_runs_on_new_and_changed_rows_only(store: ds.DataStore) -> None:
    seen: list[list[str]] = []

    def fake_geocoder(rows: pd.DataFrame) -> pd.DataFrame:
        seen.append(list(rows[s.ID]))
        out = rows.copy()
        out[s.LAT] = 51.0
        out[s.LON] = 9.0
        out[s.GEOCODE_SOURCE] = "cache"
        out[s.GEOCODE_PRECISION] = "address"
        return out

    frame, _, h = store.snapshot()
    edited = frame.copy()
    edited.loc[edited[s.ID] == "b", s.CAPACITY] = 13
    store.save(edited, expected_hash=h, user="t", geocoder=fake_geocoder)
    assert seen == [["b"]]
    saved = store.snapshot().frame.set_index(s.ID)
    assert saved.loc["b", s.LAT] == 51.0
    assert saved.loc["b", s.GEOCODE_SOURCE] == "cache"
    assert saved.loc["a", s.LAT] == pytest.approx(51.31)
    assert saved.loc["a", s.GEOCODE_SOURCE] == "csv"  # untouched: set by the loader


def test_stale_temp_files_are_removed_but_fresh_ones_kept(store: ds.DataStore) -> None:
    import os

    old = store.path.parent / f".{store.path.name}.abc.tmp"
    fresh = store.path.parent / f".{store.path.name}.def.tmp"
    old.write_bytes(b"partial")
    fresh.write_bytes(b"partial")
    os.utime(old, (0, 0))
    frame, _, h = store.snapshot()
    store.save(frame, expected_hash=h, user="t")
    assert not old.exists()
    assert fresh.exists()


def test_history_dir_follows_the_data_file_unless_configured() -> None:
    from equality_map.settings import Settings

    assert Settings(data=Path("/d/f.csv")).history == Path("/d/.history")
    assert Settings(data=Path("/d/f.csv"), history_dir=Path("/h")).history == Path("/h")


def test_a_municipality_centre_is_not_written_into_the_file(store: ds.DataStore) -> None:
    """The centre is derived at every load; stored, it would look like a measured point."""
    from equality_map.geocode import offline_geocoder

    geocoder = offline_geocoder(None)
    frame, _, h = store.snapshot()
    new_row = {s.ID: "n", s.NAME: "Frauentreff", s.CATEGORY: "womens_centre", s.CITY: "Fulda"}
    edited = pd.concat([frame, pd.DataFrame([new_row])], ignore_index=True)
    store.save(edited, expected_hash=h, user="t", geocoder=geocoder)
    saved = store.snapshot().frame.set_index(s.ID)
    assert pd.isna(saved.loc["n", s.LAT])
    assert saved.loc["n", s.GEOCODE_SOURCE] == ""
    assert pd.isna(saved.loc["b", s.LAT])


def test_edit_is_refused_while_the_file_has_rows_with_errors(tmp_path: Path) -> None:
    """Rows with errors are not in the loaded frame; an edit must not silently drop them."""
    path = tmp_path / "facilities.csv"
    path.write_text(BASE_CSV + "d,Kaputt,no_such_category,Kassel,,,,,\n", encoding="utf-8")
    store = ds.DataStore(path, tmp_path / "hist", clock=FakeClock())
    snap = store.snapshot()
    before = path.read_bytes()
    edited = snap.frame.copy()
    edited.loc[edited[s.ID] == "a", s.NAME] = "Frauenbüro der Stadt Kassel"
    for action in ("edit", "upload-merge"):
        with pytest.raises(ds.BrokenRowsError, match=r"rows 5\)"):
            store.save(edited, expected_hash=snap.content_hash, user="t", action=action)
    assert path.read_bytes() == before
    # an explicit replace is the way out (its diff lists what goes)
    result = store.save(edited, expected_hash=snap.content_hash, user="t", action="upload-replace")
    assert result.written
    assert "Kaputt" not in path.read_text("utf-8")
    assert any("Kaputt" in v.read_text("utf-8") for v in (tmp_path / "hist").glob("*.csv"))


@pytest.mark.parametrize(("lang", "shown"), [("de", "Gleichstellung"), ("en", "gender equality")])
def test_editor_shows_list_labels_and_saving_them_changes_nothing(lang: str, shown: str) -> None:
    old = frame_of(BASE_CSV)
    table = ch.editor_frame(old, lang)
    assert table.loc[table[s.ID] == "a", s.TOPICS].item() == shown
    reloaded = ch.validate_frame(table).frame
    assert ch.diff(old, reloaded).is_empty


def test_diff_values_are_shown_as_labels() -> None:
    assert ch.field_text(s.TOPICS, "gender_equality; pay", "de") == "Gleichstellung; pay"
    assert ch.field_text(s.NAME, "gender_equality", "de") == "gender_equality"


def test_editor_mask_searches_all_cells_folded_and_filters_category_and_city() -> None:
    table = ch.editor_frame(frame_of(BASE_CSV), "de")
    assert list(table[ch.editor_mask(table, "FRAUENHAUS")][s.ID]) == ["b"]
    assert list(table[ch.editor_mask(table, "kassel", ["equality_office"])][s.ID]) == ["a"]
    assert ch.editor_mask(table, "", [], []).all()
    assert not ch.editor_mask(table, "zzz").any()


def test_merging_an_edited_view_keeps_the_rows_not_shown() -> None:
    table = ch.editor_frame(frame_of(BASE_CSV), "de")
    shown = table[table[s.ID] == "b"]
    edited = shown.assign(name="Frauenhaus Kassel e. V.")
    edited = pd.concat([edited, shown.assign(id="z", name="Neu")], ignore_index=True)
    merged = ch.merge_edited_view(table, shown.index, edited)
    assert sorted(merged[s.ID]) == sorted([*table[s.ID], "z"])
    assert merged.set_index(s.ID).loc["b", s.NAME] == "Frauenhaus Kassel e. V."
    assert merged.set_index(s.ID).loc["a", s.NAME] == table.set_index(s.ID).loc["a", s.NAME]
