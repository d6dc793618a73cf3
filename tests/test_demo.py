"""Demo data: clearly synthetic, spread by population, all categories."""

from __future__ import annotations

from equality_map import schema as s
from equality_map.demo import make_demo_frame


def test_demo_entries_are_clearly_synthetic_and_cover_all_categories():
    frame = make_demo_frame(3000, seed=3)
    assert len(frame) == 3000
    assert frame[s.NAME].str.startswith("Demo").all()
    assert frame[s.NOTES].str.contains("synthetic").all()
    assert (frame[s.SOURCE_URL] == "").all()
    assert set(frame[s.CATEGORY]) == set(s.CATEGORIES)
    shelters = frame[frame[s.CATEGORY] == "womens_shelter"]
    assert shelters[s.ADDRESS_CONFIDENTIAL].all()
    assert (shelters[s.STREET] == "").all()
    assert shelters[s.CAPACITY].notna().all()
    assert frame[s.ID].is_unique


def test_demo_entries_follow_population():
    frame = make_demo_frame(4000, seed=1)
    counts = frame[s.CITY].value_counts()
    # Berlin has ~40x the inhabitants of a 90,000 town: it must hold by far the most entries.
    assert counts.index[0] == "Berlin"
    assert counts.iloc[0] > 10 * counts.median()
