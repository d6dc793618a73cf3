"""Each Land's rule on who must appoint an equality officer (data/legal_rules.csv).

One row per Land: the law, and the conditions it sets, in the terms of the official
municipality directory: Destatis status codes that oblige by themselves (61 = kreisfreie
Stadt), Gemeindeverband types whose members must appoint (50 = verbandsfrei / amtsfrei /
Einheitsgemeinde: members of an Amt, a Samtgemeinde or a Verbandsgemeinde do not appoint
themselves), a population threshold, what holds otherwise, and whether Landkreise must
appoint. `required` answers True/False where the rule decides and None where it is unknown
(never guessed).
"""

from __future__ import annotations

import csv
import math
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from equality_map import schema as s
from equality_map.settings import DATA_DIR

DEFAULT_RULES_PATH = DATA_DIR / "legal_rules.csv"
_COLUMNS = (
    "state",
    "who_must_appoint",
    "threshold",
    "threshold_operator",
    "status_codes",
    "verband_types",
    "otherwise_required",
    "kreis_required",
    "full_time",
    "law",
    "source_url",
    "wording_checked",
    "notes",
)


class LegalRulesError(ValueError):
    """The legal rules table is malformed; the message says which row and how to fix it."""


@dataclass(frozen=True)
class LegalRule:
    """A Land's rule on equality officers in municipalities and Kreise."""

    state: str
    who_must_appoint: str
    threshold: int | None
    threshold_operator: str
    status_codes: tuple[str, ...]
    verband_types: tuple[str, ...]
    otherwise_required: bool | None
    kreis_required: bool | None
    full_time: str
    law: str
    source_url: str
    wording_checked: str
    notes: str

    def required(
        self, population: float | None, *, status: str = "", verband_type: str = ""
    ) -> bool | None:
        """Must a municipality with this population, status and Verband appoint one?"""
        if status and status in self.status_codes:
            return True
        if self.verband_types and verband_type and verband_type not in self.verband_types:
            return False
        if self.threshold is not None:
            if population is None or (isinstance(population, float) and math.isnan(population)):
                return None
            meets = (
                population >= self.threshold
                if self.threshold_operator == ">="
                else (population > self.threshold)
            )
            if meets:
                return True
        return self.otherwise_required


def _bool(value: str, where: str, column: str) -> bool | None:
    text = (value or "").strip().lower()
    if text not in ("", "true", "false"):
        raise LegalRulesError(f"{where}: {column} must be true, false or empty, got {text!r}")
    return None if text == "" else text == "true"


def _codes(value: str) -> tuple[str, ...]:
    return tuple(c.strip() for c in (value or "").replace(",", ";").split(";") if c.strip())


def parse_rule(row: Mapping[str, str], where: str = "rule") -> LegalRule:
    """Validate one row of the legal rules table."""
    state = s.canonical_state(row.get("state", "") or "")
    if state is None:
        raise LegalRulesError(f"{where}: state {row.get('state')!r} is not a Land code (e.g. NW)")
    raw_threshold = (row.get("threshold") or "").strip()
    threshold: int | None = None
    if raw_threshold:
        if not raw_threshold.isdigit():
            raise LegalRulesError(
                f"{where}: threshold {raw_threshold!r} must be a whole number of inhabitants "
                "without separators (e.g. 20000), or empty"
            )
        threshold = int(raw_threshold)
    operator = (row.get("threshold_operator") or "").strip()
    if threshold is not None and operator not in (">", ">="):
        raise LegalRulesError(f"{where}: threshold_operator must be '>' or '>=', got {operator!r}")
    status_codes = _codes(row.get("status_codes", ""))
    verband_types = _codes(row.get("verband_types", ""))
    for code in (*status_codes, *verband_types):
        if not (code.isdigit() and len(code) == 2):
            raise LegalRulesError(f"{where}: {code!r} is no two-digit Destatis code (e.g. 61)")
    return LegalRule(
        state=state,
        who_must_appoint=(row.get("who_must_appoint") or "").strip(),
        threshold=threshold,
        threshold_operator=operator,
        status_codes=status_codes,
        verband_types=verband_types,
        otherwise_required=_bool(row.get("otherwise_required", ""), where, "otherwise_required"),
        kreis_required=_bool(row.get("kreis_required", ""), where, "kreis_required"),
        full_time=(row.get("full_time") or "").strip(),
        law=(row.get("law") or "").strip(),
        source_url=(row.get("source_url") or "").strip(),
        wording_checked=(row.get("wording_checked") or "").strip(),
        notes=(row.get("notes") or "").strip(),
    )


def load_legal_rules(path: str | Path = DEFAULT_RULES_PATH) -> dict[str, LegalRule]:
    """Read data/legal_rules.csv into one LegalRule per Land code; raise LegalRulesError if bad."""
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in _COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise LegalRulesError(f"{path}: missing columns {missing}; expected {_COLUMNS}")
        rules: dict[str, LegalRule] = {}
        for line, row in enumerate(reader, start=2):
            rule = parse_rule(row, f"{path}:{line}")
            if rule.state in rules:
                raise LegalRulesError(f"{path}:{line}: Land {rule.state} appears twice")
            rules[rule.state] = rule
    return rules


def rules_frame(rules: Mapping[str, LegalRule]) -> pd.DataFrame:
    """The rules as a table (one row per Land) for display."""
    return pd.DataFrame(
        [
            {
                "state": r.state,
                "who_must_appoint": r.who_must_appoint,
                "threshold": r.threshold,
                "threshold_operator": r.threshold_operator,
                "status_codes": "; ".join(r.status_codes),
                "verband_types": "; ".join(r.verband_types),
                "kreis_required": r.kreis_required,
                "law": r.law,
                "source_url": r.source_url,
                "wording_checked": r.wording_checked,
                "notes": r.notes,
            }
            for r in rules.values()
        ]
    )
