"""German/English texts (one catalogue, key -> (de, en)) and locale formatting.

German is the default language. `t(key, lang, **params)` renders a text; `n=` chooses
singular or plural where the catalogue has both. Labels of categories, groups, Länder and
vocabulary values come from their own tables (schema, vocab) through the helpers here.
"""

from __future__ import annotations

from typing import Any

from equality_map import schema as s
from equality_map.i18n import (
    texts_about,
    texts_app,
    texts_cli,
    texts_coverage,
    texts_editor,
    texts_issues,
    texts_labels,
    texts_maintenance,
    texts_profile,
)
from equality_map.i18n.catalogue import Text, Variant, merge
from equality_map.i18n.format import format_date, format_number, format_percent, is_missing

__all__ = [
    "DEFAULT_LANG",
    "LANGS",
    "STRINGS",
    "category_label",
    "format_bool",
    "format_date",
    "format_number",
    "format_percent",
    "group_label",
    "is_missing",
    "parse_lang",
    "state_label",
    "t",
    "wheelchair_label",
]

LANGS: tuple[str, ...] = ("de", "en")
DEFAULT_LANG = "de"

STRINGS: dict[str, Text] = merge(
    texts_app.TEXTS,
    texts_about.TEXTS,
    texts_cli.TEXTS,
    texts_coverage.TEXTS,
    texts_editor.TEXTS,
    texts_labels.TEXTS,
    texts_profile.TEXTS,
    texts_maintenance.TEXTS,
    texts_issues.TEXTS,
)


def parse_lang(value: object) -> str:
    """A supported language code from a query param value, else the default (German)."""
    if isinstance(value, list):
        value = value[0] if value else ""
    text = str(value or "").strip().lower()[:5]
    return text if text in LANGS else DEFAULT_LANG


def _pick(variant: Variant, n: Any) -> str:
    if isinstance(variant, str):
        return variant
    singular, plural = variant
    return singular if n == 1 else plural


def t(key: str, lang: str = DEFAULT_LANG, /, **params: Any) -> str:
    """The text `key` in `lang`, formatted with `params`; the key itself when unknown.

    A (singular, plural) text is chosen by `n` (the number itself, before formatting).
    """
    pair = STRINGS.get(key)
    if pair is None:
        return key
    text = _pick(pair[1] if lang == "en" else pair[0], params.get("n_raw", params.get("n")))
    params.pop("n_raw", None)
    return text.format(**params) if params else text


def count(key: str, n: int, lang: str = DEFAULT_LANG, /, **params: Any) -> str:
    """`t(key)` for a count: number formatted for the language, singular or plural by `n`."""
    return t(key, lang, n=format_number(n, lang), n_raw=n, **params)


def category_label(key: str, lang: str = DEFAULT_LANG) -> str:
    """Localised label of a category key (the key itself when unknown)."""
    cat = s.CATEGORIES.get(key)
    if cat is None:
        return key
    return cat.label_en if lang == "en" else cat.label_de


def group_label(key: str, lang: str = DEFAULT_LANG) -> str:
    """Localised label of a group key."""
    group = s.GROUPS.get(key)
    if group is None:
        return key
    return group.label_en if lang == "en" else group.label_de


def state_label(code: str, lang: str = DEFAULT_LANG) -> str:
    """Localised name of a Land code; other text is returned unchanged."""
    state = s.STATES.get(code)
    if state is None:
        return code
    return state.name_en if lang == "en" else state.name_de


def wheelchair_label(value: str, lang: str = DEFAULT_LANG) -> str:
    """Localised yes/no/partial/unknown."""
    return t(f"wheelchair_{value}", lang) if value in s.WHEELCHAIR_VALUES else value


def format_bool(value: Any, lang: str = DEFAULT_LANG) -> str:
    """ja/nein (yes/no); "unbekannt" (unknown) when missing."""
    if is_missing(value):
        return t("unknown", lang)
    return t("yes" if bool(value) else "no", lang)
