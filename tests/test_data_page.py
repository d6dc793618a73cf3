"""AppTest for the maintainer Data page and its sign-in wiring (issue 6).

`tests/apps/nav_app.py` wires sign-in and navigation the way app.py does.
"""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from equality_map import auth
from equality_map import datastore as ds
from equality_map import schema as s
from equality_map.load import load_facilities_bytes
from equality_map.ui import access

ROOT = Path(__file__).resolve().parents[1]
NAV_APP = str(ROOT / "tests" / "apps" / "nav_app.py")
DATA_PAGE = "../../pages/data.py"
PASSWORD = "correct horse battery staple"
SUBMIT = "FormSubmitter:maintainer_sign_in-Anmelden"
BASE_CSV = (
    "id,name,category,city,capacity\n"
    "a,Frauenbüro Kassel,equality_office,Kassel,\n"
    "b,Frauenhaus Kassel,womens_shelter,Kassel,12\n"
)


@pytest.fixture
def data_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "facilities.csv"
    path.write_text(BASE_CSV, encoding="utf-8")
    monkeypatch.setenv("EQUALITY_MAP_DATA", str(path))
    monkeypatch.setenv("EQUALITY_MAP_HISTORY_DIR", str(tmp_path / "history"))
    monkeypatch.setenv(auth.PASSWORD_ENV, PASSWORD)
    access._rate_limiter.clear()  # one limiter per server process: start each test clean
    return path


def store_for(path: Path) -> ds.DataStore:
    return ds.DataStore(path, path.parent / "history")


def app() -> AppTest:
    return AppTest.from_file(NAV_APP, default_timeout=60).run()


def sign_in(at: AppTest, password: str = PASSWORD) -> AppTest:
    at.text_input(key="mt_password").input(password)
    return at.button(key=SUBMIT).click().run()


def open_data_page(at: AppTest) -> AppTest:
    return at.switch_page(DATA_PAGE).run()


def button(at: AppTest, label: str):  # type: ignore[no-untyped-def]
    matches = [b for b in at.button if b.label == label]
    assert matches, f"no button {label!r}; buttons: {[b.label for b in at.button]}"
    return matches[0]


def texts(at: AppTest) -> str:
    parts = [e.value for e in (*at.error, *at.warning, *at.success, *at.info, *at.caption)]
    return "\n".join(str(p) for p in parts)


# --- access --------------------------------------------------------------------------------------


def test_data_page_absent_and_unreachable_without_sign_in(data_file: Path) -> None:
    at = app()
    assert not at.exception
    assert [t.value for t in at.title] == ["equality-map"]
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(DATA_PAGE)


def test_data_page_present_after_sign_in(data_file: Path) -> None:
    at = sign_in(app())
    assert not at.exception
    assert [b.label for b in at.button if b.key == "maintainer_sign_out"] == ["Abmelden"]
    at = open_data_page(at)
    assert [t.value for t in at.title] == ["Daten pflegen"]
    assert [t.label for t in at.tabs] == [
        "Datei hochladen",
        "Direkt bearbeiten",
        "Online geokodieren",
        "Verlauf",
    ]


def test_data_page_and_sign_in_in_english(data_file: Path) -> None:
    at = AppTest.from_file(NAV_APP, default_timeout=60)
    at.query_params["lang"] = "en"
    at.run()
    assert [e.label for e in at.sidebar.expander] == ["Sign in for data maintenance"]
    at.text_input(key="mt_password").input(PASSWORD)
    at.button(key="FormSubmitter:maintainer_sign_in-Sign in").click().run()
    assert [b.label for b in at.button if b.key == "maintainer_sign_out"] == ["Sign out"]
    at = open_data_page(at)
    assert not at.exception
    assert [t.value for t in at.title] == ["Maintain data"]
    assert [t.label for t in at.tabs] == [
        "Upload a file",
        "Edit directly",
        "Geocode online",
        "History",
    ]
    assert "2 entries" in texts(at)


def test_sign_out_removes_the_page(data_file: Path) -> None:
    at = sign_in(app())
    at.button(key="maintainer_sign_out").click().run()
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(DATA_PAGE)


def test_page_checks_access_itself(data_file: Path) -> None:
    at = AppTest.from_file(str(ROOT / "pages" / "data.py"), default_timeout=60).run()
    assert "nur für angemeldete" in texts(at)
    assert not at.tabs
    assert not at.file_uploader


def test_no_credential_means_editing_off(data_file: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv(auth.PASSWORD_ENV)
    at = app()
    # visitors see nothing of the sign-in or of operator set-up help (that is in the README)
    assert "ausgeschaltet" not in texts(at)
    assert not at.text_input
    assert not [e for e in at.sidebar.expander if "Datenpflege" in str(e.label)]
    page = AppTest.from_file(str(ROOT / "pages" / "data.py"), default_timeout=60).run()
    assert "ausgeschaltet" in texts(page)
    assert not page.tabs


def test_embedded_viewers_never_get_the_page(data_file: Path) -> None:
    at = sign_in(app())
    at.context["is_embedded"] = True  # what `?embed=true` sets in a browser
    at.run()
    assert not at.button  # neither sign-in nor sign-out in an embed
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(DATA_PAGE)


def test_embedded_viewers_get_no_sign_in_form(data_file: Path) -> None:
    at = AppTest.from_file(NAV_APP, default_timeout=60)
    at.context["is_embedded"] = True
    at.run()
    assert not at.text_input
    assert not at.expander


def test_a_wrong_password_keeps_the_name_for_the_change_log(data_file: Path) -> None:
    at = app()
    at.text_input(key="mt_user").input("Gleichstellungsbüro Kassel")
    at = sign_in(at, "wrong")
    assert "Passwort stimmt nicht" in texts(at)
    assert at.text_input(key="mt_user").value == "Gleichstellungsbüro Kassel"
    assert at.text_input(key="mt_password").value == ""
    at = sign_in(at)
    assert [b.label for b in at.button if b.key == "maintainer_sign_out"] == ["Abmelden"]
    assert any("Gleichstellungsbüro Kassel" in str(m.value) for m in at.sidebar.markdown)


def test_wrong_passwords_are_rate_limited(data_file: Path) -> None:
    at = app()
    for _ in range(4):
        at = sign_in(at, "wrong")
        assert "Passwort stimmt nicht" in texts(at)
    at = sign_in(at, "wrong")
    assert "Zu viele Fehlversuche" in texts(at)
    at = sign_in(at, PASSWORD)  # locked out: even the right password is not accepted now
    assert "Zu viele Fehlversuche" in texts(at)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page(DATA_PAGE)


# --- upload --------------------------------------------------------------------------------------


def test_good_upload_shows_diff_and_saves_on_confirm(data_file: Path) -> None:
    before = data_file.read_bytes()
    at = open_data_page(sign_in(app()))
    upload = (
        "ID;Name;Kategorie;Ort;Plätze\n"
        "b;Frauenhaus Kassel;Frauenhaus;Kassel;14\n"
        "c;Mädchentreff Kassel;Mädchentreff;Kassel;\n"
    ).encode("cp1252")
    at.file_uploader[0].upload("neu.csv", upload, "text/csv").run()
    assert not at.exception
    metrics = {m.label: m.value for m in at.metric}
    assert metrics == {"Neu": "1", "Entfernt": "0", "Geändert": "1"}  # merge is the default
    changed = [df.value for df in at.dataframe if "vorher" in df.value.columns]
    assert changed[0].to_dict("records") == [
        {
            "id": "b",
            "Name": "Frauenhaus Kassel",
            "Feld": "places_women",
            "vorher": "12",
            "nachher": "14",
        }
    ]
    assert data_file.read_bytes() == before  # nothing written before confirming
    at = button(at, "Änderungen speichern").click().run()
    assert not at.exception
    assert "Gespeichert: 1 neu, 1 geändert, 0 entfernt" in texts(at)
    saved = store_for(data_file).snapshot().frame.set_index("id")
    assert list(saved.index) == ["a", "b", "c"]
    assert saved.loc["b", "places_women"] == 14
    [entry] = store_for(data_file).changes()
    assert entry["action"] == "upload-merge"
    assert entry["user"] == "maintainer"
    assert entry["added"] == ["c"]
    assert entry["changed"] == ["b"]


def test_replace_upload_asks_before_removing(data_file: Path) -> None:
    at = open_data_page(sign_in(app()))
    at.file_uploader[0].upload(
        "nur_b.csv", b"id,name,category,city\nb,Frauenhaus Kassel,womens_shelter,Kassel\n"
    ).run()
    at.radio[0].set_value("upload-replace").run()
    assert {m.label: m.value for m in at.metric}["Entfernt"] == "1"
    assert button(at, "Änderungen speichern").disabled
    at.checkbox[0].check().run()
    button(at, "Änderungen speichern").click().run()
    assert list(store_for(data_file).snapshot().frame["id"]) == ["b"]


def test_bad_upload_lists_row_errors_and_writes_nothing(data_file: Path) -> None:
    before = data_file.read_bytes()
    at = open_data_page(sign_in(app()))
    bad = (
        b"id,name,category,city,lat\n"
        b"c,,counselling_centre,Kassel,\n"
        b"d,Beratung,bakery,Kassel,\n"
        b"e,Treff,girls_facility,Kassel,99\n"
    )
    at.file_uploader[0].upload("kaputt.csv", bad, "text/csv").run()
    assert not at.exception
    assert "Fehler gefunden. Nichts wird gespeichert" in texts(at)
    report = at.dataframe[0].value
    assert list(report["Zeile"]) == [2, 3, 4, 4]
    assert list(report["Spalte"]) == ["name", "category", "lat", "lon"]
    assert "name ist leer" in report["Meldung"][0]  # the loader's (CLI's) message
    assert all(report["Art"] == "Fehler")
    assert not [b for b in at.button if b.label == "Änderungen speichern"]
    assert not at.metric  # no diff offered for a file with errors
    assert data_file.read_bytes() == before
    assert store_for(data_file).history() == []
    assert store_for(data_file).changes() == []


# --- inline editing ------------------------------------------------------------------------------


def edit(at: AppTest, edited_rows: dict[int, dict[str, object]]) -> AppTest:
    [editor] = at.data_editor
    at.session_state[editor.key] = {
        "edited_rows": edited_rows,
        "added_rows": [],
        "deleted_rows": [],
    }
    return at.run()


def test_inline_edit_saves(data_file: Path) -> None:
    at = open_data_page(sign_in(app()))
    at = edit(at, {1: {"places_women": 20, "topics": "violence protection; housing"}})
    assert not at.exception
    at = button(at, "Änderungen speichern").click().run()
    assert "Gespeichert: 0 neu, 1 geändert, 0 entfernt" in texts(at)
    saved = store_for(data_file).snapshot().frame.set_index("id")
    assert saved.loc["b", "places_women"] == 20
    assert saved.loc["b", "topics"] == ["violence_protection", "housing"]


def test_the_edit_table_filters_and_saves_only_what_changed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "facilities.csv"
    original = (
        "ID;Name;Kategorie;Stadt;Telefon\r\n"
        "a;Frauenbüro Kassel;Gleichstellungsstelle;Kassel;\r\n"
        "b;Frauenhaus Kassel;Frauenhaus;Kassel;0561 1\r\n"
        "c;Gleichstellungsbüro Göttingen;Gleichstellungsstelle;Göttingen;\r\n"
    ).encode("cp1252")
    path.write_bytes(original)
    monkeypatch.setenv("EQUALITY_MAP_DATA", str(path))
    monkeypatch.setenv("EQUALITY_MAP_HISTORY_DIR", str(tmp_path / "history"))
    monkeypatch.setenv(auth.PASSWORD_ENV, PASSWORD)
    access._rate_limiter.clear()
    at = open_data_page(sign_in(app()))
    [search] = [t for t in at.text_input if t.key and t.key.startswith("dp_q_")]
    at = search.input("göttingen").run()
    [editor] = at.data_editor
    assert list(editor.value["id"]) == ["c"]
    assert "1 von 3 Zeilen" in texts(at)
    at = edit(at, {0: {"phone": "0551 400-0"}})
    assert [t for t in at.text_input if t.key and t.key.startswith("dp_q_")][0].disabled
    at = button(at, "Änderungen speichern").click().run()
    assert "Gespeichert: 0 neu, 1 geändert, 0 entfernt" in texts(at)
    after = path.read_bytes().decode("cp1252").splitlines()
    assert after == [
        "ID;Name;Kategorie;Stadt;Telefon",
        "a;Frauenbüro Kassel;Gleichstellungsstelle;Kassel;",
        "b;Frauenhaus Kassel;Frauenhaus;Kassel;0561 1",
        "c;Gleichstellungsbüro Göttingen;Gleichstellungsstelle;Göttingen;0551 400-0",
    ]


def test_a_save_republishes_the_static_site(
    data_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    site = tmp_path / "site"
    monkeypatch.setenv("EQUALITY_MAP_PUBLISH_DIR", str(site))
    at = open_data_page(sign_in(app()))
    at = edit(at, {0: {"name": "Frauenbüro der Stadt Kassel"}})
    at = button(at, "Änderungen speichern").click().run()
    assert "statische Seite ist neu veröffentlicht" in texts(at)
    assert "Frauenbüro der Stadt Kassel" in (site / "gemeinde" / "06611000.html").read_text()


def test_a_failed_publish_keeps_the_save_and_says_so(
    data_file: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    taken = tmp_path / "www"
    taken.mkdir()
    (taken / "index.html").write_text("the city's own page")
    monkeypatch.setenv("EQUALITY_MAP_PUBLISH_DIR", str(taken))
    at = open_data_page(sign_in(app()))
    at = edit(at, {0: {"name": "Frauenbüro der Stadt Kassel"}})
    at = button(at, "Änderungen speichern").click().run()
    assert "bisherige bleibt online" in texts(at)
    assert "Frauenbüro der Stadt Kassel" in data_file.read_text()
    assert (taken / "index.html").read_text() == "the city's own page"


def test_inline_edit_with_errors_is_not_saved(data_file: Path) -> None:
    before = data_file.read_bytes()
    at = open_data_page(sign_in(app()))
    at = edit(at, {0: {"name": ""}})
    assert "Fehler in der Tabelle" in texts(at)
    report = at.dataframe[-1].value
    assert list(report["Zeile"]) == [1]  # table row 1, not a CSV line number
    assert not [b for b in at.button if b.label == "Änderungen speichern"]
    assert data_file.read_bytes() == before


def test_stale_save_is_refused(data_file: Path) -> None:
    at = open_data_page(sign_in(app()))  # the page remembers the hash now
    store = store_for(data_file)
    frame, _, h = store.snapshot()
    frame.loc[frame["id"] == "a", "name"] = "Gleichstellungsbüro Kassel"
    store.save(frame, expected_hash=h, user="bea")
    theirs = data_file.read_bytes()
    at = edit(at, {1: {"places_women": 30}})
    assert "Datei wurde seit dem Laden geändert" in texts(at)
    at = button(at, "Änderungen speichern").click().run()
    assert "jemand anderes hat die Daten gespeichert" in texts(at)
    assert "bea" in texts(at)
    other = [df.value for df in at.dataframe if "vorher" in df.value.columns]
    assert other[-1]["nachher"].tolist() == ["Gleichstellungsbüro Kassel"]
    assert data_file.read_bytes() == theirs


# --- history -------------------------------------------------------------------------------------


def test_restore_works(data_file: Path) -> None:
    original = data_file.read_bytes()
    store = store_for(data_file)
    frame, _, h = store.snapshot()
    store.save(frame[frame["id"] != "b"], expected_hash=h, user="bea")
    at = open_data_page(sign_in(app()))
    assert at.selectbox[-1].value == store.history()[0].version_id
    at = button(at, "Diese Fassung wiederherstellen").click().run()
    assert not at.exception
    assert "Fassung wiederhergestellt" in texts(at)
    assert data_file.read_bytes() == original
    assert [c["action"] for c in store.changes()] == ["edit", "restore"]
    assert len(store.history()) == 2


def test_inline_add_and_delete_rows(data_file: Path) -> None:
    at = open_data_page(sign_in(app()))
    [editor] = at.data_editor
    at.session_state[editor.key] = {
        "edited_rows": {},
        "added_rows": [{"name": "Neues Bündnis", "category": "initiative", "city": "Kassel"}],
        "deleted_rows": [0],
    }
    at = at.run()
    assert {m.label: m.value for m in at.metric} == {"Neu": "1", "Entfernt": "1", "Geändert": "0"}
    button(at, "Änderungen speichern").click().run()
    saved = store_for(data_file).snapshot().frame
    assert list(saved["id"]) == ["b", "kassel-neues-buendnis"]  # id derived by the loader


# --- the real app.py wires the same ------------------------------------------------------------

APP = str(ROOT / "app.py")


def test_real_app_hides_data_page_until_sign_in(data_file: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=90).run()
    assert not at.exception
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("pages/data.py")
    at = sign_in(at)
    assert not at.exception
    at = at.switch_page("pages/data.py").run()
    assert [t.value for t in at.title] == ["Daten pflegen"]


# --- optional online geocode (rate-limited, with a progress bar) ------------------------------


def test_online_geocode_refines_addresses_and_never_sends_shelters(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    sys.path.insert(0, str(ROOT / "tests"))
    from fake_nominatim import hit_near, running_fake_nominatim

    path = tmp_path / "facilities.csv"
    path.write_text(
        "id,name,category,street,postcode,city,address_confidential\n"
        "a,Frauenbüro Kassel,equality_office,Obere Königsstraße 8,34117,Kassel,false\n"
        "b,Frauenhaus Kassel,womens_shelter,Geheimweg 1,34119,Kassel,true\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("EQUALITY_MAP_DATA", str(path))
    monkeypatch.setenv("EQUALITY_MAP_HISTORY_DIR", str(tmp_path / "history"))
    monkeypatch.setenv("EQUALITY_MAP_GEOCODE_CACHE", str(tmp_path / "cache.sqlite"))
    monkeypatch.setenv(auth.PASSWORD_ENV, PASSWORD)
    access._rate_limiter.clear()
    with contextlib.contextmanager(running_fake_nominatim)() as fake:
        fake.behaviour = hit_near(51.3155, 9.4978)
        monkeypatch.setenv("EQUALITY_MAP_NOMINATIM_DOMAIN", fake.domain)
        monkeypatch.setenv("EQUALITY_MAP_NOMINATIM_SCHEME", "http")
        monkeypatch.setenv("EQUALITY_MAP_USER_AGENT", "equality-map-tests/1 (test@example.org)")
        at = open_data_page(sign_in(app()))
        assert "genauer verortet werden können: **1**" in "\n".join(
            str(m.value) for m in at.markdown
        )
        at = button(at, "Jetzt online geokodieren (etwa 1 Sekunde)").click().run()
        assert not at.exception
        queries = list(fake.requests)
    assert len(queries) == 1
    assert "Geheimweg" not in " ".join(map(str, queries))
    saved = load_facilities_bytes(path.read_bytes(), "f.csv").frame.set_index(s.ID)
    assert saved.loc["a", s.GEOCODE_SOURCE] == "nominatim"
    assert saved.loc["a", s.LAT] == pytest.approx(51.3155)
    assert saved.loc["b", s.GEOCODE_SOURCE] != "nominatim"
