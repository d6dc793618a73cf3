"""Folding of place names for matching: what people type -> comparable keys.

"Hann. Münden", "Hannoversch Münden" and "hannoversch muenden" give the same key; so do
"Frankfurt a. M." and "Frankfurt am Main", "St. Wendel" and "Sankt Wendel", "Weiden i.d.OPf."
and "Weiden in der Oberpfalz". Used by the place matcher and by the build script's aliases.
"""

from __future__ import annotations

import re

from equality_map.schema import fold

#: Words in front of a name that are titles, not part of the name ("Hansestadt Rostock").
_PREFIXES = (
    "freie und hansestadt",
    "freie hansestadt",
    "landeshauptstadt",
    "grosse kreisstadt",
    "universitaetsstadt",
    "hochschulstadt",
    "kreisstadt",
    "hansestadt",
    "lutherstadt",
    "kreisfreie stadt",
    "stadt",
    "gemeinde",
    "markt",
)
#: Connecting words dropped from the core key ("Frankfurt am Main" ~ "Frankfurt (Main)").
_CONNECTIVES = frozenset(
    {"am", "an", "der", "die", "den", "dem", "im", "in", "a", "d", "i", "b", "bei", "ob", "auf",
     "vor", "v", "zum", "zur"}
)  # fmt: skip
#: Official abbreviations in municipality names.
_ABBREVIATIONS = {
    "hann": "hannoversch",
    "st": "sankt",
    "m": "main",
    "o": "oder",
    "opf": "oberpfalz",
    "br": "breisgau",
    "oldb": "oldenburg",
    "westf": "westfalen",
    "holst": "holstein",
    "ndb": "niederbayern",
    "ofr": "oberfranken",
    "mfr": "mittelfranken",
    "ufr": "unterfranken",
    "pf": "pfalz",
    "thür": "thueringen",
    "thuer": "thueringen",
    "hess": "hessen",
}
_SPLIT = re.compile(r"[^0-9a-z]+")
_QUALIFIER = re.compile(r"[(/,]")


def _tokens(folded: str) -> list[str]:
    key = _SPLIT.sub(" ", folded).strip()
    for prefix in _PREFIXES:
        if key.startswith(prefix + " ") and len(key) > len(prefix) + 1:
            key = key[len(prefix) + 1 :]
            break
    return key.split()


def _expand(token: str) -> str:
    if token in _ABBREVIATIONS:
        return _ABBREVIATIONS[token]
    if token.endswith("str") and len(token) > 4:  # "Weinstr." -> "weinstrasse"
        return token + "asse"
    return token


def qualifier_initials(full: str, base: str) -> str:
    """Initials of the words after the base name: "odt" for "Rothenburg o.d.T."."""
    rest = full[len(base) :].split() if full.startswith(base) else []
    return "".join(word[0] for word in rest)


def match_keys(text: str) -> tuple[str, str, str]:
    """The (full, core, base) keys of a place name as typed.

    full: folded words; core: connectives dropped and abbreviations expanded; base: the words
    before the first qualifier ("Frankfurt" of "Frankfurt am Main", "Halle" of "Halle (Saale)").
    """
    folded = fold(text)
    tokens = _tokens(folded)
    full = " ".join(tokens)
    core = " ".join(_expand(t) for t in tokens if t not in _CONNECTIVES)
    parts = _QUALIFIER.split(folded, maxsplit=1)
    head_tokens = _tokens(parts[0]) if len(parts) > 1 else tokens
    base_tokens: list[str] = []
    for token in head_tokens:
        if base_tokens and (token in _CONNECTIVES or len(token) == 1):
            break
        base_tokens.append(token)
    return full, core, " ".join(base_tokens)
