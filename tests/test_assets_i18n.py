import ast
import base64
import hashlib
import io
import string
import tarfile
from datetime import date
from pathlib import Path

import pytest

from equality_map import assets, i18n

REPO = Path(__file__).resolve().parents[1]


def test_install_vendor_is_idempotent(tmp_path):
    first = assets.install_vendor(tmp_path)
    assert {p.name for p in first} >= {"leaflet.js", "leaflet.markercluster.js", "leaflet.css"}
    assert assets.install_vendor(tmp_path) == []
    js, css = assets.asset_urls("/base/app/static")
    assert js[0] == "/base/app/static/vendor/leaflet/leaflet.js"
    for url in js + css:
        assert (tmp_path / url.removeprefix("/base/app/static/vendor/")).is_file()


def test_inline_assets_contain_leaflet():
    js, css = assets.inline_assets()
    assert "L.MarkerClusterGroup" in js
    assert "FeatureGroup.SubGroup" in js
    assert js.index("L.MarkerClusterGroup") < js.index("FeatureGroup.SubGroup")
    assert ".leaflet-pane" in css


def test_install_vendor_copies_the_outlines(tmp_path):
    assets.install_vendor(tmp_path)
    for name in ("laender.geojson", "kreise.geojson"):
        copied = tmp_path / "boundaries" / name
        assert copied.read_bytes() == (REPO / "data" / "boundaries" / name).read_bytes()
    urls = assets.boundary_urls("/x/app/static/")
    assert urls == {
        "laender": "/x/app/static/vendor/boundaries/laender.geojson",
        "kreise": "/x/app/static/vendor/boundaries/kreise.geojson",
    }


# --- the npm plugin, fetched at set-up time --------------------------------------------------


def _tarball(files: dict[str, bytes]) -> bytes:
    """An npm-style .tgz: every file below package/."""
    out = io.BytesIO()
    with tarfile.open(fileobj=out, mode="w:gz") as archive:
        for name, data in files.items():
            info = tarfile.TarInfo(f"package/{name}")
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
    return out.getvalue()


def _integrity(data: bytes) -> str:
    return "sha512-" + base64.b64encode(hashlib.sha512(data).digest()).decode()


TARBALL = _tarball(
    {
        "dist/plugin.js": b"/* plugin */",
        "dist/plugin-src.js": b"/* source */",
        "LICENSE": b"BSD",
        "README.md": b"readme",
    }
)
PLUGIN = assets.NpmPackage(
    name="some.plugin",
    version="1.2.3",
    integrity=_integrity(TARBALL),
    files=(("dist/plugin.js", "plugin.js"), ("LICENSE", "LICENSE")),
)


class FakeRegistry:
    """Serves one tarball and counts the downloads (the tests never reach the internet)."""

    def __init__(self, data: bytes) -> None:
        self.data = data
        self.urls: list[str] = []

    def __call__(self, url: str) -> io.BytesIO:
        self.urls.append(url)
        return io.BytesIO(self.data)


def test_fetch_npm_extracts_only_the_named_files_once(tmp_path):
    registry = FakeRegistry(TARBALL)
    written = assets.fetch_npm(
        PLUGIN, tmp_path, registry="https://mirror.example/", opener=registry
    )
    folder = tmp_path / "some.plugin"
    assert registry.urls == ["https://mirror.example/some.plugin/-/some.plugin-1.2.3.tgz"]
    assert sorted(p.name for p in written) == ["LICENSE", "plugin.js"]
    assert (folder / "plugin.js").read_bytes() == b"/* plugin */"
    assert sorted(p.name for p in folder.iterdir()) == [".integrity", "LICENSE", "plugin.js"]
    # A second run finds the release in place and downloads nothing.
    assert assets.fetch_npm(PLUGIN, tmp_path, opener=registry) == []
    assert len(registry.urls) == 1
    # A deleted file or another pinned release is fetched again.
    (folder / "plugin.js").unlink()
    assert assets.fetch_npm(PLUGIN, tmp_path, opener=registry)
    assert len(registry.urls) == 2


def test_fetch_npm_refuses_a_tarball_that_is_not_the_pinned_one(tmp_path):
    other = _tarball({"dist/plugin.js": b"alert('not the release')", "LICENSE": b"BSD"})
    with pytest.raises(assets.IntegrityError, match="checksum mismatch"):
        assets.fetch_npm(PLUGIN, tmp_path, opener=FakeRegistry(other))
    assert not (tmp_path / "some.plugin").exists()


@pytest.mark.parametrize(
    ("integrity", "ok"),
    [
        (_integrity(b"data"), True),
        (_integrity(b"other"), False),
        ("sha1-" + base64.b64encode(hashlib.sha1(b"data").digest()).decode(), False),
        ("", False),
    ],
)
def test_check_integrity(integrity, ok):
    if ok:
        assets.check_integrity(b"data", integrity)
    else:
        with pytest.raises(assets.IntegrityError):
            assets.check_integrity(b"data", integrity)


def test_the_pinned_plugin_is_subgroup_1_0_2():
    pkg = assets.SUBGROUP
    assert pkg.tarball_url() == (
        "https://registry.npmjs.org/leaflet.featuregroup.subgroup/-/"
        "leaflet.featuregroup.subgroup-1.0.2.tgz"
    )
    assert pkg.integrity.startswith("sha512-")
    assert len(base64.b64decode(pkg.integrity.removeprefix("sha512-"))) == 64
    fetched = assets.VENDOR_DIR / pkg.name / "leaflet.featuregroup.subgroup.js"
    assert (
        fetched.read_text("utf-8").lstrip().startswith("/*!\n Leaflet.FeatureGroup.SubGroup 1.0.2")
    )


def test_a_missing_plugin_says_to_run_make_install(tmp_path, monkeypatch):
    monkeypatch.setattr(assets, "VENDOR_DIR", tmp_path)
    asset = next(a for a in assets.ASSETS if a.npm is not None)
    with pytest.raises(assets.AssetMissingError, match="make install"):
        assets.source_path(asset)
    with pytest.raises(assets.AssetMissingError, match="leaflet.featuregroup.subgroup 1.0.2"):
        assets.inline_assets()


def test_fetch_command_reports_a_bad_download(monkeypatch, tmp_path, capsys):
    monkeypatch.setattr(assets, "VENDOR_DIR", tmp_path)
    monkeypatch.setattr(assets, "fetch_npm", _bad_fetch)
    assert assets.main(["fetch", "--registry", "https://mirror.example"]) == 1
    assert "Could not fetch leaflet.featuregroup.subgroup 1.0.2 from https://mirror.example" in (
        capsys.readouterr().err
    )


def _bad_fetch(*args, **kwargs):
    raise assets.IntegrityError("checksum mismatch")


@pytest.mark.parametrize(
    ("value", "lang"),
    [
        ("en", "en"),
        ("EN", "en"),
        ("de", "de"),
        ("fr", "de"),
        ("", "de"),
        (["en"], "en"),
        (None, "de"),
    ],
)
def test_parse_lang(value, lang):
    assert i18n.parse_lang(value) == lang


def test_formatting():
    assert i18n.format_number(20000, "de") == "20.000"
    assert i18n.format_number(20000, "en") == "20,000"
    assert i18n.format_date(date(2025, 2, 1), "de") == "01.02.2025"
    assert i18n.format_date(None, "de") == ""


def test_every_string_has_both_languages():
    for key, (de, en) in i18n.STRINGS.items():
        assert de, key
        assert en, key
    assert i18n.t("n_entries", "en", n=3) == "3 entries"
    assert i18n.category_label("womens_shelter", "de") == "Frauenhaus"


def _text_calls(path: Path) -> list[tuple[int, str]]:
    """(line, key) of every `t("...")`, `_("...")`, `i18n.count("...")` call in `path`.

    `cv.t("x")` (the coverage page's helper) means the key "cov.x".
    """
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not isinstance(node, ast.Call) or not node.args:
            continue
        func = node.func
        name = func.id if isinstance(func, ast.Name) else getattr(func, "attr", "")
        owner = getattr(getattr(func, "value", None), "id", "")
        first = node.args[0]
        wanted = name in ("t", "_", "count", "_say")
        if wanted and isinstance(first, ast.Constant) and isinstance(first.value, str):
            local = owner == "" and name == "t" and path.name == "coverage_view.py"
            key = f"cov.{first.value}" if owner == "cv" or local else first.value
            found.append((node.lineno, key))
    return found


SOURCES = sorted(
    str(p.relative_to(REPO))
    for p in [*REPO.glob("src/equality_map/**/*.py"), *REPO.glob("pages/*.py"), REPO / "app.py"]
    if "/i18n/" not in str(p)
)


@pytest.mark.parametrize("source", SOURCES)
def test_every_text_key_used_in_code_is_in_the_catalogue(source):
    for line, key in _text_calls(REPO / source):
        assert key in i18n.STRINGS, f"{source}:{line}: no text {key!r} in the catalogue"


def test_the_key_scan_finds_calls():
    calls = _text_calls(REPO / "src" / "equality_map" / "ui" / "maintenance.py")
    assert len(calls) > 50
    assert all(" " not in key for _, key in calls)  # keys, not German sentences


def _names(text: str) -> set[str]:
    return {f for _, f, _, _ in string.Formatter().parse(text) if f}


@pytest.mark.parametrize("key", sorted(i18n.STRINGS))
def test_both_languages_use_the_same_placeholders(key):
    de, en = i18n.STRINGS[key]
    de_variants = [de] if isinstance(de, str) else list(de)
    en_variants = [en] if isinstance(en, str) else list(en)
    assert isinstance(de, str) == isinstance(en, str), key
    names = _names(de_variants[-1])
    for text in [*de_variants, *en_variants]:
        assert text.strip(), key
        assert _names(text) == names, f"{key}: {text!r}"


def test_plural_texts_choose_by_number():
    assert i18n.count("cli.export_written", 1, "en", output="x") == "wrote 1 entry to x"
    assert i18n.count("cli.export_written", 2, "en", output="x") == "wrote 2 entries to x"
    assert i18n.count("cli.export_written", 1000, "de", output="x") == (
        "1.000 Einträge nach x geschrieben"
    )
