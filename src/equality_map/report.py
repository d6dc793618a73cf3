"""The stock report for the Gewalthilfegesetz (§ 8): one XLSX workbook.

Sheets: stock per Kreis and per Land, need and gaps per yardstick, reachability, and a
method sheet (formulas, yardstick sources, data dates, survey status, source notes). German
headers by default. Unknown (not surveyed) cells stay empty, never 0. Written with openpyxl.
"""

from __future__ import annotations

import io
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import pandas as pd
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter

from equality_map import i18n
from equality_map.coverage import Coverage, score_formula_text
from equality_map.coverage_view import label
from equality_map.yardsticks import Yardstick

STOCK = (
    "population",
    "population_female",
    "n_cat_equality_office",
    "has_equality_office",
    "n_offices_required",
    "n_offices_present",
    "n_offices_missing",
    "n_offices_not_surveyed",
    "n_cat_womens_shelter",
    "places_women",
    "places_children",
    "places_barrier_free",
    "shelter_places_lower_bound",
    "n_cat_counselling_centre",
    "surveyed_womens_shelter",
    "surveyed_counselling_centre",
    "surveyed_equality_office",
)
REACH = (
    "population_female",
    "nearest_womens_shelter_km",
    "share_women_beyond_30km_womens_shelter",
    "share_women_beyond_50km_womens_shelter",
    "share_women_distance_unknown_womens_shelter",
    "nearest_counselling_centre_km",
    "share_women_beyond_30km_counselling_centre",
    "share_women_beyond_50km_counselling_centre",
    "share_women_distance_unknown_counselling_centre",
)
_HEADER = Font(bold=True)
_NOT_SURVEYED = PatternFill("solid", fgColor="EEEEEE")


def _title(text: str) -> str:
    return text[:31]


def _sheet(wb: Workbook, title: str, frame: pd.DataFrame, lang: str) -> None:
    ws = wb.create_sheet(_title(title))
    headers = [label(c, lang) if not c.startswith("_") else c[1:] for c in frame.columns]
    ws.append(headers)
    for cell in ws[1]:
        cell.font = _HEADER
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for record in frame.itertuples(index=False, name=None):
        row: list[Any] = []
        for value in record:
            if value is None or value is pd.NA or (isinstance(value, float) and value != value):
                row.append(None)  # not surveyed / not known: an empty cell, never 0
            elif hasattr(value, "item"):
                row.append(value.item())
            else:
                row.append(value)
        ws.append(row)
    for row in ws.iter_rows(min_row=2):
        for cell in row:
            if cell.value is None:
                cell.fill = _NOT_SURVEYED
    for index in range(1, len(headers) + 1):
        ws.column_dimensions[get_column_letter(index)].width = 16
    for index, column in enumerate(frame.columns, start=1):
        if str(column).startswith("share_"):  # shares in percent, as on the page
            for (cell,) in ws.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = "0.0 %"
    ws.freeze_panes = "B2"


def _key_columns(level: str) -> list[str]:
    return {
        "municipality": ["ags", "city", "kreis", "state"],
        "kreis": ["kreis_ags", "kreis", "state"],
        "land": ["state", "name"],
    }[level]


#: The levels a report covers, from the finest one asked for (--level) up to the Länder.
REPORT_LEVELS = {
    "municipality": ("municipality", "kreis", "land"),
    "kreis": ("kreis", "land"),
    "land": ("land",),
}


def _need(coverage: Coverage, sticks: Iterable[Yardstick], level: str, lang: str) -> pd.DataFrame:
    """Target and gap of every yardstick side by side (in each yardstick's own unit)."""
    from equality_map.coverage_parts import places_and_gap

    base = coverage.table(level)
    out = base[_key_columns(level)].copy()
    for stick in sticks:
        part = base.copy()
        places_and_gap(part, stick, part[f"surveyed_{stick.service}"].to_numpy(dtype=bool))
        name = stick.label(lang)
        out[f"_{name}: {i18n.t('report.stock', lang)}"] = part["shelter_places_stock"]
        out[f"_{name}: {i18n.t('report.target', lang)}"] = part["shelter_places_target"].round(1)
        out[f"_{name}: {i18n.t('report.gap', lang)}"] = part["shelter_places_gap"].round(1)
    return out


def build_report(
    coverage: Coverage,
    sticks: Mapping[str, Yardstick],
    *,
    stichtag: date,
    lang: str = "de",
    data_dates: Mapping[str, str] | None = None,
    source_notes: Iterable[str] = (),
    level: str = "kreis",
) -> bytes:
    """The workbook as bytes (.xlsx): stock, need and reach from `level` up to the Länder."""
    wb = Workbook()
    wb.remove(wb.active)
    chosen = [*sticks.values()]
    levels = REPORT_LEVELS[level]
    for sheet, columns in (("stock", STOCK), ("need", None), ("reach", REACH)):
        for lvl in levels:
            table = coverage.table(lvl)
            title = i18n.t(f"report.sheet_{sheet}", lang, level=i18n.t(f"report.{lvl}", lang))
            if columns is None:
                frame = _need(coverage, chosen, lvl, lang)
            else:
                frame = table[_key_columns(lvl) + [c for c in columns if c in table]]
            _sheet(wb, title, frame, lang)
    _method(wb, coverage, chosen, stichtag, lang, data_dates or {}, list(source_notes))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def _method(
    wb: Workbook,
    coverage: Coverage,
    sticks: list[Yardstick],
    stichtag: date,
    lang: str,
    data_dates: Mapping[str, str],
    notes: list[str],
) -> None:
    ws = wb.create_sheet(i18n.t("report.sheet_method", lang))
    t = i18n.t
    lines: list[tuple[str, str]] = [
        (t("report.stichtag", lang), i18n.format_date(stichtag, lang)),
        ("", ""),
        (t("cov.method", lang), ""),
        ("", _plain(t("cov.method_survey", lang))),
        ("", _plain(t("cov.method_places", lang))),
        ("", _plain(t("cov.method_distance", lang))),
        ("", _plain(t("cov.method_law", lang))),
        ("", score_formula_text(lang)),
        ("", ""),
    ]
    for stick in sticks:
        lines.append((stick.label(lang), f"{stick.note(lang)} {stick.source_url}".strip()))
    lines.append(("", ""))
    for key, value in data_dates.items():
        lines.append((key, value))
    lines.append(("", ""))
    lines.append((label("survey", lang), ""))
    for row in coverage.completeness.itertuples(index=False):
        status = t(f"cov.survey_{row.survey}", lang)
        what = f"{row.state} · {i18n.category_label(str(row.category), lang)}"
        lines.append((what, f"{status} {row.as_of} {row.source_url}".strip()))
    lines.append(("", ""))
    for note in notes:
        lines.append(("", note))
    for key, value in lines:
        ws.append([key, value])
    ws.column_dimensions["A"].width = 42
    ws.column_dimensions["B"].width = 120
    for row in ws.iter_rows():
        for cell in row:
            cell.alignment = Alignment(wrap_text=True, vertical="top")


def data_dates(entries: pd.DataFrame, lang: str) -> dict[str, str]:
    """The dates behind the figures, for the method sheet: entries, population, territory,
    boundaries."""
    from equality_map.freshness import freshness

    return {
        i18n.t("report.date_entries", lang): freshness(entries).text(lang),
        i18n.t("report.date_population", lang): i18n.t("report.date_population_text", lang),
        i18n.t("report.date_boundaries", lang): i18n.t("report.date_boundaries_text", lang),
    }


def _plain(markdown: str) -> str:
    return markdown.replace("**", "")


__all__ = ["build_report", "data_dates"]
