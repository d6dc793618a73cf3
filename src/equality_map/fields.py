"""Parsers and checks for single field values, shared by the loader and every output.

Pure functions on strings: what a cell means (numbers with decimal commas, German dates,
ja/nein) and whether a value may become a link (http(s), tel:, mailto: only).
"""

from __future__ import annotations

import math
import re
import unicodedata
from datetime import date, datetime
from urllib.parse import urlsplit

from equality_map import schema as s

EMAIL = re.compile(r"^[^@\s<>\"'(),;:]+@[^@\s<>\"'(),;:]+\.[A-Za-z]{2,}$")
PHONE = re.compile(r"^[0-9+()/\-.\s]+$")
_URL_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.\-]*):")
_HOST = re.compile(r"^[A-Za-z0-9\-.]+\.[A-Za-z]{2,}(:\d+)?$|^localhost(:\d+)?$")
_DATE_FORMATS = ("%d.%m.%Y", "%d.%m.%y", "%Y-%m-%d", "%d/%m/%Y", "%Y/%m/%d", "%d-%m-%Y")
_TRUE = {"true", "ja", "j", "yes", "y", "1", "x", "wahr", "t"}
_FALSE = {"false", "nein", "n", "no", "0", "falsch", "f", ""}
#: Spellings of the wheelchair values (after `schema.header_key`).
WHEELCHAIR = {
    "yes": "yes",
    "ja": "yes",
    "true": "yes",
    "1": "yes",
    "x": "yes",
    "barrierefrei": "yes",
    "no": "no",
    "nein": "no",
    "false": "no",
    "0": "no",
    "partial": "partial",
    "partly": "partial",
    "teilweise": "partial",
    "eingeschraenkt": "partial",
    "unknown": "unknown",
    "unbekannt": "unknown",
    "": "unknown",
}
_SPACES = re.compile(r"\s+")
_LIST_SPLIT = re.compile(r"\s*[;|\n]\s*")
_PHONE_CHARS = re.compile(r"[^0-9+]")


def clean_text(value: str) -> str:
    """NFC-normalise (macOS writes decomposed umlauts), drop NBSP/zero-width, strip."""
    value = unicodedata.normalize("NFC", value)
    value = value.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    return value.strip()


def parse_bool(value: str) -> bool | None:
    """ja/nein/true/false/1/0/x (case-insensitive) -> bool; '' -> False; other -> None."""
    key = value.strip().casefold()
    if key in _TRUE:
        return True
    if key in _FALSE:
        return False
    return None


def parse_number(value: str) -> float | None:
    """Parse '51,3127', '51.3127', '-7,5', ' 9 ' -> float; None if not a finite number."""
    text = value.strip().replace("\u2212", "-").replace(" ", "").removesuffix("°")
    if "," in text and "." in text:
        # 1.234,5 (German thousands) or 1,234.5 (English): the last separator is the decimal one
        if text.rfind(",") > text.rfind("."):
            text = text.replace(".", "").replace(",", ".")
        else:
            text = text.replace(",", "")
    else:
        text = text.replace(",", ".")
    try:
        number = float(text)
    except ValueError:
        return None
    return number if math.isfinite(number) else None


def parse_date(value: str) -> date | None:
    """Parse dd.mm.yyyy, dd.mm.yy, ISO (optionally with a time) and d/m/Y; None if invalid."""
    text = value.strip()
    if re.match(r"^\d{4}-\d{2}-\d{2}[T ]", text):
        text = text[:10]
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def parse_partial_date(value: str) -> str | None:
    """A year, a month or a date as ISO text ('2021', '2021-03', '2021-03-14'); None if bad.

    Accepts 2021, 03/2021, 3.2021, 2021-03, and every full date `parse_date` reads.
    """
    text = value.strip()
    if re.fullmatch(r"(19|20)\d\d", text):
        return text
    month = re.fullmatch(r"(\d{1,2})[./](\d{4})|(\d{4})-(\d{1,2})", text)
    if month:
        mm, yyyy = (month.group(1), month.group(2)) if month.group(1) else (
            month.group(4), month.group(3))  # fmt: skip
        if 1 <= int(mm) <= 12 and 1900 <= int(yyyy) <= 2100:
            return f"{yyyy}-{int(mm):02d}"
        return None
    parsed = parse_date(text)
    return parsed.isoformat() if parsed else None


def split_list(value: str) -> list[str]:
    """Split a `;`-separated cell into distinct, trimmed items, order kept."""
    items: list[str] = []
    for item in _LIST_SPLIT.split(value):
        item = _SPACES.sub(" ", item.strip())
        if item and item not in items:
            items.append(item)
    return items


def slugify(text: str) -> str:
    """Lowercase ASCII slug for derived ids."""
    return re.sub(r"[^a-z0-9]+", "-", s.fold(text)).strip("-")


def derive_id(name: str, city: str) -> str:
    """A stable id from name and city (the same input always gives the same id)."""
    return f"{slugify(city)[:20]}-{slugify(name)[:50]}".strip("-") or "entry"


def check_url(value: str) -> tuple[str | None, str | None]:
    """Return (normalised URL, None) or (None, problem). Bare 'www.x.de' gets https://."""
    text = value.strip()
    match = _URL_SCHEME.match(text)
    if match is None:
        if _HOST.match(text.split("/", 1)[0]):
            return "https://" + text, "no_scheme"
        return None, "not_url"
    if match.group(1).lower() not in ("http", "https"):
        return None, "scheme"
    rest = text[len(match.group(0)) :]
    if not rest.startswith("//") or not _HOST.match(rest[2:].split("/", 1)[0].split("?")[0]):
        return None, "not_url"
    if any(ch in text for ch in "<>\"' \t\n"):
        return None, "not_url"
    return text, None


def is_email(value: str) -> bool:
    """A plausible e-mail address (no spaces, quotes or brackets; a dot in the domain)."""
    return bool(EMAIL.match(value))


# --- links: http(s), tel:, mailto: only ---------------------------------------------------------


def safe_http_url(value: str) -> str | None:
    """The URL when it is http(s) with a host, else None (no javascript:, data:, ...)."""
    value = (value or "").strip()
    if not value or any(ch.isspace() for ch in value):
        return None
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        return None
    return value


def tel_href(phone: str) -> str | None:
    """A tel: link for a phone number (digits and a leading +), or None."""
    digits = _PHONE_CHARS.sub("", phone or "")
    if digits.startswith("+"):
        digits = "+" + digits[1:].replace("+", "")
    else:
        digits = digits.replace("+", "")
    return f"tel:{digits}" if len(digits.lstrip("+")) >= 3 else None


def mailto_href(email: str) -> str | None:
    """A mailto: link for a plausible e-mail address, or None."""
    email = (email or "").strip()
    return f"mailto:{email}" if is_email(email) else None


def is_phone(value: str) -> bool:
    """Digits, spaces and + ( ) / - . only, with at least one digit."""
    return bool(PHONE.match(value)) and bool(re.search(r"\d", value))
