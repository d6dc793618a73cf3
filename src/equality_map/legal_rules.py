"""Each Land's rule on who must appoint a municipal equality officer (data/legal_rules.csv).

One row per Land: the law, a population threshold and operator, municipalities obliged by
their status, and where the wording was checked. `LegalRule.required` answers True/False
where the rule decides and None where it is unknown (never guessed).
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


@dataclass(frozen=True)
class LegalRule:
    """A Land's rule on who must appoint a municipal equality officer (data/legal_rules.csv)."""

    state: str
    who_must_appoint: str
    threshold: int | None
    threshold_operator: str
    status_municipalities: tuple[str, ...]
    otherwise_required: bool | None
    full_time: str
    law: str
    source_url: str
    wording_checked: str
    notes: str

    def required(self, population: float | None, *, has_status: bool = False) -> bool | None:
        """True/False where the rule decides, None where it is unknown.

        `has_status` says the municipality is one of `status_municipalities` (e.g. a kreisfreie
        Stadt in Bayern); `status_positions` resolves those names against the gazetteer.
        """
        if has_status:
            return True
        if self.threshold is not None:
            if population is None or (isinstance(population, float) and math.isnan(population)):
                return None
            if self.threshold_operator == ">=":
                return bool(population >= self.threshold)
            return bool(population > self.threshold)
        return self.otherwise_required


class LegalRulesError(ValueError):
    """The legal rules table is malformed; the message says which row and how to fix it."""


_RULE_COLUMNS = (
    "state",
    "who_must_appoint",
    "threshold",
    "threshold_operator",
    "status_municipalities",
    "otherwise_required",
    "full_time",
    "law",
    "source_url",
    "wording_checked",
    "notes",
)


def load_legal_rules(path: str | Path = DEFAULT_RULES_PATH) -> dict[str, LegalRule]:
    """Read data/legal_rules.csv into one LegalRule per Land code; raise LegalRulesError if bad."""
    with open(path, encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        missing = [c for c in _RULE_COLUMNS if c not in (reader.fieldnames or [])]
        if missing:
            raise LegalRulesError(f"{path}: missing columns {missing}; expected {_RULE_COLUMNS}")
        rules: dict[str, LegalRule] = {}
        for line, row in enumerate(reader, start=2):
            rules_row = parse_rule(row, f"{path}:{line}")
            if rules_row.state in rules:
                raise LegalRulesError(f"{path}:{line}: Land {rules_row.state} appears twice")
            rules[rules_row.state] = rules_row
    return rules


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
    otherwise_raw = (row.get("otherwise_required") or "").strip().lower()
    if otherwise_raw not in ("", "true", "false"):
        raise LegalRulesError(
            f"{where}: otherwise_required must be true, false or empty, got {otherwise_raw!r}"
        )
    otherwise = None if otherwise_raw == "" else otherwise_raw == "true"
    status = tuple(
        n.strip() for n in (row.get("status_municipalities") or "").split(";") if n.strip()
    )
    return LegalRule(
        state=state,
        who_must_appoint=(row.get("who_must_appoint") or "").strip(),
        threshold=threshold,
        threshold_operator=operator,
        status_municipalities=status,
        otherwise_required=otherwise,
        full_time=(row.get("full_time") or "").strip(),
        law=(row.get("law") or "").strip(),
        source_url=(row.get("source_url") or "").strip(),
        wording_checked=(row.get("wording_checked") or "").strip(),
        notes=(row.get("notes") or "").strip(),
    )


def rules_frame(rules: Mapping[str, LegalRule]) -> pd.DataFrame:
    """The rules as a table (one row per Land) for display."""
    return pd.DataFrame(
        [
            {
                "state": r.state,
                "who_must_appoint": r.who_must_appoint,
                "threshold": r.threshold,
                "threshold_operator": r.threshold_operator,
                "status_municipalities": "; ".join(r.status_municipalities),
                "law": r.law,
                "source_url": r.source_url,
                "notes": r.notes,
            }
            for r in rules.values()
        ]
    )
