"""Coverage for people: column labels, cells formatted per language with "not surveyed",
"at least" and "at most", profile sentences, gap lists. Pure (no Streamlit), unit-tested."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import pandas as pd

from equality_map import i18n
from equality_map.coverage import Coverage
from equality_map.yardsticks import Yardstick

#: The columns a person sees per level, in this order (the CSV download has all).
SHOWN: dict[str, tuple[str, ...]] = {
    "municipality": (
        "city",
        "state",
        "kreis",
        "population",
        "population_female",
        "has_equality_office",
        "equality_office_required",
        "n_cat_womens_shelter",
        "places_women",
        "places_children",
        "shelter_places_target",
        "shelter_places_gap",
        "n_cat_counselling_centre",
        "nearest_womens_shelter_km",
        "nearest_counselling_centre_km",
        "nearest_equality_office_km",
        "coverage_score",
        "score_parts_known",
    ),
    "kreis": (
        "kreis",
        "state",
        "kreis_type",
        "population",
        "population_female",
        "has_equality_office",
        "n_offices_required",
        "n_offices_present",
        "n_offices_missing",
        "n_offices_not_surveyed",
        "n_cat_womens_shelter",
        "places_women",
        "places_children",
        "places_barrier_free",
        "places_per10k",
        "shelter_places_target",
        "shelter_places_gap",
        "n_cat_counselling_centre",
        "share_women_beyond_30km_womens_shelter",
        "share_women_beyond_50km_womens_shelter",
        "nearest_womens_shelter_km",
        "share_women_distance_unknown_womens_shelter",
        "coverage_score",
        "score_parts_known",
    ),
    "land": (
        "name",
        "population",
        "population_female",
        "n_offices_required",
        "n_offices_present",
        "n_offices_missing",
        "n_offices_not_surveyed",
        "n_cat_womens_shelter",
        "places_women",
        "places_children",
        "places_barrier_free",
        "places_per10k",
        "shelter_places_target",
        "shelter_places_gap",
        "n_cat_counselling_centre",
        "share_women_beyond_30km_womens_shelter",
        "share_women_beyond_50km_womens_shelter",
        "nearest_womens_shelter_km",
        "coverage_score",
        "score_parts_known",
    ),
}
#: Key column of each level's table (what `places.select` matches).
KEY = {"municipality": "ags", "kreis": "kreis_ags", "land": "state"}
NAME = {"municipality": "city", "kreis": "kreis", "land": "name"}
_PERCENT = ("share_",)
_KM = "_km"
_DECIMAL1 = ("places_per10k", "places_per10k_women", "per10k_", "coverage_score")


def t(key: str, lang: str, **kwargs: Any) -> str:
    """A coverage page text (catalogue key `cov.<key>`) in German (default) or English."""
    return i18n.t(f"cov.{key}", lang, **kwargs)


_BEYOND = re.compile(r"^share_women_beyond_(\d+)km_(\w+)$")


def label(column: str, lang: str) -> str:
    """Column header in the UI language (the column key when there is no label)."""
    beyond = _BEYOND.match(column)
    if beyond:
        return t(f"beyond_{beyond.group(2)}", lang, km=beyond.group(1))
    key = f"label.{column}"
    text = i18n.t(key, lang)
    return column if text == key else text


def thresholds_of(table: pd.DataFrame | pd.Series) -> list[int]:
    """The distance thresholds a table (or a row) was computed for."""
    names = table.columns if isinstance(table, pd.DataFrame) else table.index
    return sorted({int(m.group(1)) for c in names if (m := _BEYOND.match(str(c)))})


def shown_columns(level: str, table: pd.DataFrame) -> list[str]:
    """The columns a person sees, with the distance thresholds the table was computed for."""
    out: list[str] = []
    for column in SHOWN[level]:
        beyond = _BEYOND.match(column)
        if beyond:
            for km in thresholds_of(table):
                name = f"share_women_beyond_{km}km_{beyond.group(2)}"
                if name in table.columns and name not in out:
                    out.append(name)
        elif column in table.columns:
            out.append(column)
    return out


def state_name(code: str, lang: str) -> str:
    """A Land's name from its code ('' stays '')."""
    return i18n.state_label(code, lang)


def fmt_number(value: Any, lang: str, decimals: int = 0) -> str:
    """A number the German way in German ('1.234,5'), the English way in English; '–' if empty."""
    return i18n.format_number(value, lang, decimals) or "–"


def fmt_percent(value: Any, lang: str) -> str:
    """A share 0..1 as a percentage ('40 %' in German); '–' if empty."""
    return i18n.format_percent(value, lang) or "–"


def fmt_bool(value: Any, lang: str) -> str:
    """Yes/no/unknown in the UI language."""
    return i18n.format_bool(value, lang)


def area_label(row: pd.Series, level: str) -> str:
    """'Göttingen (NI)' — the option text of an area."""
    if level == "land":
        return str(row["name"])
    return f"{row[NAME[level]]} ({row['state']})"


def cell_formatter(column: str, lang: str) -> Callable[[Any], str]:
    """How a column's values read (without the not-surveyed text, see `display`)."""
    if column.startswith(_PERCENT):
        return lambda v: fmt_percent(v, lang)
    if column.endswith(_KM) or column.startswith(_DECIMAL1) or column.startswith("shelter_places"):
        return lambda v: fmt_number(v, lang, 1)
    if column in ("has_equality_office", "equality_office_required", "equality_office_missing"):
        return lambda v: fmt_bool(v, lang)
    if column == "state":
        return lambda v: state_name(str(v), lang)
    if column == "kreis_type":
        return lambda v: t(f"kreis_type_{v}", lang)
    return lambda v: v if isinstance(v, str) else fmt_number(v, lang)


def display(table: pd.DataFrame, level: str, lang: str) -> tuple[pd.DataFrame, pd.DataFrame]:
    """The level's shown columns as text for people, and per cell whether it is unknown.

    Unknown cells read "nicht erhoben" / "not surveyed"; lower-bound stocks "mind. 45";
    distances that are only upper bounds "höchstens 165". Headers are labels, not keys.
    """
    columns = shown_columns(level, table)
    out = pd.DataFrame(index=table.index)
    unknown = pd.DataFrame(False, index=table.index, columns=columns)
    for column in columns:
        fmt = cell_formatter(column, lang)
        values = table[column]
        missing = values.isna()
        empty = unknown_text(column, lang)
        texts = [empty if m else str(fmt(v)) for v, m in zip(values, missing, strict=True)]
        if column in ("places_women", "places_children", "places_barrier_free") or (
            column == "shelter_places_stock"
        ):
            lower = table.get("shelter_places_lower_bound", pd.Series(False, index=table.index))
            texts = [
                t("at_least", lang, value=x) if lb and not m else x
                for x, lb, m in zip(texts, lower, missing, strict=True)
            ]
        if column in ("n_offices_present", "n_offices_missing"):
            lower = table.get("n_offices_lower_bound", pd.Series(False, index=table.index))
            texts = [
                t("at_least", lang, value=x) if lb and not m else x
                for x, lb, m in zip(texts, lower, missing, strict=True)
            ]
        stem = column.removeprefix("nearest_").removesuffix("_km")
        if column.startswith("nearest_") and f"nearest_{stem}_exact" in table.columns:
            exact = table[f"nearest_{stem}_exact"].astype(bool)
            texts = [
                t("at_most", lang, value=x) if not e and not m else x
                for x, e, m in zip(texts, exact, missing, strict=True)
            ]
        out[label(column, lang)] = texts
        unknown[column] = missing.to_numpy()
    unknown.columns = list(out.columns)
    return out, unknown


#: Columns whose empty cells mean "the law does not say" rather than "not surveyed".
LEGAL = ("equality_office_required", "n_offices_required", "equality_office_law")


def unknown_text(column: str, lang: str) -> str:
    """What an empty cell of `column` says: "unbekannt" for the law, else "nicht erhoben"."""
    return i18n.t("unknown", lang) if column in LEGAL else t("not_surveyed", lang)


def completeness_summary(table: pd.DataFrame, lang: str) -> str | None:
    """One sentence: which Länder are surveyed for which services, how many areas are open.

    Länder with the same services are named together; open areas are counted here and listed
    in the completeness table. None when nothing is surveyed.
    """
    done = table[table["survey"] == "complete"]
    if done.empty:
        return None
    by_services: dict[tuple[str, ...], list[str]] = {}
    for land, rows in done.groupby("state", sort=False):
        services = tuple(sorted(rows["category"]))
        by_services.setdefault(services, []).append(state_name(str(land), lang))
    parts = []
    for services, lands in by_services.items():
        labels = ", ".join(i18n.category_label(c, lang) for c in services)
        parts.append(f"{', '.join(sorted(lands))} ({labels})")
    n_open = sum(len([x for x in o.split("; ") if x]) for o in done["open_areas"])
    text = t("completeness_summary", lang, complete="; ".join(parts))
    if n_open:
        text += " " + i18n.count("cov.completeness_open", n_open, lang)
    return text


# --- profile ------------------------------------------------------------------------------------


def _count(value: Any, lang: str) -> str:
    return t("not_surveyed", lang) if i18n.is_missing(value) else fmt_number(value, lang)


def _found(row: pd.Series, column: str) -> Any:
    """A count of offices as recorded (0 where a lower bound was blanked for the table)."""
    value = row.get(column)
    return 0 if i18n.is_missing(value) and bool(row.get("n_offices_lower_bound")) else value


def _places(row: pd.Series, column: str, lang: str) -> str:
    value = row.get(column)
    if i18n.is_missing(value):
        return t("not_surveyed", lang) if i18n.is_missing(row.get("n_cat_womens_shelter")) else "–"
    text = fmt_number(value, lang)
    return t("at_least", lang, value=text) if bool(row.get("shelter_places_lower_bound")) else text


def profile_sentences(row: pd.Series, level: str, stick: Yardstick, lang: str) -> list[str]:
    """The indicators of one area in plain sentences (unknown said as such, never 0)."""
    place = state_name(str(row.get("state", "")), lang) if level != "land" else str(row["name"])
    out = [
        t(
            "s_population",
            lang,
            population=fmt_number(row.get("population"), lang),
            women=fmt_number(row.get("population_female"), lang),
            place=place,
        )
    ]
    if level != "land":
        has = row.get("has_equality_office")
        office = t(
            "s_office_not_surveyed"
            if i18n.is_missing(has)
            else "s_office_listed"
            if bool(has)
            else "s_office_none",
            lang,
        )
        req = row.get("equality_office_required")
        law = str(row.get("equality_office_law") or "")
        if i18n.is_missing(req):
            duty = t("s_duty_unknown", lang)
        else:
            duty = t("s_duty_yes" if bool(req) else "s_duty_no", lang, law=law or "–")
        out.append(office + duty + ".")
    if level != "municipality":
        required = row.get("n_offices_required")
        out.append(
            t(
                "s_municipal_offices",
                lang,
                required=i18n.t("unknown", lang)
                if i18n.is_missing(required)
                else fmt_number(required, lang),
                # the sentence names the not-surveyed ones itself: here the counts are literal
                present=_count(_found(row, "n_offices_present"), lang),
                missing=_count(_found(row, "n_offices_missing"), lang),
                unknown=_count(row.get("n_offices_not_surveyed"), lang),
            )
        )
    n_shelters = row.get("n_cat_womens_shelter")
    if i18n.is_missing(n_shelters):
        out.append(t("s_shelters_not_surveyed", lang))
    else:
        out.append(
            t(
                "s_shelters",
                lang,
                n=fmt_number(n_shelters, lang),
                women=_places(row, "places_women", lang),
                children=_places(row, "places_children", lang),
                barrier=_places(row, "places_barrier_free", lang),
            )
        )
    gap = row.get("shelter_places_gap")
    stock = row.get("shelter_places_stock")
    stock_text = t("not_surveyed", lang) if i18n.is_missing(stock) else fmt_number(stock, lang, 1)
    if bool(row.get("shelter_places_lower_bound")) and not i18n.is_missing(stock):
        stock_text = t("at_least", lang, value=stock_text)
    out.append(
        t(
            "s_need",
            lang,
            yardstick=stick.label(lang),
            target=fmt_number(row.get("shelter_places_target"), lang, 1),
            unit=t(f"unit_{stick.unit}", lang),
            stock=stock_text,
            gap=t("s_gap_unknown", lang) if i18n.is_missing(gap) else fmt_number(gap, lang, 1),
        )
    )
    out.append(t("s_counselling", lang, n=_count(row.get("n_cat_counselling_centre"), lang)))
    out.extend(_distance_sentences(row, level, lang))
    share = row.get("share_verified_24m")
    if not i18n.is_missing(share):
        out.append(t("s_verified", lang, share=fmt_percent(share, lang)))
    nets = str(row.get("networks") or "")
    if nets:
        out.append(t("s_networks", lang, networks=nets))
    score = row.get("coverage_score")
    if i18n.is_missing(score):
        out.append(t("s_score_unknown", lang))
    else:
        out.append(
            t(
                "s_score",
                lang,
                score=fmt_number(score, lang, 1),
                parts=int(row.get("score_parts_known") or 0),
            )
        )
    return out


def _distance_sentences(row: pd.Series, level: str, lang: str) -> list[str]:
    out = []
    for stem in ("womens_shelter", "counselling_centre", "equality_office"):
        what = t(f"what_{stem}", lang)
        if level == "municipality":
            km = row.get(f"nearest_{stem}_km")
            where = str(row.get(f"nearest_{stem}_city") or "")
            if i18n.is_missing(km):
                out.append(t("s_nearest_none", lang, what=what))
            elif bool(row.get(f"nearest_{stem}_exact")):
                out.append(
                    t("s_nearest_exact", lang, what=what, km=fmt_number(km, lang, 1), where=where)
                )
            else:
                out.append(
                    t("s_nearest_upper", lang, what=what, km=fmt_number(km, lang, 1), where=where)
                )
        elif stem != "equality_office":
            km = max(thresholds_of(row), default=50)
            share = row.get(f"share_women_beyond_{km}km_{stem}")
            unknown = row.get(f"share_women_distance_unknown_{stem}")
            out.append(
                t(
                    "s_beyond",
                    lang,
                    what=what,
                    km=km,
                    share=t("not_surveyed", lang)
                    if i18n.is_missing(share)
                    else fmt_percent(share, lang),
                    unknown=fmt_percent(unknown, lang),
                )
            )
    return out


# --- gap lists ----------------------------------------------------------------------------------


def gap_lists(coverage: Coverage, level: str, top: int = 20) -> dict[str, pd.DataFrame]:
    """Only known gaps: required-but-missing offices, largest shelter gaps, surveyed Kreise
    without any shelter, and where most women live far from a shelter."""
    table = coverage.table(level)
    name = NAME[level]
    out: dict[str, pd.DataFrame] = {}
    if "equality_office_missing" in table:
        missing = table[table["equality_office_missing"].fillna(False).astype(bool)]
        out["office"] = missing.sort_values("population", ascending=False)[
            [c for c in (name, "state", "population", "equality_office_law") if c in table]
        ]
    known_gap = table[table["shelter_places_gap"].fillna(0) > 0]
    out["shelter"] = known_gap.nlargest(top, "shelter_places_gap")[
        [
            c
            for c in (
                name,
                "state",
                "population",
                "shelter_places_stock",
                "shelter_places_target",
                "shelter_places_gap",
            )
            if c in table
        ]
    ]
    if level == "kreis":
        none = table[(table["n_cat_womens_shelter"] == 0) & table["surveyed_womens_shelter"]]
        out["no_shelter"] = none.sort_values("population", ascending=False)[
            ["kreis", "state", "population", "population_female"]
        ]
        share = f"share_women_beyond_{max(coverage.options.thresholds_km)}km_womens_shelter"
        far = table.dropna(subset=[share])
        far = far[far[share] > 0]
        out["far"] = far.nlargest(top, share)[["kreis", "state", "population_female", share]]
    return out


def formatted(frame: pd.DataFrame, lang: str) -> pd.DataFrame:
    """A short table with texts for people (labels as headers, numbers per language)."""
    out = pd.DataFrame(index=frame.index)
    for column in frame.columns:
        fmt = cell_formatter(column, lang)
        empty = unknown_text(column, lang)
        out[label(column, lang)] = [
            empty if i18n.is_missing(v) else str(fmt(v)) for v in frame[column]
        ]
    return out
