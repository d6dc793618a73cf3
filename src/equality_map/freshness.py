"""How current the shown entries are: oldest and median check date, and how many have none.

A single "as of" date (the newest check of any entry) made old data look current: one entry
checked today said nothing about the 300 never checked. This module states the spread of
`last_verified` over the entries shown, and the share without a date, in one line.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pandas as pd

from equality_map import i18n
from equality_map import schema as s


@dataclass(frozen=True)
class Freshness:
    """Check dates of a set of entries (`last_verified`)."""

    n: int
    n_dated: int
    oldest: date | None
    median: date | None
    newest: date | None

    @property
    def share_undated(self) -> float:
        """Share of entries without a check date (0 for no entries)."""
        return (self.n - self.n_dated) / self.n if self.n else 0.0

    def text(self, lang: str) -> str:
        """One line for people, e.g. 'Geprüft zwischen 03.2019 und …; 12 % ohne Prüfdatum'."""
        if not self.n:
            return ""
        undated = i18n.format_percent(self.share_undated, lang)
        if self.n_dated == 0 or self.oldest is None or self.median is None:
            return i18n.t("freshness_none", lang)
        return i18n.t(
            "freshness_one_day" if self.oldest == (self.newest or self.median) else "freshness",
            lang,
            oldest=i18n.format_date(self.oldest, lang),
            median=i18n.format_date(self.median, lang),
            newest=i18n.format_date(self.newest or self.median, lang),
            undated=undated,
        )


def freshness(frame: pd.DataFrame) -> Freshness:
    """The check dates of the entries in `frame`."""
    if s.LAST_VERIFIED not in frame.columns:
        return Freshness(len(frame), 0, None, None, None)
    return freshness_of_dates(pd.to_datetime(frame[s.LAST_VERIFIED], errors="coerce"), len(frame))


def freshness_of_dates(dates: pd.Series, n: int) -> Freshness:
    """The same for `n` entries whose check dates (NaT where none) are `dates`."""
    dates = dates.dropna().sort_values()
    if dates.empty:
        return Freshness(n, 0, None, None, None)
    # the median of dates is a date that occurs (the lower middle), not an average of two
    middle = dates.iloc[(len(dates) - 1) // 2]
    return Freshness(
        n=n,
        n_dated=len(dates),
        oldest=dates.iloc[0].date(),
        median=middle.date(),
        newest=dates.iloc[-1].date(),
    )
