"""The naive way, for bench/map_bench.py only: one folium.Marker with a short popup per entry.

The popup (name, city, phone) is shorter than ours, which favours the naive way.
"""

from __future__ import annotations

import folium
import streamlit as st
from folium.plugins import MarkerCluster
from streamlit_folium import st_folium

from equality_map import mapping, ui
from equality_map.assets import asset_urls

result = ui.load_data()
frame = mapping.public_frame(result.frame)
if st.checkbox("wheelchair", key="naive_wheelchair"):
    frame = frame[frame["wheelchair_accessible"] == "yes"]
st.subheader(f"{len(frame)} naive entries")
m = folium.Map(
    location=mapping.GERMANY_CENTER,
    zoom_start=6,
    tiles=mapping.DEFAULT_TILES_URL,
    attr="OSM",
    max_zoom=18,
)
cluster = MarkerCluster().add_to(m)
# Same self-hosted Leaflet/MarkerCluster as ours: CDNs are unreachable here.
js, css = asset_urls()
js = ["/app/static/vendor/jquery/jquery.min.js", *js]  # folium popups need jQuery
m.default_js = [(f"js{i}", u) for i, u in enumerate(js)]
m.default_css = [(f"css{i}", u) for i, u in enumerate(css)]
cluster.default_js, cluster.default_css = [], []
for _, row in frame.iterrows():
    folium.Marker(
        [row["lat"], row["lon"]],
        popup=folium.Popup(f"<b>{row['name']}</b><br>{row['city']}<br>{row['phone']}"),
        tooltip=row["name"],
    ).add_to(cluster)
st_folium(m, height=600, use_container_width=True, returned_objects=[])
