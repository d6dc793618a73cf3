"""Property: arbitrary bytes or text never make the loader raise; it returns issues instead."""

from __future__ import annotations

import tempfile
from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from equality_map.load import load_facilities, load_facilities_bytes

TODAY = date(2026, 11, 23)
cells = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=30)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.binary(max_size=3000))
def test_arbitrary_bytes_never_raise(data: bytes):
    result = load_facilities_bytes(data, "upload.csv", today=TODAY)
    assert result.issues or not result.frame.empty or result.frame.empty


@settings(max_examples=200, deadline=None)
@given(
    st.sampled_from([";", ",", "\t"]),
    st.lists(st.lists(cells, min_size=0, max_size=8), min_size=0, max_size=12),
    st.sampled_from(["utf-8", "cp1252", "utf-16"]),
)
def test_tables_of_arbitrary_text_never_raise(sep: str, rows: list[list[str]], encoding: str):
    header = sep.join(["name", "category", "city", "lat", "lon", "postcode", "last_verified"])
    text = "\n".join([header, *(sep.join(r) for r in rows)])
    data = text.encode(encoding, errors="replace")
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "f.csv"
        path.write_bytes(data)
        result = load_facilities(path, today=TODAY)
        # every valid row must carry a line number inside the file
        n_lines = text.count("\n") + 1
        assert all(1 < int(r) <= n_lines for r in result.frame.index)
        for issue in result.issues:
            assert issue.message("en")
            assert issue.message("de")
