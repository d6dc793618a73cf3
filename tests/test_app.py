"""AppTest: the app runs in de and en; filters change counts and the list; URL restores filters."""

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from equality_map.ui import access
from tests.html_table import read_tables

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "data" / "map_fixture.csv"


@pytest.fixture
def app(monkeypatch):
    monkeypatch.setenv("EQUALITY_MAP_DATA", str(FIXTURE))

    def make(**params):
        at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60)
        for key, value in params.items():
            at.query_params[key] = value
        return at.run()

    return make


def _heading(at):
    return [h.value for h in at.subheader]


def _list_names(at):
    tables = [t for h in at.get("html") for t in read_tables(h.proto.body)]
    return set(tables[0].row_headers) if tables else set()


@pytest.mark.parametrize(
    ("lang", "title", "count"), [("de", "Karte", "7 Einträge"), ("en", "Map", "7 entries")]
)
def test_runs_in_both_languages(app, lang, title, count):
    at = app(lang=lang)
    assert not at.exception
    assert count in _heading(at)
    assert any(title in t.value for t in at.title)


def test_unreadable_data_shows_message_not_traceback(app, monkeypatch, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"\x00\x01\x02 not a csv")
    monkeypatch.setenv("EQUALITY_MAP_DATA", str(bad))
    at = app()
    assert not at.exception
    assert at.error


@pytest.mark.parametrize(
    ("widget", "value", "count", "names"),
    [
        ("f_category", ["womens_shelter"], "1 Eintrag", {"Frauenhaus Kassel"}),
        ("f_group", ["equality_office"], "2 Einträge", None),
        ("f_state", ["BY"], "1 Eintrag", {"Mädchentreff München"}),
        ("f_city", ["Kassel"], "3 Einträge", None),
        ("f_q", "mädchen", "1 Eintrag", {"Mädchentreff München"}),
        ("f_target", ["single_parents"], "1 Eintrag", {"Bündnispartnerin Hamburg"}),
        ("f_topic", ["equal_pay"], "1 Eintrag", {"Frauenbeauftragte Berlin-Mitte"}),
        ("f_network", ["Initiative Klischeefrei"], "1 Eintrag", {"Mädchentreff München"}),
        ("f_language", ["ar"], "1 Eintrag", {"Frauenbeauftragte Berlin-Mitte"}),
        ("f_wheelchair", True, "2 Einträge", None),
    ],
)
def test_each_filter_changes_counts_and_list(app, widget, value, count, names):
    at = app()
    assert "7 Einträge" in _heading(at)
    element = (
        at.sidebar.get("multiselect") + at.sidebar.get("text_input") + at.sidebar.get("checkbox")
    )
    target = next(w for w in element if w.key == widget)
    if widget == "f_wheelchair":
        target.check().run()
    elif widget == "f_q":
        target.input(value).run()
    else:
        target.set_value(value).run()
    assert not at.exception
    assert count in _heading(at)
    if names is not None:
        assert _list_names(at) == names
    assert at.query_params  # the filter went into the URL


def test_query_params_restore_filters(app):
    at = app(category=["womens_shelter", "girls_facility"], state="HE", lang="en")
    assert not at.exception
    assert "1 entry" in _heading(at)
    assert _list_names(at) == {"Frauenhaus Kassel"}
    category = next(w for w in at.sidebar.multiselect if w.key == "f_category")
    assert set(category.value) == {"womens_shelter", "girls_facility"}


def test_invalid_query_params_are_ignored(app):
    at = app(category="<script>", state="Atlantis", verified="-1", city="Nowhere")
    assert not at.exception
    assert "7 Einträge" in _heading(at)


def test_counts_per_category_in_sidebar(app):
    at = app(group="equality_office")
    text = "\n".join(m.value for m in at.sidebar.markdown)
    assert "Gleichstellungsstelle: **2**" in text
    assert "Frauenhaus: **0**" in text


def test_other_pages_run(app):
    at = app()
    for page in ("pages/about.py", "pages/coverage.py", "pages/embed.py"):
        at.switch_page(page).run()
        assert not at.exception, page


def test_reset_clears_filters(app):
    at = app(category="womens_shelter")
    assert "1 Eintrag" in _heading(at)
    next(b for b in at.sidebar.button if b.key == "f_reset_button").click().run()
    assert not at.exception
    assert "7 Einträge" in _heading(at)
    assert "category" not in at.query_params


def test_pure_map_modules_do_not_import_streamlit():
    import subprocess
    import sys

    code = (
        "import sys; import equality_map.filters, equality_map.mapping, equality_map.i18n, "
        "equality_map.exports, equality_map.assets; print('streamlit' in sys.modules)"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert out.stdout.strip() == "False"


def _list_table(at):
    [table] = [t for h in at.get("html") for t in read_tables(h.proto.body)]
    return table


def test_list_sorts_and_pages_with_a_caption_that_says_so(app, monkeypatch, tmp_path):
    from equality_map.demo import make_demo_frame
    from equality_map.schema import fold
    from equality_map.store import save_facilities

    data = tmp_path / "sixty.csv"
    save_facilities(make_demo_frame(60, seed=3), data)
    monkeypatch.setenv("EQUALITY_MAP_DATA", str(data))
    at = app()
    assert not at.exception
    first = _list_table(at)
    assert first.caption == "Einträge 1–50 von 60, sortiert nach Name (aufsteigend)"
    assert len(first.rows) == 50
    assert [fold(n) for n in first.row_headers] == sorted(fold(n) for n in first.row_headers)
    at.number_input(key="l_page").set_value(2).run()
    second = _list_table(at)
    assert second.caption.startswith("Einträge 51–60 von 60")
    assert len(second.rows) == 10
    assert not set(first.row_headers) & set(second.row_headers)
    at.number_input(key="l_page").set_value(1).run()
    at.toggle(key="l_desc").set_value(True).run()
    desc = _list_table(at)
    assert desc.caption.endswith("(absteigend)")
    everything = sorted((fold(n) for n in first.row_headers + second.row_headers), reverse=True)
    assert [fold(n) for n in desc.row_headers] == everything[:50]


def test_filter_of_a_city_that_left_the_data_file_is_dropped(app, monkeypatch, tmp_path):
    """A maintainer's update may remove the city a visitor's URL chose: no error, filter gone."""
    import os

    data = tmp_path / "data.csv"
    data.write_bytes(FIXTURE.read_bytes())
    monkeypatch.setenv("EQUALITY_MAP_DATA", str(data))
    at = app(city="München")
    assert "1 Eintrag" in _heading(at)
    lines = FIXTURE.read_text(encoding="utf-8").splitlines(keepends=True)
    data.write_text("".join(line for line in lines if "München" not in line), encoding="utf-8")
    os.utime(data, (1, 1))  # a different mtime, as an edit would give
    at.run()
    assert not at.exception
    assert "6 Einträge" in _heading(at)


# --- diagnostics are for maintainers only ------------------------------------------------------

PASSWORD = "correct horse battery staple"


def texts(at):
    parts = [e.value for e in (*at.error, *at.warning, *at.info, *at.caption, *at.code)]
    return "\n".join(str(p) for p in parts)


def test_visitors_see_no_diagnostics_maintainers_do(tmp_path: Path, monkeypatch) -> None:
    path = tmp_path / "facilities.csv"
    path.write_text(
        "id,name,category,city,website\n"
        "a,Frauenbüro Kassel,equality_office,Kassel,ftp://x\n"
        "b,Frauenhaus Kassel,womens_shelter,Kassel,\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("EQUALITY_MAP_DATA", str(path))
    monkeypatch.setenv("EQUALITY_MAP_HISTORY_DIR", str(tmp_path / "history"))
    monkeypatch.setenv("EQUALITY_MAP_ADMIN_PASSWORD", PASSWORD)
    access._rate_limiter.clear()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    shown = texts(at)
    assert "Datenprüfung" not in shown
    assert str(tmp_path) not in shown
    assert "website" not in shown
    at.text_input(key="mt_password").input(PASSWORD)
    at = at.button(key="FormSubmitter:maintainer_sign_in-Anmelden").click().run()
    shown = texts(at)
    assert "ausgelassene Zeilen mit Fehlern: 1" in shown
    assert "Zeile 2, Spalte „website“: Fehler: website muss mit http" in shown


def test_an_unreadable_source_names_no_path_to_visitors(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("EQUALITY_MAP_DATA", str(tmp_path / "missing.csv"))
    monkeypatch.setenv("EQUALITY_MAP_ADMIN_PASSWORD", PASSWORD)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
    assert "zurzeit nicht verfügbar" in texts(at)
    assert str(tmp_path) not in texts(at)


@pytest.mark.parametrize(("typed", "count"), [("Muenchen", "1 Eintrag"), ("09162000", "1 Eintrag")])
def test_a_city_typed_in_another_spelling_selects_the_town(app, typed, count):
    at = app()
    city = next(w for w in at.sidebar.get("multiselect") if w.key == "f_city")
    at = city.set_value([typed]).run()
    assert not at.exception
    assert count in _heading(at)
    city = next(w for w in at.sidebar.get("multiselect") if w.key == "f_city")
    assert city.value == ["München"]


def test_an_unknown_typed_city_is_said_and_selects_nothing(app):
    at = app()
    city = next(w for w in at.sidebar.get("multiselect") if w.key == "f_city")
    at = city.set_value(["Atlantis"]).run()
    assert "7 Einträge" in _heading(at)
    assert any("Nicht gefunden: Atlantis" in str(c.value) for c in at.sidebar.caption)


@pytest.mark.parametrize(("lang", "text"), [("de", "make install"), ("en", "make install")])
def test_a_missing_npm_plugin_stops_the_app_with_how_to_fix_it(
    app, monkeypatch, tmp_path, lang, text
):
    """Set-up fetches the plugin; the app never downloads it, and says what to run instead."""
    from equality_map import assets
    from equality_map.ui import shell

    monkeypatch.setattr(assets, "VENDOR_DIR", tmp_path)
    shell._install_assets.clear()
    try:
        at = app(lang=lang)
        assert not at.exception
        message = at.error[0].value
        assert text in message
        assert "leaflet.featuregroup.subgroup 1.0.2" in message
        assert str(tmp_path) not in message  # no server paths for visitors
        assert not at.title  # the page did not run
    finally:
        shell._install_assets.clear()
