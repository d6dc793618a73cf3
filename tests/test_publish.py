"""The published static site: pages, data, privacy, escaping, hashed assets, atomic switch."""

from __future__ import annotations

import gzip
import re
from datetime import date
from pathlib import Path

import pandas as pd
import pytest

from equality_map import publish as pub
from equality_map.cli import main
from equality_map.load import load_facilities
from equality_map.prepare import prepare_entries

ROOT = Path(__file__).resolve().parents[1]
FIXTURE = ROOT / "tests" / "data" / "map_fixture.csv"
SECRET = ("Geheimweg", "34119")  # the Kassel shelter's street and postcode in the fixture


@pytest.fixture(scope="module")
def entries() -> pd.DataFrame:
    return prepare_entries(load_facilities(FIXTURE).frame)


@pytest.fixture
def site(entries: pd.DataFrame, tmp_path: Path) -> Path:
    opts = pub.SiteOptions(
        base_url="https://karte.example.de/",
        tiles_url="https://tiles.example.de/{z}/{x}/{y}.png",
        contact="mailto:gleichstellung@kassel.example",
        generated=date(2026, 11, 30),
    )
    pub.publish(entries, tmp_path / "site", opts)
    return tmp_path / "site"


def files(site: Path) -> dict[str, bytes]:
    return {str(p.relative_to(site)): p.read_bytes() for p in site.rglob("*") if p.is_file()}


def test_pages_for_every_municipality_and_kreis_and_the_data(site: Path, entries: pd.DataFrame):
    names = files(site)
    assert "index.html" in names
    municipalities = {a for a in entries["ags"] if a}
    assert {f"gemeinde/{a}.html" for a in municipalities} <= set(names)
    assert {f"kreis/{a[:5]}.html" for a in municipalities} <= set(names)
    assert "daten/eintraege.csv" in names
    assert "daten/eintraege.geojson" in names
    kassel = names["gemeinde/06611000.html"].decode()
    assert "Gleichstellungsinfrastruktur in Kassel" in kassel
    assert "Gleichstellungsstelle Kassel" in kassel
    assert "Mädchentreff München" not in kassel


def test_no_confidential_address_in_any_file(site: Path):
    for name, data in files(site).items():
        text = data.decode("utf-8", errors="replace")
        for secret in SECRET:
            assert secret not in text, name


def test_csv_text_is_escaped_in_every_page(site: Path):
    for name, data in files(site).items():
        if name.endswith(".html"):
            assert "<img src=x onerror" not in data.decode(), name
            assert "<b>Träger</b>" not in data.decode(), name


def test_assets_are_hashed_local_and_referenced_relatively(site: Path):
    names = files(site)
    bundles = [n for n in names if re.fullmatch(r"assets/map\.[0-9a-f]{12}\.(js|css)", n)]
    assert len(bundles) == 2
    for name, data in names.items():
        if not name.endswith(".html"):
            continue
        page = data.decode()
        refs = re.findall(r'(?:src|href)="([^"]+)"', page)
        for ref in refs:
            if ref.startswith(("mailto:", "tel:", "#")):
                continue
            if ref.startswith("http"):  # links in popups and the list, never loaded resources
                assert not re.search(rf'<(?:script|link)[^>]+"{re.escape(ref)}"', page), ref
                continue
            target = (site / name).parent / ref
            assert target.resolve().is_file(), (name, ref)
        assert "<script>" not in page  # no inline script: a strict CSP holds


def test_sitemap_lists_every_page_under_the_base_url(site: Path):
    sitemap = (site / "sitemap.xml").read_text()
    pages = [n for n in files(site) if n.endswith(".html")]
    assert sitemap.count("<loc>") == len(pages)
    assert "<loc>https://karte.example.de/gemeinde/06611000.html</loc>" in sitemap


def test_the_footer_names_sources_date_and_contact(site: Path):
    page = (site / "index.html").read_text()
    assert "© GeoBasis-DE / BKG 2021 (Daten verändert)" in page
    assert "Statistisches Bundesamt (Destatis)" in page
    assert "Stand der Daten" in page
    assert 'href="mailto:gleichstellung@kassel.example"' in page


def test_a_large_index_loads_points_and_popups_from_files(entries: pd.DataFrame, tmp_path):
    many = pd.concat([entries] * 1, ignore_index=True)
    old = pub.INDEX_LIST_MAX
    pub.INDEX_LIST_MAX = 2
    try:
        pub.publish(many, tmp_path / "big", pub.SiteOptions())
    finally:
        pub.INDEX_LIST_MAX = old
    index = (tmp_path / "big" / "index.html").read_text()
    assert '"dataUrl":"assets/index-data.' in index
    assert "Gleichstellungsstelle Kassel" not in index  # no list: the directory links instead
    assert 'href="gemeinde/06611000.html"' in index
    chunks = list((tmp_path / "big").glob("assets/details-*/0.json"))
    assert len(chunks) == 1


def test_publishing_again_switches_atomically_and_keeps_two_builds(entries, tmp_path: Path):
    out = tmp_path / "site"
    first = pub.publish(entries, out, pub.SiteOptions())
    second = pub.publish(entries.head(3), out, pub.SiteOptions())
    assert out.is_symlink()
    assert out.resolve() == second.build.resolve()
    assert first.build.exists()  # the previous build stays for visitors mid-request
    third = pub.publish(entries, out, pub.SiteOptions())
    builds = [p for p in (tmp_path / ".site.builds").iterdir() if not p.name.startswith(".")]
    assert len(builds) == 2
    assert not first.build.exists()
    assert out.resolve() == third.build.resolve()


def test_a_failed_publish_leaves_the_previous_site(entries, tmp_path: Path, monkeypatch):
    out = tmp_path / "site"
    pub.publish(entries, out, pub.SiteOptions())
    before = files(out)

    def broken(*args, **kwargs):
        raise OSError("disk full")

    monkeypatch.setattr(pub, "build_site", broken)
    with pytest.raises(OSError, match="disk full"):
        pub.publish(entries, out, pub.SiteOptions())
    assert files(out) == before
    assert not list((tmp_path / ".site.builds").glob(".partial-*"))


def test_an_existing_folder_is_never_overwritten(entries, tmp_path: Path):
    out = tmp_path / "www"
    out.mkdir()
    (out / "index.html").write_text("the city's own page")
    with pytest.raises(pub.PublishError):
        pub.publish(entries, out, pub.SiteOptions())
    assert (out / "index.html").read_text() == "the city's own page"


def test_cli_publish(tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch):
    monkeypatch.delenv("EQUALITY_MAP_PUBLISH_DIR", raising=False)
    assert main(["publish", str(FIXTURE)]) == 1
    assert "EQUALITY_MAP_PUBLISH_DIR" in capsys.readouterr().err
    out = tmp_path / "site"
    code = main(["publish", str(FIXTURE), "--output", str(out), "--lang", "en"])
    assert code == 0
    assert "published" in capsys.readouterr().err
    assert '<html lang="en">' in (out / "index.html").read_text()
    assert not (out / "sitemap.xml").exists()
    assert main(["publish", str(FIXTURE), "--output", str(out), "--base-url", "ftp://x"]) == 1
    monkeypatch.setenv("EQUALITY_MAP_PUBLISH_DIR", str(tmp_path / "env-site"))
    monkeypatch.setenv("EQUALITY_MAP_STATIC_URL", "https://karte.example.de")
    assert main(["publish", str(FIXTURE)]) == 0
    assert (tmp_path / "env-site" / "sitemap.xml").exists()


def test_every_page_bundle_and_data_file_has_its_gzip_copy(site: Path):
    names = files(site)
    for name in ("index.html", "gemeinde/06611000.html", "daten/eintraege.csv"):
        assert name + ".gz" in names, name
    bundles = [n for n in names if re.fullmatch(r"assets/map\.[0-9a-f]{12}\.(js|css)\.gz", n)]
    assert len(bundles) == 2
    for name, data in names.items():
        if name.endswith(".gz"):  # the privacy and escaping checks above cover the copies too
            assert gzip.decompress(data) == names[name.removesuffix(".gz")], name
