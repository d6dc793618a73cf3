"""Validation issues: what is wrong, where (file, row, column), and how to fix it, in de and en."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass
from typing import Literal

Severity = Literal["error", "warning"]


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
    message_en: str
    message_de: str

    def message(self, lang: str = "en") -> str:
        """The message in German (`de`) or English (any other value)."""
        return self.message_de if lang == "de" else self.message_en

    def format(self, lang: str = "en") -> str:
        """`FILE:ROW: column COLUMN: message`, the CLI contract's line format."""
        where = self.file if self.row is None else f"{self.file}:{self.row}"
        column = f" column {self.column}:" if self.column else ""
        return f"{where}:{column} {self.severity}: {self.message(lang)}"

    def to_dict(self, lang: str = "en") -> dict[str, object]:
        """A JSON-ready dict with file, row, column, value, severity, code and message."""
        data: dict[str, object] = asdict(self)
        data["message"] = self.message(lang)
        return data


def errors(issues: Iterable[Issue]) -> list[Issue]:
    """Only the errors."""
    return [i for i in issues if i.severity == "error"]


def warnings(issues: Iterable[Issue]) -> list[Issue]:
    """Only the warnings."""
    return [i for i in issues if i.severity == "warning"]


class IssueCollector:
    """Collects issues for one file, so call sites name only row, column and the texts."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.issues: list[Issue] = []
        self.error_count = 0

    def add(
        self,
        severity: Severity,
        code: str,
        row: int | None,
        column: str | None,
        value: object,
        en: str,
        de: str,
    ) -> Issue:
        """Record one issue and return it."""
        text = "" if value is None else str(value)
        if len(text) > 200:  # keep reports readable when a cell holds junk
            text = text[:200] + "…"
        issue = Issue(self.file, row, column, text, severity, code, en, de)
        self.issues.append(issue)
        if severity == "error":
            self.error_count += 1
        return issue

    def error(
        self, code: str, row: int | None, column: str | None, value: object, en: str, de: str
    ) -> Issue:
        """Record an error (the row or file is excluded)."""
        return self.add("error", code, row, column, value, en, de)

    def warning(
        self, code: str, row: int | None, column: str | None, value: object, en: str, de: str
    ) -> Issue:
        """Record a warning (the row is kept)."""
        return self.add("warning", code, row, column, value, en, de)
