import csv
import io
import json
from datetime import date

import pytest

from equality_map import exports, privacy
from equality_map.load import load_facilities
from tests.html_table import read_tables


@pytest.fixture(scope="module")
def frame():
    return load_facilities("tests/data/map_fixture.csv", today=date(2026, 1, 1)).frame


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+49 30", "'+49 30"),
        ("-x", "'-x"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("Kassel", "Kassel"),
        ("", ""),
        ("a=b", "a=b"),
    ],
)
def test_neutralise_cell(cell, expected):
    assert exports.neutralise_cell(cell) == expected


def test_csv_is_public_and_neutralised(frame):
    data = exports.to_safe_csv_bytes(frame).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(data)))
    assert len(rows) == len(frame)
    shelter = next(r for r in rows if r["id"] == "ks-fh")
    assert shelter["street"] == ""
    assert shelter["postcode"] == ""
    assert "Geheimweg" not in data
    xss = next(r for r in rows if r["id"] == "ks-xss")
    assert xss["notes"].startswith("'=")


def test_geojson(frame):
    gj = json.loads(exports.to_geojson_bytes(frame))
    assert gj["type"] == "FeatureCollection"
    assert len(gj["features"]) == len(frame) - 1  # one row has no coordinates
    shelter = next(f for f in gj["features"] if f["properties"]["id"] == "ks-fh")
    assert shelter["properties"]["street"] == ""
    assert shelter["geometry"]["coordinates"] == [9.4797, 51.3127]
    assert "Geheimweg" not in json.dumps(gj)


def test_list_table_is_public_escaped_and_links_only_safe_schemes(frame):
    markup = exports.entries_table_html(frame, "de", caption="Einträge 1–7 von 7")
    [table] = read_tables(markup)
    assert table.caption == "Einträge 1–7 von 7"
    assert table.headers[:4] == ["Name", "Kategorie", "Träger", "Adresse"]
    assert len(table.rows) == len(frame)
    assert all(len(row) == len(table.headers) for row in table.rows)
    assert "Adresse vertraulich, Kassel" in table.column("Adresse")
    # The same facts as the popups (one source for both: mapping.entry_fields).
    assert "12" in table.column("Plätze")
    assert "Runder Tisch gegen häusliche Gewalt" in table.column("Netzwerke")
    assert "Geheimweg" not in markup
    assert "34119" not in markup
    # CSV text is text: the payload is shown literally, never as markup.
    assert "<img src=x onerror=alert(1)>" in table.row_headers
    assert "<img" not in markup
    assert "<b>Träger</b>" not in markup
    assert "<b>Träger</b>" in table.column("Träger")
    hrefs = [href for _, href in table.links]
    assert "tel:0561123456" in hrefs
    assert "mailto:gleichstellung@kassel.example" in hrefs
    assert all(h.split(":")[0] in ("tel", "mailto", "http", "https") for h in hrefs)
    assert 'rel="noopener noreferrer"' in markup


@pytest.mark.parametrize("bad", ["javascript:alert(1)", "data:text/html,x", "//evil.example"])
def test_list_table_shows_unsafe_urls_as_text(frame, bad):
    row = frame[frame["id"] == "ks-gs"].copy()
    row["website"] = bad
    row["source_url"] = bad
    [table] = read_tables(exports.entries_table_html(row, "en", caption="c"))
    assert table.links == [
        ("0561 787 0", "tel:05617870"),
        ("gleichstellung@kassel.example", "mailto:gleichstellung@kassel.example"),
    ]
    assert table.column("Website") == [bad]


def test_list_and_popup_links_show_short_text_and_keep_the_whole_address(frame):
    from equality_map import mapping

    row = frame[frame["id"] == "ks-gs"].copy()
    row["source_url"] = "https://www.kassel.de/buerger/" + "x" * 60 + "?session=1"
    [table] = read_tables(exports.entries_table_html(row, "de", caption="c"))
    links = dict((href, text) for text, href in table.links)
    assert links["https://www.kassel.de"] == "kassel.de"
    source_text = links[row["source_url"].iloc[0]]
    assert source_text.startswith("kassel.de/buerger/x")
    assert source_text.endswith("…")
    assert len(source_text) == mapping.URL_TEXT_MAX
    popup = mapping.popup_html(privacy.public_frame(row).iloc[0], "de")
    assert ">kassel.de</a>" in popup


@pytest.mark.parametrize(
    ("url", "text"),
    [
        ("https://www.frauenhaus.de/", "frauenhaus.de"),
        ("http://example.org/a/b?q=1#x", "example.org/a/b"),
        ("https://beratung.example", "beratung.example"),
    ],
)
def test_url_text(url, text):
    from equality_map.mapping import url_text

    assert url_text(url) == text
