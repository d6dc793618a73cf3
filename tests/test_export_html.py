"""Static HTML export and the `export` command (issue 7)."""

from __future__ import annotations

import csv
import io
import json
import re
from datetime import date
from html.parser import HTMLParser
from pathlib import Path

import pandas as pd
import pytest

from equality_map import assets, cli
from equality_map import export_html as xh
from equality_map.geocode import geocode_offline
from equality_map.load import load_facilities

HEADER = (
    "id,name,category,organisation,street,postcode,city,state,lat,lon,address_confidential,"
    "phone,email,website,target_groups,topics,networks,languages,wheelchair_accessible,"
    "capacity,source_url,last_verified,notes\n"
)
ROWS = (
    'p1,<script>alert(1)</script>,equality_office,"""><img src=x onerror=alert(1)>",'
    "<script>alert(1)</script> 1,50667,Köln,NW,50.94,6.96,false,0221 1,x@x.de,"
    "https://example.org/,<script>alert(1)</script>; women,,javascript:alert(1),,yes,,"
    "https://example.org/src,2025-05-01,\n"
    'p2,=HYPERLINK("x"),counselling_centre,Träger,Hauptstr. 2,50667,Köln,NW,,,false,,,,'
    ",,,,,,,2025-06-01,\n"
    "s1,Frauenhaus Geheim,womens_shelter,Frauen helfen Frauen,Geheimstraße 7,50999,Köln,NW,"
    "50.90,6.90,,0221 999,,,women,,,,,12,,2025-07-01,\n"
    "b1,Gleichstellungsstelle Bonn,equality_office,Stadt Bonn,Altes Rathaus,53111,Bonn,NW,"
    "50.73,7.10,false,0228 1,,,,,,,,,,2025-01-01,\n"
)


@pytest.fixture
def data_file(tmp_path: Path) -> Path:
    path = tmp_path / "facilities.csv"
    path.write_text(HEADER + ROWS, encoding="utf-8")
    return path


@pytest.fixture
def frame(data_file: Path) -> pd.DataFrame:
    result = load_facilities(data_file)
    assert not result.errors
    return geocode_offline(result.frame)[0]


class _ScriptTags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.starts = self.ends = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        self.starts += tag == "script"

    def handle_endtag(self, tag: str) -> None:
        self.ends += tag == "script"


def _without_scripts(page: str) -> str:
    return re.sub(r"<script\b.*?</script>", "", page, flags=re.DOTALL | re.IGNORECASE)


@pytest.fixture
def page(frame: pd.DataFrame) -> str:
    return xh.render_html(
        frame,
        lang="de",
        cities=["Köln"],
        tiles_url="https://tiles.example.de/{z}/{x}/{y}.png",
        contact="mailto:gleichstellung@koeln.de",
        generated=date(2025, 8, 1),
    )


def test_page_is_self_contained(page: str):
    assert '<html lang="de">' in page
    assert not re.search(r"<script[^>]+src=", page)
    assert not re.search(r"<link[^>]+href=", page)
    assert "url(images/" not in page
    assert "sourceMappingURL" not in page
    assert "tiles.example.de/{z}/{x}/{y}.png" in page
    assert "L.map(" in page
    assert "gestureHandling" in page
    assert "user-scalable=no" not in page


def test_page_inlines_our_own_browser_code_and_loads_nothing(page: str):
    """map.js, map.css and page.css travel inside the file, like the vendored Leaflet."""
    assert xh._script_text(assets.asset_text(assets.MAP_JS)) in page
    for sheet in (assets.MAP_CSS, assets.PAGE_CSS):
        assert assets.asset_text(sheet) in page
    assert len(re.findall(r"window\.EM\.setup\(map_\w+, \{", page)) == 1
    assert len(re.findall(r"= window\.EM\.fill\(\{", page)) == 1
    assert len(re.findall(r"window\.EM\.gestures\(map_\w+, \{", page)) == 1
    # Nothing is loaded from elsewhere: no element with a source but links, no CSS import,
    # no CSS url() but data: URIs (and Leaflet's old-IE `url(#default#VML)`), no app path.
    markup = _without_scripts(page)
    assert re.findall(r"<(?!a\b)[a-z]+\b[^>]*\s(?:src|href)=", markup, flags=re.IGNORECASE) == []
    assert "@import" not in page
    assert re.findall(r"url\((?!['\"]?(?:data:|#))", page) == []
    assert "/app/static" not in page


def test_page_inlines_the_laender_outlines_and_names_their_source(page: str):
    """No server, no static files: the Länder outlines (40 KB) travel inline, the Kreise not."""
    setup = re.search(r"window\.EM\.setup\(map_\w+, (\{.*\})\);", page)
    assert setup is not None
    outlines = json.loads(setup.group(1))["outlines"]
    assert len(outlines["laender"]["features"]) == 16
    assert outlines["kreise"] is None
    assert "kreise.geojson" not in page
    assert "© GeoBasis-DE / BKG 2021 (Daten verändert)" in _without_scripts(page)
    assert "FeatureGroup.SubGroup" in page


def test_page_has_heading_skip_link_list_and_attribution(page: str):
    text = _without_scripts(page)
    # The same title as an embed of the selection (embed.selection_title).
    assert "<title>Gleichstellungsinfrastruktur in Köln</title>" in text
    assert "<h1>Gleichstellungsinfrastruktur in Köln</h1>" in text
    assert 'href="#em-list"' in text
    assert 'id="em-list"' in text
    assert text.count('<li><div class="em-popup">') == 4
    assert "OpenStreetMap" in text
    assert "Stand der Daten: Einträge geprüft zwischen" in text
    assert "01.07.2025" in text
    assert "Erstellt am 01.08.2025" in text


def test_payloads_are_escaped_and_confidential_street_is_absent(page: str):
    text = _without_scripts(page)
    assert "<script>alert(1)</script>" not in text
    assert "<img src=x" not in text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in text
    assert "&quot;&gt;&lt;img src=x onerror=alert(1)&gt;" in text
    assert 'href="javascript:' not in page
    assert "Geheimstraße" not in page
    assert "50999" not in page
    assert "Adresse vertraulich, Köln" in text
    # No CSV text can close an inline script early (an early end leaves an extra end tag).
    tags = _ScriptTags()
    tags.feed(page)
    assert tags.starts == tags.ends >= 3


def test_english_page(frame: pd.DataFrame):
    page = xh.render_html(frame, lang="en")
    assert '<html lang="en">' in page
    assert "List of entries" in page
    assert "Address confidential, Köln" in page


def test_empty_selection_renders(frame: pd.DataFrame):
    page = xh.render_html(frame.iloc[0:0], lang="de")
    assert "Keine Einträge für diese Auswahl." in page


def test_the_data_date_is_the_spread_of_checks_and_the_contact_is_a_link(page: str):
    assert "Stand der Daten: Einträge geprüft zwischen" in page
    assert "ohne Prüfdatum" in page
    assert 'Korrekturen an: <a href="mailto:gleichstellung@koeln.de">' in page


def test_a_contact_that_is_no_safe_link_is_left_out(frame: pd.DataFrame):
    page = xh.render_html(frame, lang="de", contact="javascript:alert(1)")
    assert 'href="javascript' not in page
    assert "Korrekturen an" not in page


def test_inline_css_turns_images_into_data_uris():
    css = xh.inline_css(".a{background:url(images/layers.png)} .b{background:url('images/no.png')}")
    assert 'url("data:image/png;base64,' in css
    assert "images/" not in css


def test_script_text_cannot_close_its_tag():
    assert "</script" not in xh._script_text('var s = "</script><b>";\n//# sourceMappingURL=x.map')
    assert "sourceMappingURL" not in xh._script_text("a\n//# sourceMappingURL=x.map\n")


def test_locate_offline_fills_city_points_from_the_gazetteer(frame: pd.DataFrame):
    located = frame.loc[frame["name"] == '=HYPERLINK("x")']
    assert located["lat"].notna().all()
    assert (located["geocode_source"] == "municipality").all()


# --- command line --------------------------------------------------------------------------


def test_cli_export_html(data_file: Path, tmp_path: Path, capsys, monkeypatch):
    monkeypatch.setenv("EQUALITY_MAP_TILES_URL", "https://tiles.stadt.de/{z}/{x}/{y}.png")
    out = tmp_path / "map.html"
    code = cli.main(
        ["export", str(data_file), "--output", str(out), "--city", "KÖLN", "--lang", "en"]
    )
    assert code == 0
    page = out.read_text("utf-8")
    assert '<html lang="en">' in page
    assert "tiles.stadt.de" in page
    assert "Gleichstellungsstelle Bonn" not in page
    assert "Geheimstraße" not in page
    assert "Statistisches Bundesamt (Destatis)" in page  # one entry is at a municipality centre
    assert "wrote 3 entries" in capsys.readouterr().err


def test_cli_export_csv_and_geojson(data_file: Path, tmp_path: Path):
    out_csv = tmp_path / "sel.csv"
    args = ["export", str(data_file), "--category", "Frauenhaus", "--category", "equality_office"]
    assert cli.main([*args, "--output", str(out_csv)]) == 0
    rows = list(csv.DictReader(io.StringIO(out_csv.read_text("utf-8-sig"))))
    assert sorted(r["id"] for r in rows) == ["b1", "p1", "s1"]
    shelter = next(r for r in rows if r["id"] == "s1")
    assert shelter["street"] == ""
    assert shelter["postcode"] == ""
    out_geo = tmp_path / "sel.geojson"
    assert cli.main([*args, "--group", "womens_facility", "--output", str(out_geo)]) == 0
    data = json.loads(out_geo.read_text("utf-8"))
    assert [f["properties"]["id"] for f in data["features"]] == ["s1"]
    assert "Geheimstraße" not in out_geo.read_text("utf-8")


def test_cli_export_csv_neutralises_formulas(data_file: Path, tmp_path: Path):
    out = tmp_path / "all.csv"
    assert cli.main(["export", str(data_file), "--output", str(out)]) == 0
    assert "'=HYPERLINK" in out.read_text("utf-8-sig")


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--city", "Atlantis"], "no entry in"),
        (["--category", "Zoo"], "unknown category 'Zoo'"),
        (["--group", "nope"], "unknown group 'nope'"),
    ],
)
def test_cli_export_rejects_unknown_values(data_file, tmp_path, capsys, extra, message):
    out = tmp_path / "x.html"
    assert cli.main(["export", str(data_file), "--output", str(out), *extra]) == 1
    assert message in capsys.readouterr().err
    assert not out.exists()


def test_cli_export_rejects_unknown_format(data_file, tmp_path, capsys):
    assert cli.main(["export", str(data_file), "--output", str(tmp_path / "x.pdf")]) == 1
    assert "must end in .html, .csv or .geojson" in capsys.readouterr().err


def test_cli_export_unreadable_file(tmp_path, capsys):
    code = cli.main(["export", str(tmp_path / "missing.csv"), "--output", str(tmp_path / "x.csv")])
    assert code == 2
