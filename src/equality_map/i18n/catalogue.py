"""The one text catalogue: key -> (German, English), merged from the texts_* modules.

A text is a str, or a (singular, plural) pair chosen by the `n` parameter. Placeholders use
`str.format` names; a test checks that both languages of a key use the same ones.
"""

from __future__ import annotations

from typing import Union

#: One language's text: plain, or (singular, plural).
Variant = Union[str, tuple[str, str]]  # noqa: UP007 - a runtime alias
#: A catalogue entry: (German, English).
Text = tuple[Variant, Variant]


def merge(*parts: dict[str, Text]) -> dict[str, Text]:
    """The union of catalogue parts; a key defined twice is a programming error."""
    out: dict[str, Text] = {}
    for part in parts:
        for key, text in part.items():
            if key in out:
                raise ValueError(f"text key {key!r} is defined twice")
            out[key] = text
    return out
