"""Row validation: a raw table -> typed, normalised rows plus issues.

Every column has one check in `COLUMN_CHECKS` (text in, typed value out, problems reported
through the row context); checks that need several columns of a row are in `ROW_CHECKS`, and
checks across rows (unique ids, duplicates) in `validate_table`. Errors leave the row out,
warnings keep it.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from functools import partial
from typing import TYPE_CHECKING, Any

from equality_map import fields as f
from equality_map import i18n
from equality_map import schema as s
from equality_map.header import EXTRA as _EXTRA
from equality_map.header import drop_empty_trailing_columns, map_header, overflow_is_excel_padding
from equality_map.issues import IssueCollector, Localized
from equality_map.read import RawTable

if TYPE_CHECKING:
    from equality_map.places import Places

#: Entries not checked for this long get a warning.
STALE_AFTER_DAYS = 2 * 365


@dataclass
class RowContext:
    """One record being validated: its raw values, where it is, and the issue collector."""

    line: int
    raw: dict[str, str]
    collector: IssueCollector
    today: date

    def error(self, column: str, code: str, /, **params: Any) -> None:
        """Report an error on `column` (the row will be left out)."""
        self.collector.error(code, self.line, column, self.raw.get(column, ""), **params)

    def warning(self, column: str, code: str, /, **params: Any) -> None:
        """Report a warning on `column` (the row is kept)."""
        self.collector.warning(code, self.line, column, self.raw.get(column, ""), **params)


Check = Callable[[str, RowContext], Any]


def _labels(keys: list[str], lang: str) -> str:
    return ", ".join(i18n.category_label(k, lang) for k in keys)


def _category_with_key(key: str, lang: str) -> str:
    return f"{i18n.category_label(key, lang)} ({key})"


def _valid_categories(lang: str) -> str:
    return _labels(list(s.CATEGORIES), lang)


# --- one check per column -------------------------------------------------------------------


def check_required(column: str) -> Check:
    """A column that must not be empty."""

    def check(text: str, ctx: RowContext) -> str:
        if not text:
            ctx.error(column, "required")
        return text

    return check


def check_category(text: str, ctx: RowContext) -> str:
    """A category key or label; unknown ones get a suggestion that is never a shelter."""
    if not text:
        ctx.error(s.CATEGORY, "required")
        return ""
    category = s.canonical_category(text)
    if category is None:
        hint = s.suggest_category(text)
        valid = Localized(_valid_categories)
        if hint:
            label = Localized(partial(_category_with_key, hint))
            ctx.error(s.CATEGORY, "unknown_category", value=text, hint=label, valid=valid,
                      text_key="issue.unknown_category_hint")  # fmt: skip
        else:
            ctx.error(s.CATEGORY, "unknown_category", value=text, valid=valid)
    return category or ""


def check_state(text: str, ctx: RowContext) -> str:
    """A Land name or code -> its two-letter code; unknown ones are dropped (warning)."""
    if not text:
        return ""
    code = s.canonical_state(text)
    if code is None:
        hint = s.suggest_state(text)
        if hint:
            ctx.warning(s.STATE, "unknown_state", value=text, hint=s.STATES[hint].name_de,
                        text_key="issue.unknown_state_hint")  # fmt: skip
        else:
            ctx.warning(s.STATE, "unknown_state", value=text)
    return code or ""


def check_coordinate(column: str, low: float, high: float) -> Check:
    """A decimal degree (German decimal comma accepted) within low..high."""

    def check(text: str, ctx: RowContext) -> float:
        if not text:
            return math.nan
        number = f.parse_number(text)
        if number is None:
            ctx.error(column, "not_a_number", value=text)
            return math.nan
        if not low <= number <= high:
            ctx.error(column, "out_of_range", number=number, low=f"{low:g}", high=f"{high:g}")
            return math.nan
        return number

    return check


def check_choice(column: str, valid: tuple[str, ...], code: str) -> Check:
    """One of a fixed set of values; others are dropped (warning)."""

    def check(text: str, ctx: RowContext) -> str:
        if text and text not in valid:
            ctx.warning(column, code, valid=", ".join(valid))
            return ""
        return text

    return check


def check_postcode(text: str, ctx: RowContext) -> str:
    """Five digits, kept as text; four digits get their leading zero back (Excel drops it)."""
    if not text:
        return ""
    if re.fullmatch(r"\d{5}(\.0+)?", text):
        return text[:5]
    if re.fullmatch(r"\d{4}(\.0+)?", text):
        ctx.warning(s.POSTCODE, "postcode_leading_zero")
        return "0" + text[:4]
    ctx.error(s.POSTCODE, "bad_postcode")
    return text


def check_email(text: str, ctx: RowContext) -> str:
    """A plausible e-mail address ("mailto:" is dropped)."""
    if not text:
        return ""
    email = re.sub(r"^mailto:", "", text, flags=re.IGNORECASE).strip()
    if not f.is_email(email):
        ctx.error(s.EMAIL, "bad_email", value=text)
    return email


def check_phone(text: str, ctx: RowContext) -> str:
    """Digits and + ( ) / - . only, else a warning (no call link is offered).

    Dashes that word processors put in ("0581 – 77999") are read as a hyphen.
    """
    text = re.sub(r"\s*[\u2010-\u2015\u2212]\s*", " - ", text) if text else text
    if text and not f.is_phone(text):
        ctx.warning(s.PHONE, "odd_phone")
    return text


def check_url(column: str) -> Check:
    """An http(s) address; a bare host gets https://, other schemes are errors."""

    def check(text: str, ctx: RowContext) -> str:
        if not text:
            return ""
        url, problem = f.check_url(text)
        if problem == "no_scheme" and url:
            ctx.warning(column, "url_without_scheme", value=text, url=url)
        elif problem == "scheme":
            ctx.error(column, "bad_url_scheme")
        elif problem == "not_url":
            ctx.error(column, "bad_url", value=text)
        return url or ""

    return check


def check_count(column: str) -> Check:
    """A whole number of places, 0 or more; empty means unknown (None), never 0."""

    def check(text: str, ctx: RowContext) -> int | None:
        if not text:
            return None
        number = f.parse_number(text)
        if number is None or not number.is_integer() or number < 0:
            ctx.error(column, "bad_capacity", value=text)
            return None
        return int(number)

    return check


def check_ags(text: str, ctx: RowContext) -> str:
    """An official municipality key: 8 digits (leading zero kept), known to the directory."""
    if not text:
        return ""
    digits = text.replace(" ", "")
    if re.fullmatch(r"\d{7}", digits):  # Excel dropped the leading zero
        digits = "0" + digits
    if not re.fullmatch(r"\d{8}", digits):
        ctx.error(s.AGS, "bad_ags", value=text)
        return ""
    if not _places().resolve(digits).found:
        ctx.error(s.AGS, "unknown_ags", value=text)
        return ""
    return _places().resolve(digits).ags  # a former AGS becomes today's


def check_area(text: str, ctx: RowContext) -> str:
    """The area an entry is responsible for: a Land (2 digits or its name), a Kreis (5 digits)
    or a municipality (8)."""
    if not text:
        return ""
    digits = text.replace(" ", "")
    land = s.canonical_state(text) if not digits.isdigit() else None
    if land:
        return next(code for code, name in s.LAND_BY_AGS.items() if name == land)
    if re.fullmatch(r"\d{1,2}", digits) and digits.zfill(2) in s.LAND_BY_AGS:
        return digits.zfill(2)
    places = _places()
    if re.fullmatch(r"\d{4}|\d{7}", digits):  # Excel dropped the leading zero
        digits = "0" + digits
    if re.fullmatch(r"\d{5}", digits) and digits in places.kreise.index:
        return digits
    if re.fullmatch(r"\d{8}", digits) and places.resolve(digits).found:
        return places.resolve(digits).ags
    ctx.error(s.AREA_AGS, "bad_area", value=text)
    return ""


def check_partial_date(column: str) -> Check:
    """A year, month or date, kept as ISO text ('2021', '2021-03', '2021-03-14')."""

    def check(text: str, ctx: RowContext) -> str:
        if not text:
            return ""
        parsed = f.parse_partial_date(text)
        if parsed is None:
            ctx.error(column, "bad_partial_date", value=text)
            return ""
        return parsed

    return check


def _places() -> Places:
    from equality_map.places import load_places

    return load_places()


def check_verified(text: str, ctx: RowContext) -> date | None:
    """A date; more than two years ago or in the future gets a warning."""
    if not text:
        return None
    parsed = f.parse_date(text)
    if parsed is None:
        ctx.error(s.LAST_VERIFIED, "bad_date", value=text)
        return None
    when = Localized(partial(i18n.format_date, parsed))
    if (ctx.today - parsed).days > STALE_AFTER_DAYS:
        ctx.warning(s.LAST_VERIFIED, "stale", date=when)
    elif parsed > ctx.today:
        ctx.warning(s.LAST_VERIFIED, "future_date", date=when)
    return parsed


def check_confidential(text: str, ctx: RowContext) -> bool | None:
    """ja/nein; None when empty (the row check applies the default for shelters)."""
    if not text:
        return None
    value = f.parse_bool(text)
    if value is None:
        ctx.error(s.ADDRESS_CONFIDENTIAL, "bad_bool", value=text)
    return value


def check_wheelchair(text: str, ctx: RowContext) -> str:
    """yes/no/partial/unknown in German or English; anything else is read as unknown."""
    key = s.header_key(text)
    if key in f.WHEELCHAIR:
        return f.WHEELCHAIR[key]
    ctx.warning(s.WHEELCHAIR_ACCESSIBLE, "bad_wheelchair")
    return "unknown"


def check_list(text: str, ctx: RowContext) -> list[str]:
    """A `;`-separated list of distinct items."""
    return f.split_list(text)


def check_vocabulary(column: str) -> Check:
    """A list of controlled values: what people write ("Frauen", "women") becomes the key;
    values of no key are kept as written, with a warning naming the known ones."""

    def check(text: str, ctx: RowContext) -> list[str]:
        from equality_map.vocab import vocabularies

        vocabulary = vocabularies()[column]
        keys, unknown = vocabulary.normalise(f.split_list(text))
        if unknown:
            known = Localized(partial(_vocabulary_labels, column))
            ctx.warning(column, "unknown_vocab_value", value="; ".join(unknown), known=known)
        return keys

    return check


def _vocabulary_labels(column: str, lang: str) -> str:
    from equality_map.vocab import vocabularies

    terms = vocabularies()[column].terms.values()
    return ", ".join(term.label(lang) for term in list(terms)[:12]) + ", …"


def keep_text(text: str, ctx: RowContext) -> str:
    """Free text, kept as it is (already cleaned)."""
    return text


#: The check of every canonical column, in column order.
COLUMN_CHECKS: dict[str, Check] = {
    s.ID: keep_text,
    s.NAME: check_required(s.NAME),
    s.CATEGORY: check_category,
    s.ORGANISATION: keep_text,
    s.STREET: keep_text,
    s.POSTCODE: check_postcode,
    s.CITY: check_required(s.CITY),
    s.STATE: check_state,
    s.AGS: check_ags,
    s.AREA_AGS: check_area,
    s.LAT: check_coordinate(s.LAT, -90.0, 90.0),
    s.LON: check_coordinate(s.LON, -180.0, 180.0),
    s.GEOCODE_PRECISION: check_choice(
        s.GEOCODE_PRECISION, s.GEOCODE_PRECISIONS, "unknown_precision"
    ),
    s.GEOCODE_SOURCE: check_choice(s.GEOCODE_SOURCE, s.GEOCODE_SOURCES, "unknown_source"),
    s.ADDRESS_CONFIDENTIAL: check_confidential,
    s.PHONE: check_phone,
    s.EMAIL: check_email,
    s.WEBSITE: check_url(s.WEBSITE),
    s.TARGET_GROUPS: check_vocabulary(s.TARGET_GROUPS),
    s.TOPICS: check_vocabulary(s.TOPICS),
    s.NETWORKS: check_list,
    s.LANGUAGES: check_vocabulary(s.LANGUAGES),
    s.WHEELCHAIR_ACCESSIBLE: check_wheelchair,
    s.PLACES_WOMEN: check_count(s.PLACES_WOMEN),
    s.PLACES_CHILDREN: check_count(s.PLACES_CHILDREN),
    s.PLACES_BARRIER_FREE: check_count(s.PLACES_BARRIER_FREE),
    s.PARTNER_SINCE: check_partial_date(s.PARTNER_SINCE),
    s.SOURCE_URL: check_url(s.SOURCE_URL),
    s.SOURCE_DATE: check_partial_date(s.SOURCE_DATE),
    s.LAST_VERIFIED: check_verified,
    s.NOTES: keep_text,
}


# --- checks across the columns of one row ------------------------------------------------------


def check_coordinate_pair(out: dict[str, Any], ctx: RowContext) -> None:
    """lat and lon together; outside Germany (or swapped) is a warning; source 'csv'."""
    lat, lon = out[s.LAT], out[s.LON]
    if (ctx.raw.get(s.LAT, "") == "") != (ctx.raw.get(s.LON, "") == ""):
        ctx.error(s.LON if ctx.raw.get(s.LON, "") == "" else s.LAT, "half_coordinate")
    if math.isnan(lat) or math.isnan(lon):
        out[s.LAT] = out[s.LON] = math.nan
        return
    la0, la1, lo0, lo1 = s.GERMANY_BBOX
    if not (la0 <= lat <= la1 and lo0 <= lon <= lo1):
        swapped = la0 <= lon <= la1 and lo0 <= lat <= lo1
        ctx.warning(s.LAT, "swapped_coordinates" if swapped else "outside_germany", lat=lat,
                    lon=lon)  # fmt: skip
    if not out[s.GEOCODE_SOURCE]:
        out[s.GEOCODE_SOURCE] = "csv"


def check_shelter_address(out: dict[str, Any], ctx: RowContext) -> None:
    """Shelter addresses are confidential by default; a public street is flagged."""
    given = out[s.ADDRESS_CONFIDENTIAL]
    is_shelter = out[s.CATEGORY] == "womens_shelter"
    out[s.ADDRESS_CONFIDENTIAL] = is_shelter if given is None else bool(given)
    if is_shelter and out[s.STREET] and given is False:
        ctx.warning(s.ADDRESS_CONFIDENTIAL, "shelter_address_public")


ROW_CHECKS: tuple[Callable[[dict[str, Any], RowContext], None], ...] = (
    check_coordinate_pair,
    check_shelter_address,
)


def validate_row(ctx: RowContext) -> dict[str, Any] | None:
    """Validate one record; return the normalised row or None if it has errors."""
    before = ctx.collector.error_count
    out: dict[str, Any] = {
        column: check(ctx.raw.get(column, ""), ctx) for column, check in COLUMN_CHECKS.items()
    }
    for key, value in ctx.raw.items():
        if key.startswith(_EXTRA):
            out[key] = value
    for row_check in ROW_CHECKS:
        row_check(out, ctx)
    # the id last: it may be derived from name and city
    if not out[s.ID] and out[s.NAME] and out[s.CITY]:
        out[s.ID] = f.derive_id(out[s.NAME], out[s.CITY])
        out["_derived_id"] = True
        ctx.collector.warning("derived_id", ctx.line, s.ID, "", id=out[s.ID])
    return out if ctx.collector.error_count == before else None


# --- the table ---------------------------------------------------------------------------------


def validate_table(raw: RawTable, c: IssueCollector, *, today: date) -> list[tuple[int, dict]]:
    """Validate every record; return (line, normalised row) of the valid ones."""
    mapping = map_header(raw, c)
    present = {m for m in mapping if m and not m.startswith(_EXTRA)}
    missing = [col for col in s.REQUIRED_COLUMNS if col not in present]
    if missing:
        found = ", ".join(f.clean_text(h) or "(empty)" for h in raw.header)
        hints = "; ".join(f"{col}: {s.column_alias_hint(col)}" for col in missing)
        for col in missing:
            c.error("missing_column", raw.header_row, col, "", column=col, found=found,
                    expected=", ".join(s.REQUIRED_COLUMNS), hints=hints)  # fmt: skip
        return []
    drop_empty_trailing_columns(raw, mapping)
    width = len(mapping)
    padding = overflow_is_excel_padding(raw, width)
    rows: list[tuple[int, dict[str, Any]]] = []
    ids: dict[str, int] = {}
    names: dict[tuple[str, str], int] = {}
    for line, cells in raw.records:
        if len(cells) > width and not (padding and not any(x.strip() for x in cells[width:])):
            c.error("too_many_fields", line, f"#{width + 1}", cells[width], n=len(cells),
                    width=width)  # fmt: skip
            continue
        values = {
            column: f.clean_text(cells[index]) if index < len(cells) else ""
            for index, column in enumerate(mapping)
            if column is not None
        }
        row = validate_row(RowContext(line, values, c, today))
        if row is None:
            continue
        if row.pop("_derived_id", False) and row[s.ID] in ids:
            # Two rows with the same name and city: keep both, with distinct derived ids.
            base, n = row[s.ID], 2
            while f"{base}-{n}" in ids:
                n += 1
            row[s.ID] = f"{base}-{n}"
        if row[s.ID] in ids:
            c.error("duplicate_id", line, s.ID, row[s.ID], id=row[s.ID], first=ids[row[s.ID]])
            continue
        key = (s.fold(row[s.NAME]), s.fold(row[s.CITY]))
        if key in names:
            c.warning("duplicate_entry", line, s.NAME, row[s.NAME], first=names[key])
        else:
            names[key] = line
        ids[row[s.ID]] = line
        rows.append((line, row))
    return rows
