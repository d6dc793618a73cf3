"""Numbers, percentages, dates and yes/no in the UI language (Babel's CLDR data)."""

from __future__ import annotations

import math
from datetime import date, datetime
from typing import Any

import pandas as pd
from babel.dates import format_date as _babel_format_date
from babel.numbers import format_decimal
from babel.numbers import format_percent as _babel_format_percent

LOCALES = {"de": "de_DE", "en": "en_GB"}


def locale_of(lang: str) -> str:
    """The Babel locale of a UI language (German for anything unknown)."""
    return LOCALES.get(lang, "de_DE")


def is_missing(value: Any) -> bool:
    """True for None, NaN, pandas' NA and NaT (what a table cell holds when it is empty)."""
    if value is None:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # lists and other containers are values
        return False


def format_number(value: Any, lang: str = "de", decimals: int | None = None) -> str:
    """A number in the locale's notation (German 20.000 and 1,5); "" when missing.

    `decimals=None` shows the number as it is (integers without decimals); otherwise exactly
    that many decimals.
    """
    if is_missing(value):
        return ""
    number = float(value)
    if decimals is None:
        if math.isfinite(number) and number.is_integer():
            return str(format_decimal(int(number), locale=locale_of(lang)))
        return str(format_decimal(number, locale=locale_of(lang)))
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "")
    return str(format_decimal(number, format=pattern, locale=locale_of(lang)))


def format_percent(value: Any, lang: str = "de", decimals: int = 0) -> str:
    """A share 0..1 as a percentage ('40 %' in German, '40%' in English); "" when missing."""
    if is_missing(value):
        return ""
    pattern = "#,##0" + ("." + "0" * decimals if decimals > 0 else "") + " %"
    if lang == "en":
        pattern = pattern.replace(" %", "%")
    return str(_babel_format_percent(float(value), format=pattern, locale=locale_of(lang)))


def format_date(value: date | datetime | None, lang: str = "de") -> str:
    """A date as 01.02.2025 (German) or 1 Feb 2025 (English); "" for missing dates."""
    if value is None or is_missing(value):
        return ""
    if isinstance(value, datetime):
        value = value.date()
    elif hasattr(value, "to_pydatetime"):
        value = value.to_pydatetime().date()
    fmt = "dd.MM.yyyy" if lang != "en" else "d MMM yyyy"
    return str(_babel_format_date(value, format=fmt, locale=locale_of(lang)))
