"""The naive way, for bench/map_bench.py only: one folium.Marker with a short popup per entry.

The popup (name, city, phone) is shorter than ours, which favours the naive way.
"""

from __future__ import annotations

import streamlit as st
from naive import naive_map  # bench/ is the script's folder, so it is on sys.path
from streamlit_folium import st_folium

from equality_map import privacy
from equality_map.ui import data

result = data.load_data()
frame = privacy.public_frame(result.frame)
if st.checkbox("wheelchair", key="naive_wheelchair"):
    frame = frame[frame["wheelchair_accessible"] == "yes"]
st.subheader(f"{len(frame)} naive entries")
m = naive_map(frame)
st_folium(m, height=600, use_container_width=True, returned_objects=[])
