"""The Streamlit layer: small modules by concern, the only package that imports streamlit.

shell (settings, language, URL, assets), access (maintainer sign-in), data (cached loading),
filters (sidebar widgets <-> URL), views (map, list, downloads), maintenance (the Data
page), coverage (the Coverage page). Pages import the module they need.
"""
