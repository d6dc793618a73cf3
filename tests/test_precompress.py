"""Gzip copies for gzip_static: which files get one, and that each is its file, compressed."""

from __future__ import annotations

import gzip
import random
from pathlib import Path

import pytest

from equality_map import precompress

TEXT = ("Gleichstellungsbeauftragte, Frauenhaus, Beratungsstelle. " * 60).encode()


@pytest.mark.parametrize(
    ("name", "data", "compressed"),
    [
        ("index.html", TEXT, True),
        ("assets/map.0123456789ab.js", TEXT, True),
        ("assets/map.0123456789ab.css", TEXT, True),
        ("assets/kreise.0123456789ab.geojson", TEXT, True),
        ("assets/details-0123456789ab/0.json", TEXT, True),
        ("daten/eintraege.csv", TEXT, True),
        ("sitemap.xml", TEXT, True),
        ("GEMEINDE/UPPER.HTML", TEXT, True),
        ("small.html", TEXT[: precompress.MIN_SIZE - 1], False),  # nginx sends those as they are
        ("exactly.html", TEXT[: precompress.MIN_SIZE], True),
        ("assets/marker-icon.0123456789ab.png", TEXT, False),  # images are compressed already
        ("noise.js", random.Random(1).randbytes(4096), False),  # not smaller compressed: no copy
        ("readme.txt", TEXT, False),
    ],
)
def test_which_files_get_a_gzip_copy(tmp_path: Path, name: str, data: bytes, compressed: bool):
    path = tmp_path / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    assert precompress.gzip_siblings(tmp_path) == int(compressed)
    sibling = path.with_name(path.name + ".gz")
    assert sibling.exists() == compressed
    if compressed:
        assert gzip.decompress(sibling.read_bytes()) == data


def test_copies_are_deterministic_and_not_compressed_twice(tmp_path: Path):
    (tmp_path / "a.html").write_bytes(TEXT)
    precompress.gzip_siblings(tmp_path)
    first = (tmp_path / "a.html.gz").read_bytes()
    (tmp_path / "a.html.gz").unlink()
    precompress.gzip_siblings(tmp_path)
    assert (tmp_path / "a.html.gz").read_bytes() == first  # no time or name in the header
    assert not (tmp_path / "a.html.gz.gz").exists()
