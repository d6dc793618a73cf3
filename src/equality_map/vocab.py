"""Controlled vocabularies for target groups, topics and languages (data/vocab_*.csv).

Each value has a key, a German and an English label and synonyms in both languages. The
loader maps what people write ("Frauen", "women", "Frau") to the key ("women"); filters,
popups, the list and exports show the label in the UI language. A value that matches no key
is kept as it was written (and the loader warns), never dropped.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from equality_map import schema as s
from equality_map.settings import DATA_DIR

FILES = {
    s.TARGET_GROUPS: DATA_DIR / "vocab_target_groups.csv",
    s.TOPICS: DATA_DIR / "vocab_topics.csv",
    s.LANGUAGES: DATA_DIR / "vocab_languages.csv",
}


@dataclass(frozen=True)
class Term:
    """One value of a vocabulary."""

    key: str
    de: str
    en: str

    def label(self, lang: str) -> str:
        """The label in the UI language."""
        return self.en if lang == "en" else self.de


class Vocabulary:
    """The values of one list column and the spellings that mean them."""

    def __init__(self, terms: list[Term], synonyms: dict[str, str]) -> None:
        self.terms = {t.key: t for t in terms}
        self._lookup: dict[str, str] = {}
        for term in terms:
            for spelling in (term.key, term.de, term.en):
                self._lookup.setdefault(s.header_key(spelling), term.key)
        for spelling, key in synonyms.items():
            self._lookup.setdefault(s.header_key(spelling), key)

    def key_of(self, text: str) -> str | None:
        """The key a written value means, or None when it matches no value."""
        return self._lookup.get(s.header_key(text))

    def label(self, value: str, lang: str) -> str:
        """The label of a key in `lang`; free text (no key) is shown as written."""
        term = self.terms.get(value)
        return term.label(lang) if term else value

    def normalise(self, items: list[str]) -> tuple[list[str], list[str]]:
        """(keys and unknown values in order, without repeats; the unknown values)."""
        out: list[str] = []
        unknown: list[str] = []
        for item in items:
            key = self.key_of(item)
            value = key or item
            if key is None:
                unknown.append(item)
            if value not in out:
                out.append(value)
        return out, unknown


def read_vocabulary(path: Path) -> Vocabulary:
    """A vocabulary file: key, de, en, synonyms (`;`-separated, German and English)."""
    terms: list[Term] = []
    synonyms: dict[str, str] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            term = Term(row["key"].strip(), row["de"].strip(), row["en"].strip())
            terms.append(term)
            for spelling in (row.get("synonyms") or "").split(";"):
                if spelling.strip():
                    synonyms.setdefault(spelling.strip(), term.key)
    return Vocabulary(terms, synonyms)


@lru_cache(maxsize=4)
def vocabularies() -> dict[str, Vocabulary]:
    """The bundled vocabularies, by list column (target groups, topics, languages)."""
    return {column: read_vocabulary(path) for column, path in FILES.items()}


def label(column: str, value: str, lang: str) -> str:
    """A list value for people: its label in `lang` (free text as written)."""
    vocab = vocabularies().get(column)
    return vocab.label(value, lang) if vocab else value
