"""The naive map of the benchmark: one folium.Marker with a short popup per entry in a cluster.

The popup (name, city, phone) is shorter than ours, which favours the naive way. It gets the
same self-hosted Leaflet/MarkerCluster as ours (+ jQuery, which folium popups need): CDNs are
unreachable here.
"""

from __future__ import annotations

import folium
import pandas as pd
from folium.plugins import MarkerCluster

from equality_map import mapping
from equality_map.assets import asset_urls
from equality_map.settings import DEFAULT_TILES_URL


def naive_map(frame: pd.DataFrame) -> folium.Map:
    """The map built the naive way from the (public) entries."""
    m = folium.Map(
        location=mapping.GERMANY_CENTER,
        zoom_start=6,
        tiles=DEFAULT_TILES_URL,
        attr="OSM",
        max_zoom=18,
    )
    cluster = MarkerCluster().add_to(m)
    js, css = asset_urls()
    js = ["/app/static/vendor/jquery/jquery.min.js", *js]
    m.default_js = [(f"js{i}", u) for i, u in enumerate(js)]
    m.default_css = [(f"css{i}", u) for i, u in enumerate(css)]
    cluster.default_js, cluster.default_css = [], []
    for _, row in frame.iterrows():
        folium.Marker(
            [row["lat"], row["lon"]],
            popup=folium.Popup(f"<b>{row['name']}</b><br>{row['city']}<br>{row['phone']}"),
            tooltip=row["name"],
        ).add_to(cluster)
    return m
