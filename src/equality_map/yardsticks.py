"""Yardsticks of need: how many shelter places (or counselling centres) an area should have.

The Gewalthilfegesetz fixes no yardstick, so planners compare against several
(data/yardsticks.csv): per `base` population (inhabitants or women), `amount` units per
`per_n`. Units matter: `family_places` counts places for women, `beds` counts places for
women plus places for children, `facilities` counts entries of the service's category.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass
from pathlib import Path

from equality_map import schema as s
from equality_map.settings import DATA_DIR

DEFAULT_PATH = DATA_DIR / "yardsticks.csv"
DEFAULT_ID = "coe_family_place_10k"
UNITS = ("family_places", "beds", "facilities")
BASES = ("inhabitants", "women")


class YardstickError(ValueError):
    """A yardstick is malformed or unknown; the message says which and what is allowed."""


@dataclass(frozen=True)
class Yardstick:
    """A need standard: `amount` `unit`s of `service` per `per_n` of the `base` population."""

    id: str
    label_de: str
    label_en: str
    service: str
    unit: str
    amount: float
    per_n: int
    base: str
    source_url: str = ""
    note_de: str = ""
    note_en: str = ""

    def label(self, lang: str) -> str:
        """The label in the UI language."""
        return self.label_en if lang == "en" else self.label_de

    def note(self, lang: str) -> str:
        """The note in the UI language."""
        return self.note_en if lang == "en" else self.note_de

    def target(self, population: float, women: float) -> float:
        """The units an area with this population needs."""
        base = women if self.base == "women" else population
        return base * self.amount / self.per_n


def custom(amount: float, per_n: int, unit: str, base: str = "inhabitants") -> Yardstick:
    """A planner's own number, e.g. 2 beds per 10,000 inhabitants."""
    if unit not in UNITS or base not in BASES or amount <= 0 or per_n <= 0:
        raise YardstickError(
            f"custom yardstick: amount and per_n must be positive, unit one of {UNITS}, base "
            f"one of {BASES}"
        )
    service = "counselling_centre" if unit == "facilities" else "womens_shelter"
    n = f"{amount:g} / {per_n:,}".replace(",", ".")
    return Yardstick("custom", f"Eigener Wert: {n}", f"Own value: {n}", service, unit, amount,
                     per_n, base)  # fmt: skip


def load_yardsticks(path: str | Path = DEFAULT_PATH) -> dict[str, Yardstick]:
    """Read data/yardsticks.csv; raise YardstickError naming the row when it is malformed."""
    out: dict[str, Yardstick] = {}
    with open(path, encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            where = f"{path}:{line}"
            try:
                stick = Yardstick(
                    id=row["id"].strip(),
                    label_de=row["label_de"].strip(),
                    label_en=row["label_en"].strip(),
                    service=row["service"].strip(),
                    unit=row["unit"].strip(),
                    amount=float(row["amount"]),
                    per_n=int(row["per_n"]),
                    base=row["base"].strip(),
                    source_url=row.get("source_url", "").strip(),
                    note_de=row.get("note_de", "").strip(),
                    note_en=row.get("note_en", "").strip(),
                )
            except (KeyError, ValueError) as exc:
                raise YardstickError(f"{where}: {exc}") from exc
            if stick.unit not in UNITS or stick.base not in BASES:
                raise YardstickError(f"{where}: unit must be one of {UNITS}, base one of {BASES}")
            if stick.service not in s.CATEGORIES or stick.amount <= 0 or stick.per_n <= 0:
                raise YardstickError(f"{where}: service must be a category, amount/per_n > 0")
            if stick.id in out:
                raise YardstickError(f"{where}: id {stick.id} appears twice")
            out[stick.id] = stick
    return out


def get_yardstick(yardstick_id: str, sticks: dict[str, Yardstick] | None = None) -> Yardstick:
    """The yardstick `yardstick_id`; the error lists the ids there are."""
    sticks = sticks if sticks is not None else load_yardsticks()
    if yardstick_id not in sticks:
        raise YardstickError(
            f"unknown yardstick {yardstick_id!r}; choose one of {', '.join(sticks)}"
        )
    return sticks[yardstick_id]
