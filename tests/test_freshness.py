"""The data date states the spread of check dates and the share without one."""

from __future__ import annotations

from datetime import date

import pandas as pd

from equality_map import schema as s
from equality_map.freshness import freshness


def frame(*dates: str | None) -> pd.DataFrame:
    return pd.DataFrame({s.LAST_VERIFIED: pd.to_datetime(pd.Series(dates, dtype=object))})


def test_oldest_median_newest_and_share_without_date():
    f = freshness(frame("2019-03-01", "2026-11-30", None, "2024-05-02", None))
    assert (f.oldest, f.median) == (date(2019, 3, 1), date(2024, 5, 2))
    assert f.newest == date(2026, 11, 30)
    assert f.share_undated == 0.4
    text = f.text("de")
    assert "01.03.2019" in text
    assert "30.11.2026" in text
    assert "Median 02.05.2024" in text
    assert "40 % ohne Prüfdatum" in text
    assert "40% without a check date" in f.text("en")


def test_one_recent_check_does_not_make_old_data_current():
    f = freshness(frame("2026-11-30", *["2015-01-01"] * 9))
    assert f.median == date(2015, 1, 1)


def test_no_dates_and_no_entries():
    assert "keiner der gezeigten Einträge" in freshness(frame(None, None)).text("de")
    assert freshness(frame()).text("de") == ""
    assert freshness(pd.DataFrame({"x": [1]})).n_dated == 0


def test_all_checked_on_one_day_says_on_that_day():
    f = freshness(frame("2026-11-30", "2026-11-30", None))
    assert f.text("de") == ("Stand der Daten: Einträge geprüft am 30.11.2026; 33 % ohne Prüfdatum.")
    assert "entries checked on 30 Nov 2026; 33% without" in f.text("en")
    assert "zwischen" in freshness(frame("2026-11-29", "2026-11-30")).text("de")
