"""Validation issues: what is wrong (a code and its parameters), where (file, row, column).

The message is rendered from the text catalogue (`issue.<code>`) in the reader's language, so
the CLI, the Data page and JSON reports say the same thing. `header` is the column as the
user's file names it ("PLZ"), `column` the canonical key ("postcode").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True)
class Localized:
    """A message parameter whose text depends on the language (e.g. a list of labels)."""

    render: Callable[[str], str]


@dataclass(frozen=True)
class Issue:
    """One problem in a data file.

    `row` is the line number in the file (header = 1), or the sheet row for XLSX; None for a
    problem with the whole file. Errors exclude the row (or the file); warnings keep it.
    """

    file: str
    row: int | None
    column: str | None
    value: str
    severity: Severity
    code: str
    params: tuple[tuple[str, Any], ...] = field(default=())
    header: str = ""
    text_key: str = ""

    @property
    def where(self) -> str:
        """The column as the user's file names it (falls back to the canonical key)."""
        return self.header or self.column or ""

    def message(self, lang: str = "en") -> str:
        """The message in German (`de`) or English (any other value)."""
        from equality_map import i18n

        values = {k: (v.render(lang) if isinstance(v, Localized) else v) for k, v in self.params}
        values.setdefault("column", self.where)
        return i18n.t(self.text_key or f"issue.{self.code}", lang, **values)

    def format(self, lang: str = "en") -> str:
        """`FILE:ROW: column COLUMN: message`, the CLI contract's line format."""
        where = self.file if self.row is None else f"{self.file}:{self.row}"
        column = f" column {self.where}:" if self.where else ""
        return f"{where}:{column} {self.severity}: {self.message(lang)}"

    def describe(self, lang: str = "de") -> str:
        """The issue for people in the UI language: 'Zeile 2, Spalte „Webseite“: Fehler: …'."""
        from equality_map import i18n

        parts = []
        if self.row is not None:
            parts.append(i18n.t("issue_row", lang, row=self.row))
        if self.where:
            parts.append(i18n.t("issue_column", lang, column=self.where))
        where = ", ".join(parts)
        severity = i18n.t(f"issue_severity_{self.severity}", lang)
        return (
            f"{where}: {severity}: {self.message(lang)}"
            if where
            else f"{severity}: {self.message(lang)}"
        )

    def to_dict(self, lang: str = "en") -> dict[str, object]:
        """A JSON-ready dict with file, row, column, header, value, severity, code, message."""
        return {
            "file": self.file,
            "row": self.row,
            "column": self.column,
            "header": self.where,
            "value": self.value,
            "severity": self.severity,
            "code": self.code,
            "message": self.message(lang),
        }


def errors(issues: Iterable[Issue]) -> list[Issue]:
    """Only the errors."""
    return [i for i in issues if i.severity == "error"]


def warnings(issues: Iterable[Issue]) -> list[Issue]:
    """Only the warnings."""
    return [i for i in issues if i.severity == "warning"]


class IssueCollector:
    """Collects issues for one file, so call sites name only row, column, code and values."""

    def __init__(self, file: str, headers: dict[str, str] | None = None) -> None:
        self.file = file
        self.headers = headers or {}
        self.issues: list[Issue] = []
        self.error_count = 0

    def add(
        self,
        severity: Severity,
        code: str,
        row: int | None,
        column: str | None,
        value: object,
        /,
        *,
        text_key: str = "",
        **params: Any,
    ) -> Issue:
        """Record one issue and return it."""
        text = "" if value is None else str(value)
        if len(text) > 200:  # keep reports readable when a cell holds junk
            text = text[:200] + "…"
        header = self.headers.get(column or "", "") if column else ""
        issue = Issue(
            self.file,
            row,
            column,
            text,
            severity,
            code,
            tuple(params.items()),
            header,
            text_key,
        )
        self.issues.append(issue)
        if severity == "error":
            self.error_count += 1
        return issue

    def error(
        self, code: str, row: int | None, column: str | None, value: object, /, **params: Any
    ) -> Issue:
        """Record an error (the row or file is excluded)."""
        return self.add("error", code, row, column, value, **params)

    def warning(
        self, code: str, row: int | None, column: str | None, value: object, /, **params: Any
    ) -> Issue:
        """Record a warning (the row is kept)."""
        return self.add("warning", code, row, column, value, **params)
