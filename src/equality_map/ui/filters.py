"""The map's filter widgets, kept in the URL (one `Filter` value object both ways)."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache, partial
from typing import Any

import pandas as pd
import streamlit as st

from equality_map import embed, i18n, mapping, vocab
from equality_map import schema as s
from equality_map.filters import Filter, category_counts
from equality_map.ui import shell
from equality_map.ui.shell import LANG_PARAM

_WIDGETS = (
    "f_group",
    "f_category",
    "f_state",
    "f_city",
    "f_q",
    "f_target",
    "f_topic",
    "f_network",
    "f_language",
    "f_wheelchair",
    "f_verified",
)


#: The widgets' values of an empty filter (a reset writes them, so the browser shows them too).
_EMPTY_VALUES: dict[str, Any] = {key: [] for key in _WIDGETS} | {
    "f_q": "",
    "f_wheelchair": False,
    "f_verified": 0,
}


def _reset_filters() -> None:
    # Widget identity is the key, so only values written to session state reach the browser;
    # popping the keys would leave the old choices on screen while the filter is empty.
    for key in _WIDGETS:
        value = _EMPTY_VALUES[key]
        st.session_state[key] = list(value) if isinstance(value, list) else value
    st.session_state["f_from_url"] = Filter()
    lang = st.query_params.get(LANG_PARAM)
    st.query_params.clear()
    if lang:
        st.query_params[LANG_PARAM] = lang


#: Filter options that are controlled values (shown by their label in the UI language).
_LIST_COLUMNS = {"target_groups": s.TARGET_GROUPS, "topics": s.TOPICS, "languages": s.LANGUAGES}


def _value_label(column: str, lang: str, value: str) -> str:
    return vocab.label(column, value, lang) if column else value


def _sort_key(column: str, lang: str, value: str) -> str:
    return s.fold(_value_label(column, lang, value))


@lru_cache(maxsize=64)
def _sorted_options(values: tuple[str, ...], column: str, lang: str) -> list[str]:
    """Options in the order people look for them; once per data and language, not per viewer
    (folding thousands of city names cost each new viewer about 0.05 s of server CPU)."""
    return sorted(values, key=partial(_sort_key, column, lang))


def filter_sidebar(
    options: dict[str, list[str]], lang: str, lookup: Callable[[str], str | None] | None = None
) -> Filter:
    """Sidebar filter widgets, initialised from the URL; the URL is updated to match.

    The URL's filter is read once per session and given to the widgets as their defaults
    (not written into session state), so their messages stay identical from one rerun to the
    next: Streamlit then serves them from its message cache and the browser does not redraw
    them (the city list alone can hold thousands of names).
    """
    initial = url_filter("f_from_url", options, lookup)
    sb = st.sidebar
    sb.header(i18n.t("filters", lang))
    any_ = i18n.t("f_any", lang)
    sb.multiselect(
        i18n.t("f_group", lang),
        list(s.GROUPS),
        default=list(initial.groups) or None,
        format_func=lambda k: i18n.group_label(k, lang),
        key="f_group",
        placeholder=any_,
    )
    sb.multiselect(
        i18n.t("f_category", lang),
        list(s.CATEGORIES),
        default=list(initial.categories) or None,
        format_func=lambda k: i18n.category_label(k, lang),
        key="f_category",
        placeholder=any_,
    )
    sb.multiselect(
        i18n.t("f_state", lang),
        list(s.STATES),
        default=list(initial.states) or None,
        format_func=lambda k: i18n.state_label(k, lang),
        key="f_state",
        placeholder=any_,
    )
    for key, column, default in (
        ("f_city", "cities", initial.cities),
        ("f_q", "", initial.q),
        ("f_target", "target_groups", initial.target_groups),
        ("f_topic", "topics", initial.topics),
        ("f_network", "networks", initial.networks),
        ("f_language", "languages", initial.languages),
    ):
        if column:
            # The data file may have changed since the URL was read: only offered values.
            offered = set(options[column])
            list_column = _LIST_COLUMNS.get(column, "")
            shown = partial(_value_label, list_column, lang)
            is_city = key == "f_city"
            sb.multiselect(
                i18n.t(key, lang),
                list(_sorted_options(tuple(options[column]), list_column, lang)),
                default=[v for v in default if v in offered] or None,
                format_func=shown,
                key=key,
                placeholder=any_,
                # a city typed in another spelling ("Goettingen", an AGS, "Hann. Muenden")
                # is taken with Enter and resolved to the listed town, never by substring
                accept_new_options=is_city,
                on_change=partial(_resolve_cities, offered, lookup) if is_city else None,
            )
            if is_city and st.session_state.get("f_city_unknown"):
                sb.caption(
                    i18n.t(
                        "f_city_unknown", lang, names=", ".join(st.session_state["f_city_unknown"])
                    )
                )
        else:
            sb.text_input(i18n.t(key, lang), value=str(default), key=key, max_chars=200)
    sb.checkbox(i18n.t("f_wheelchair", lang), value=initial.wheelchair, key="f_wheelchair")
    sb.number_input(
        i18n.t("f_verified", lang),
        min_value=0,
        max_value=240,
        value=initial.verified_months or "min",
        step=1,
        key="f_verified",
    )
    sb.button(i18n.t("f_reset", lang), on_click=_reset_filters, key="f_reset_button")
    chosen = Filter(
        groups=tuple(sorted(st.session_state["f_group"])),
        categories=tuple(sorted(st.session_state["f_category"])),
        states=tuple(sorted(st.session_state["f_state"])),
        # typed values the widget accepted but the data no longer has are dropped
        cities=tuple(sorted(c for c in st.session_state["f_city"] if c in set(options["cities"]))),
        q=" ".join(str(st.session_state["f_q"]).split()),
        target_groups=tuple(sorted(st.session_state["f_target"])),
        topics=tuple(sorted(st.session_state["f_topic"])),
        networks=tuple(sorted(st.session_state["f_network"])),
        languages=tuple(sorted(st.session_state["f_language"])),
        wheelchair=bool(st.session_state["f_wheelchair"]),
        verified_months=int(st.session_state["f_verified"]) or None,
    )
    write_url(chosen, lang)
    return chosen


def url_filter(
    state_key: str, options: dict[str, list[str]], lookup: Callable[[str], str | None] | None
) -> Filter:
    """The filter in the page's URL, read once per session (kept under `state_key`)."""
    initial = st.session_state.get(state_key)
    if initial is None:
        initial = Filter.from_query_params(shell._url_params(), options, lookup)
        st.session_state[state_key] = initial
    return initial


def write_url(chosen: Filter, lang: str) -> None:
    """Put `chosen` (and a non-default language) into the URL, so the page can be shared."""
    params: dict[str, Any] = dict(chosen.to_query_params())
    if lang != i18n.DEFAULT_LANG:
        params[LANG_PARAM] = lang
    if shell._url_params() != {k: v if isinstance(v, list) else [v] for k, v in params.items()}:
        st.query_params.from_dict(params)


def _resolve_cities(offered: set[str], lookup: Callable[[str], str | None] | None) -> None:
    """Widget callback: typed city names become the listed town they mean (or are dropped)."""
    chosen: list[str] = []
    unknown: list[str] = []
    for value in st.session_state.get("f_city") or []:
        label = value if value in offered else (lookup(value) if lookup else None)
        if label in offered:
            if label not in chosen:
                chosen.append(str(label))
        else:
            unknown.append(str(value))
    st.session_state["f_city"] = chosen
    st.session_state["f_city_unknown"] = unknown


def _markdown_escape(text: str) -> str:
    """`text` with every ASCII punctuation character backslash-escaped (CommonMark)."""
    return "".join(
        "\\" + ch if ch.isascii() and not ch.isalnum() and not ch.isspace() else ch for ch in text
    )


def category_counts_sidebar(frame: pd.DataFrame, lang: str) -> None:
    """Counts per category of the current selection, in the sidebar."""
    counts = category_counts(frame)
    # Symbols such as "+" or "=" start Markdown syntax ("- + x" is a nested list): escape them.
    lines = [
        f"- {_markdown_escape(mapping.legend_symbol(k))} {i18n.category_label(k, lang)}: "
        f"**{i18n.format_number(n, lang)}**"
        for k, n in counts.items()
    ]
    st.sidebar.subheader(i18n.t("counts_heading", lang))
    st.sidebar.markdown("\n".join(lines))


def embed_filter(
    options: dict[str, list[str]], lookup: Callable[[str], str | None] | None = None
) -> Filter:
    """The filter of the embed from the URL (city, category, group, ... as on the map page)."""
    return Filter.from_query_params(shell._url_params(), options, lookup)


def embed_options() -> embed.EmbedOptions:
    """lang, view and height of the embed from the URL."""
    return embed.EmbedOptions.from_query_params(shell._url_params())
