"""equality-map: equality infrastructure of German municipalities on a map, with coverage."""

__version__ = "0.1.0"
