"""Saving keeps the maintainer's file: a change of a few rows is a diff of a few lines."""

from __future__ import annotations

import difflib
from pathlib import Path

import pandas as pd
import pytest

from equality_map import changes as ch
from equality_map import datastore as ds
from equality_map import schema as s
from equality_map.load import load_facilities_bytes
from equality_map.rewrite import preserving_bytes

EXCEL = (
    "Liste der Gleichstellungsstellen;;;;;\r\n"
    "ID;Name;Kategorie;Stadt;Zielgruppen;Bemerkung intern\r\n"
    'k1;"Frauenbüro Kassel";Gleichstellungsstelle;Kassel;Frauen; Mädchen;"ruft zurück"\r\n'
    "g1;Gleichstellungsbüro Göttingen;Gleichstellungsstelle;Göttingen;Frauen;\r\n"
    "\r\n"
    "h1;Frauenhaus Hamm;Frauenhaus;Hamm;;vertraulich\r\n"
    "m1;Mädchentreff München;Mädchentreff;München;Mädchen;x\r\n"
)


def excel_bytes() -> bytes:
    # the target-group cell of k1 holds a ';' and must be quoted in a ';' file
    return EXCEL.replace("Frauen; Mädchen;", '"Frauen; Mädchen";').encode("cp1252")


def changed_lines(before: bytes, after: bytes, encoding: str = "cp1252") -> list[str]:
    a = before.decode(encoding).splitlines()
    b = after.decode(encoding).splitlines()
    return [x for x in difflib.unified_diff(a, b, lineterm="", n=0) if x[:1] in "+-"][2:]


def frames(data: bytes) -> pd.DataFrame:
    result = load_facilities_bytes(data, "stellen.csv")
    assert result.errors == []
    return result.frame


def test_one_changed_cell_changes_one_line_in_the_file_own_dialect():
    data = excel_bytes()
    old = frames(data)
    new = old.copy()
    new.loc[new[s.ID] == "g1", s.NAME] = "Gleichstellungsbüro der Stadt Göttingen"
    out = preserving_bytes(data, "stellen.csv", old, new)
    assert out is not None
    diff = changed_lines(data, out)
    assert diff == [
        "-g1;Gleichstellungsbüro Göttingen;Gleichstellungsstelle;Göttingen;Frauen;",
        "+g1;Gleichstellungsbüro der Stadt Göttingen;Gleichstellungsstelle;Göttingen;Frauen;",
    ]
    assert out.decode("cp1252").startswith("Liste der Gleichstellungsstellen")  # title kept
    assert b"\r\n" in out


def test_unchanged_cells_of_a_changed_row_keep_their_spelling():
    data = excel_bytes()
    old = frames(data)
    new = old.copy()
    new.loc[new[s.ID] == "k1", s.CITY] = "Kassel"  # same value: nothing to write
    new.loc[new[s.ID] == "m1", "Bemerkung intern"] = "neu"
    out = preserving_bytes(data, "stellen.csv", old, new)
    assert changed_lines(data, out) == [
        "-m1;Mädchentreff München;Mädchentreff;München;Mädchen;x",
        "+m1;Mädchentreff München;Mädchentreff;München;Mädchen;neu",
    ]  # German labels stay labels, not keys


def test_removed_and_added_rows_keep_the_order_of_the_others():
    data = excel_bytes()
    old = frames(data)
    new = old[old[s.ID] != "g1"].copy()
    extra = old[old[s.ID] == "m1"].copy()
    extra[s.ID] = "m2"
    extra[s.NAME] = "Mädchenhaus München"
    new = pd.concat([new, extra])
    out = preserving_bytes(data, "stellen.csv", old, new)
    lines = out.decode("cp1252").splitlines()
    ids = [line.split(";")[0] for line in lines[2:] if line]
    assert ids == ["k1", "h1", "m1", "m2"]
    added = "+m2;Mädchenhaus München;Mädcheneinrichtung;München;Mädchen;x"
    assert changed_lines(data, out)[-1] == added
    assert len(changed_lines(data, out)) == 2  # one line out, one in


def test_a_new_column_is_added_at_the_end_of_every_line():
    data = excel_bytes()
    old = frames(data)
    new = old.copy()
    new.loc[new[s.ID] == "k1", s.PHONE] = "0561 787 7069"
    out = preserving_bytes(data, "stellen.csv", old, new)
    lines = out.decode("cp1252").splitlines()
    assert lines[1].endswith(";Bemerkung intern;phone")
    assert lines[2].endswith(";0561 787 7069")
    assert lines[3].endswith("Frauen;;")


def test_text_the_encoding_cannot_hold_falls_back_to_the_canonical_form():
    data = excel_bytes()
    old = frames(data)
    new = old.copy()
    new.loc[new[s.ID] == "k1", s.NAME] = "Frauenbüro Kassel – Ősz"  # Ő is not in cp1252
    assert preserving_bytes(data, "stellen.csv", old, new) is None


@pytest.mark.parametrize(
    "payload", ['=HYPERLINK("http://x")', 'a "quoted"; b', "zwei\nZeilen", "<script>x</script>"]
)
def test_awkward_values_round_trip(payload: str):
    data = excel_bytes()
    old = frames(data)
    new = old.copy()
    new.loc[new[s.ID] == "h1", s.NOTES] = payload
    out = preserving_bytes(data, "stellen.csv", old, new)
    assert out is not None
    assert frames(out).set_index(s.ID).loc["h1", s.NOTES] == payload


def test_the_data_store_saves_a_small_edit_as_a_small_diff(tmp_path: Path):
    path = tmp_path / "facilities.csv"
    path.write_bytes(excel_bytes())
    store = ds.DataStore(path, tmp_path / "history")
    snap = store.snapshot()
    table = ch.editor_frame(snap.frame, "de")
    table.loc[table[s.ID] == "h1", s.CITY] = "Hamm"
    table.loc[table[s.ID] == "g1", s.NAME] = "Gleichstellungsbüro der Stadt Göttingen"
    edited = ch.validate_frame(table).frame
    before = path.read_bytes()
    result = store.save(edited, expected_hash=snap.content_hash, user="test")
    assert result.written
    assert len(changed_lines(before, path.read_bytes())) == 2
