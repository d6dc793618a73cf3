"""Embed page for city web teams: choose a selection -> live preview, <iframe> snippet, CLI."""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from equality_map import embed, i18n
from equality_map import schema as s
from equality_map.filters import Filter
from equality_map.publish import area_page_path
from equality_map.ui import data, filters, shell

shell.require_app_shell()  # before anything else: see its docstring

lang = shell.current_lang()
st.title(i18n.t("embed_heading", lang))
st.markdown(i18n.t("embed_intro", lang))
result = data.load_data()
if not data.show_load_problems(result, lang):
    st.stop()
prep = data.prepared_data(lang)

left, right = st.columns(2)
any_ = i18n.t("f_any", lang)
# /embed?city=Kassel&category=womens_shelter opens with that selection (and shows it in the URL)
initial = filters.url_filter("e_from_url", prep.options, prep.city_lookup)
cities = left.multiselect(
    i18n.t("embed_cities", lang),
    prep.options["cities"],
    default=list(initial.cities) or None,
    key="e_city",
    placeholder=any_,
)
categories = left.multiselect(
    i18n.t("embed_categories", lang),
    list(s.CATEGORIES),
    default=list(initial.categories) or None,
    format_func=lambda k: i18n.category_label(k, lang),
    key="e_category",
    placeholder=any_,
)
groups = left.multiselect(
    i18n.t("embed_groups", lang),
    list(s.GROUPS),
    default=list(initial.groups) or None,
    format_func=lambda k: i18n.group_label(k, lang),
    key="e_group",
    placeholder=any_,
)
embed_lang = right.radio(
    i18n.t("embed_lang", lang),
    list(i18n.LANGS),
    index=list(i18n.LANGS).index(lang),
    format_func=lambda code: i18n.t(f"lang_{code}", code),
    horizontal=True,
    key="e_lang",
)
view = right.radio(
    i18n.t("embed_view", lang),
    list(embed.VIEWS),
    format_func=lambda v: i18n.t(f"view_{v}", lang),
    horizontal=True,
    key="e_view",
)
height = right.slider(
    i18n.t("embed_height", lang),
    min_value=embed.HEIGHT_MIN,
    max_value=embed.HEIGHT_MAX,
    value=embed.HEIGHT_DEFAULT,
    step=50,
    key="e_height",
)

chosen = Filter(
    groups=tuple(sorted(groups)), categories=tuple(sorted(categories)), cities=tuple(sorted(cities))
)
options = embed.EmbedOptions(lang=str(embed_lang), view=str(view), height=int(height))
filters.write_url(chosen, lang)

st.subheader(i18n.t("embed_snippet", lang))
st.markdown(i18n.t("embed_which", lang))
settings = shell.settings()
site_lang = settings.publish_lang
if embed.normalise_base_url(settings.static_url):
    st.markdown("#### " + i18n.t("embed_static_site", lang))
    st.caption(i18n.t("embed_static_site_help", lang, lang=i18n.t(f"lang_{site_lang}", lang)))
    pages = embed.static_pages(prep.frame, chosen.cities) or [("", None)]
    for city, ags in pages:
        if city and ags is None:
            st.caption(i18n.t("embed_static_no_page", lang, city=city))
        title = embed.iframe_title(Filter(cities=(city,) if city else ()), site_lang)
        snippet = embed.static_snippet(
            settings.static_url, area_page_path(ags), title, options.height
        )
        st.code(snippet or "", language=None, wrap_lines=True)
else:
    st.caption(i18n.t("embed_static_unset", lang))

st.markdown("#### " + i18n.t("embed_live", lang))
base = shell.public_base_url()
# No syntax colours: the highlighter's token colours fail WCAG contrast (axe, 3.6:1).
st.code(embed.iframe_snippet(base, chosen, options), language=None, wrap_lines=True)
if base is None:
    st.caption(i18n.t("embed_snippet_help", lang))

st.markdown("#### " + i18n.t("embed_static", lang))
st.caption(i18n.t("embed_static_help", lang))
st.code(embed.export_command(chosen, options.lang), language=None, wrap_lines=True)
st.caption(i18n.t("embed_docs", lang))

st.subheader(i18n.t("embed_preview", lang))
preview = shell.app_path() + "?" + urlencode(embed.embed_query(chosen, options))
st.iframe(preview, height=options.height, alt=embed.iframe_title(chosen, lang))
