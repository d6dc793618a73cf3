"""Gzip copies of a published site's files, for web servers that send them as they are.

nginx's `gzip_static on` (deploy/nginx/equality-map.conf) answers a request for FILE that
accepts gzip with FILE.gz when it exists. Compressing once per publish instead of once per
request is what lets two cores serve thousands of requests per second: on the fly, the map
bundle (about 240 KB) and the Kreis outlines (about 400 KB) cost milliseconds of CPU each time
(bench/load_bench.py). The copies are deterministic (no name, no time in the gzip header), so
a rebuild of the same content writes the same bytes.
"""

from __future__ import annotations

import gzip
from pathlib import Path

#: Files worth compressing; images (PNG) are compressed already.
COMPRESSIBLE = frozenset({".html", ".css", ".js", ".json", ".geojson", ".csv", ".xml", ".svg"})
#: Smaller files go out as they are (nginx: gzip_min_length 1024).
MIN_SIZE = 1024
#: Once per publish, served many times: the smallest output is worth the time (zlib's best).
LEVEL = 9


def gzip_siblings(root: Path, level: int = LEVEL) -> int:
    """Write FILE.gz next to every compressible FILE below `root` of at least MIN_SIZE bytes
    where compressing saves bytes; returns how many were written."""
    written = 0
    for path in sorted(root.rglob("*")):
        if path.suffix.lower() not in COMPRESSIBLE or not path.is_file():
            continue
        data = path.read_bytes()
        if len(data) < MIN_SIZE:
            continue
        packed = gzip.compress(data, compresslevel=level, mtime=0)
        if len(packed) < len(data):
            path.with_name(path.name + ".gz").write_bytes(packed)
            written += 1
    return written
