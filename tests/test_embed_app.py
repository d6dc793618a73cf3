"""Embed mode and the Embed page in Streamlit's AppTest (no browser; issue 7)."""

from __future__ import annotations

import shlex
from pathlib import Path
from urllib.parse import parse_qs

import pytest
from streamlit.testing.v1 import AppTest

from tests.html_table import read_tables

REPO = Path(__file__).resolve().parents[1]
CSV = (
    "id,name,category,organisation,street,postcode,city,state,lat,lon,address_confidential,"
    "phone\n"
    "p1,<script>alert(1)</script>,equality_office,Stadt Köln,Markt 1,50667,Köln,NW,50.94,6.96,"
    "false,0221 1\n"
    "s1,Frauenhaus Geheim,womens_shelter,FHF,Geheimstraße 7,50999,Köln,NW,50.90,6.90,,0221 9\n"
    "b1,Gleichstellungsstelle Bonn,equality_office,Stadt Bonn,Rathaus,53111,Bonn,NW,50.73,7.10,"
    "false,0228 1\n"
)


@pytest.fixture
def app(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppTest:
    data = tmp_path / "facilities.csv"
    data.write_text(CSV, encoding="utf-8")
    monkeypatch.setenv("EQUALITY_MAP_DATA", str(data))
    monkeypatch.delenv("EQUALITY_MAP_PUBLIC_URL", raising=False)
    monkeypatch.chdir(REPO)
    return AppTest.from_file(str(REPO / "app.py"), default_timeout=60)


@pytest.fixture
def embedded(monkeypatch: pytest.MonkeyPatch) -> None:
    """AppTest cannot set Streamlit's embed flag (st.context.is_embedded): patch the seam."""
    from equality_map.ui import shell

    monkeypatch.setattr(shell, "is_embedded", lambda: True)


def _all_text(at: AppTest) -> str:
    parts = [str(getattr(el, "value", "")) for el in at.main]
    for table in at.table:
        parts.append(table.value.to_csv())
    for block in at.get("html"):
        for html_table in read_tables(block.proto.body):
            parts.append(html_table.caption)
            parts.extend("\t".join(row) for row in html_table.rows)
    return "\n".join(parts)


@pytest.mark.usefixtures("embedded")
def test_embed_list_view_is_read_only_and_shows_only_the_selection(app: AppTest):
    app.query_params["view"] = "list"
    app.query_params["city"] = "Köln"
    app.run()
    assert not app.exception
    assert len(app.sidebar) == 0
    text = _all_text(app)
    assert "<script>alert(1)</script>" in text
    assert "Gleichstellungsstelle Bonn" not in text
    assert "Geheimstraße" not in text
    assert not app.get("download_button")


@pytest.mark.usefixtures("embedded")
def test_embed_coverage_view(app: AppTest):
    app.query_params["view"] = "coverage"
    app.query_params["lang"] = "en"
    app.run()
    assert not app.exception
    table = app.table[0].value
    assert list(table["City"]) == ["Bonn", "Köln"]


@pytest.mark.usefixtures("embedded")
def test_embed_coverage_view_of_a_city_states_its_indicators(app: AppTest):
    app.query_params["view"] = "coverage"
    app.query_params["city"] = "Köln"
    app.query_params["lang"] = "de"
    app.run()
    assert not app.exception
    text = "\n".join(str(m.value) for m in app.markdown)
    assert "Köln" in text
    assert "Frauenhaus" in text or "Gleichstellungs" in text  # the profile's sentences
    assert list(app.table[0].value["Ort"]) == ["Köln"] or len(app.table[0].value) == 1


def test_embed_page_builds_snippet_and_command(app: AppTest, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("EQUALITY_MAP_PUBLIC_URL", "https://karte.stadt.de/")
    app.switch_page("pages/embed.py")
    app.run()
    assert not app.exception
    app.multiselect(key="e_city").set_value(["Köln"]).run()
    app.radio(key="e_view").set_value("list").run()
    codes = [c.value for c in app.code]
    snippet = next(c for c in codes if c.startswith("<iframe"))
    assert (
        'src="https://karte.stadt.de/?embed=true&amp;city=K%C3%B6ln&amp;lang=de&amp;view=list"'
        in (snippet)
    )
    assert 'title="Karte der Gleichstellungsinfrastruktur: Köln"' in snippet
    command = next(c for c in codes if c.startswith("equality-map export"))
    assert shlex.split(command)[5:7] == ["--city", "Köln"]


def test_embed_page_offers_the_static_pages_when_a_site_is_published(
    app: AppTest, monkeypatch: pytest.MonkeyPatch
):
    app.switch_page("pages/embed.py")
    app.run()
    assert not any("karte.stadt.de/static" in c.value for c in app.code)
    assert any("EQUALITY_MAP_STATIC_URL" in c.value for c in app.caption)  # how to set one up

    monkeypatch.setenv("EQUALITY_MAP_STATIC_URL", "https://karte.stadt.de/static")
    app.run()
    assert not app.exception
    static = [c.value for c in app.code if "karte.stadt.de/static" in c.value]
    assert static == [
        '<iframe src="https://karte.stadt.de/static/index.html" '
        'title="Karte der Gleichstellungsinfrastruktur" width="100%" height="600" '
        'loading="lazy" style="border:0" referrerpolicy="no-referrer"></iframe>'
    ]
    app.multiselect(key="e_city").set_value(["Köln", "Bonn"]).run()
    static = [c.value for c in app.code if "karte.stadt.de/static" in c.value]
    assert len(static) == 2
    assert 'src="https://karte.stadt.de/static/gemeinde/05314000.html"' in static[0]  # sorted
    assert 'title="Karte der Gleichstellungsinfrastruktur: Bonn"' in static[0]
    assert 'src="https://karte.stadt.de/static/gemeinde/05315000.html"' in static[1]
    # the site is German whatever the page language; the live-app snippet stays as it was
    app.radio(key="e_lang").set_value("en").run()
    static = [c.value for c in app.code if "karte.stadt.de/static" in c.value]
    assert 'title="Karte der Gleichstellungsinfrastruktur: Köln"' in static[1]
    assert any(c.value.startswith("<iframe") and "embed=true" in c.value for c in app.code)


def test_embed_page_preview_frame_has_a_title(app: AppTest):
    app.switch_page("pages/embed.py")
    app.run()
    app.multiselect(key="e_city").set_value(["Köln"]).run()
    assert not app.exception
    [frame] = app.get("iframe")
    assert frame.proto.alt == "Karte der Gleichstellungsinfrastruktur: Köln"


def test_embed_coverage_view_finds_marburg(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, embedded: None
):
    """`city=Marburg` is the municipality "Marburg an der Lahn": its indicators are shown."""
    data = tmp_path / "facilities.csv"
    data.write_text(
        "id,name,category,city,state\nm1,Frauenbüro Marburg,equality_office,Marburg,HE\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("EQUALITY_MAP_DATA", str(data))
    monkeypatch.chdir(REPO)
    at = AppTest.from_file(str(REPO / "app.py"), default_timeout=60)
    at.query_params["view"] = "coverage"
    at.query_params["city"] = "Marburg"
    at.run()
    assert not at.exception
    text = "\n".join(str(m.value) for m in at.markdown)
    assert "Marburg (HE)" in text
    assert "Eine Gleichstellungsstelle ist erfasst" in text


@pytest.mark.usefixtures("embedded")
@pytest.mark.parametrize(
    ("params", "title"),
    [
        ({"city": "Köln"}, "Gleichstellungsinfrastruktur in Köln"),
        (
            {"city": "Köln", "category": "equality_office", "lang": "en", "view": "list"},
            "Equality infrastructure in Köln: Equality office",
        ),
        ({"view": "coverage"}, "Gleichstellungsinfrastruktur"),
    ],
)
def test_embed_has_a_visible_title_naming_the_selection(app: AppTest, params, title):
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    assert not app.exception
    bodies = [block.proto.body for block in app.get("html")]
    assert any(f'<h1 class="em-embed-title">{title}</h1>' in body for body in bodies), bodies


def test_embed_page_takes_its_selection_from_the_url_and_keeps_it_there(app: AppTest):
    app.switch_page("pages/embed.py")
    app.query_params["city"] = "Koeln"  # another spelling, resolved like the map's filter
    app.query_params["category"] = "equality_office"
    app.run()
    assert not app.exception
    assert app.multiselect(key="e_city").value == ["Köln"]
    assert app.multiselect(key="e_category").value == ["equality_office"]
    snippet = next(c.value for c in app.code if "embed=true" in c.value)
    assert "city=K%C3%B6ln" in snippet
    assert "category=equality_office" in snippet
    app.multiselect(key="e_city").set_value(["Bonn"]).run()
    assert app.query_params["city"] == "Bonn"


def test_map_page_links_to_the_embed_page_with_its_selection(app: AppTest):
    app.query_params["city"] = "Köln"
    app.query_params["wheelchair"] = "1"
    app.run()
    assert not app.exception
    [link] = app.get("page_link")
    assert link.proto.label == "Diese Auswahl auf einer Website einbetten"
    assert link.proto.page == "embed"
    assert parse_qs(link.proto.query_string) == {"city": ["Köln"]}  # no wheelchair: not in embeds
