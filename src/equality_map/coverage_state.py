"""The Coverage page's view as URL state: level, area, comparison, yardstick, thresholds.

Like `filters.Filter` for the map: `from_query_params` parses what is in the URL (unknown
values dropped, never raises) and `to_query_params` writes it back, so a link restores the
view in a fresh browser.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from equality_map.coverage import DEFAULT_MIN_POPULATION, LEVELS
from equality_map.reach import DEFAULT_THRESHOLDS_KM
from equality_map.yardsticks import BASES, DEFAULT_ID, UNITS

ParamValue = str | Sequence[str]
MAX_COMPARE = 5


def _first(params: Mapping[str, ParamValue], key: str) -> str:
    raw = params.get(key, "")
    if isinstance(raw, str):
        return raw.strip()
    return str(raw[0]).strip() if raw else ""


def _all(params: Mapping[str, ParamValue], key: str) -> list[str]:
    raw = params.get(key, [])
    items = [raw] if isinstance(raw, str) else list(raw)
    return [" ".join(str(v).split()) for v in items if str(v).strip()]


def _number(text: str, low: float, high: float) -> float | None:
    try:
        value = float(text.replace(",", "."))
    except ValueError:
        return None
    return value if low <= value <= high else None


@dataclass(frozen=True)
class CoverageState:
    """What the planner looks at; defaults are left out of the URL."""

    level: str = "kreis"
    area: str = ""
    compare: tuple[str, ...] = ()
    yardstick: str = DEFAULT_ID
    custom_amount: float = 1.0
    custom_per: int = 10_000
    custom_unit: str = "family_places"
    custom_base: str = "inhabitants"
    thresholds: tuple[int, ...] = field(default=DEFAULT_THRESHOLDS_KM)
    min_population: int = DEFAULT_MIN_POPULATION

    @classmethod
    def from_query_params(
        cls, params: Mapping[str, ParamValue], yardsticks: Sequence[str] = ()
    ) -> CoverageState:
        """Parse the page's params; anything unknown or out of range falls back to defaults."""
        level = _first(params, "level")
        stick = _first(params, "yardstick")
        ok_sticks = set(yardsticks) | {"custom"} if yardsticks else None
        amount = _number(_first(params, "amount"), 0.01, 1000)
        per = _number(_first(params, "per"), 1, 10_000_000)
        unit = _first(params, "unit")
        base = _first(params, "base")
        km = [v for v in (_number(x, 1, 500) for x in _all(params, "km")[:4]) if v is not None]
        min_pop = _number(_first(params, "min_pop"), 0, 5_000_000)
        return cls(
            level=level if level in LEVELS else cls.level,
            area=_first(params, "area")[:100],
            compare=tuple(dict.fromkeys(v[:100] for v in _all(params, "compare")))[:MAX_COMPARE],
            yardstick=stick if stick and (ok_sticks is None or stick in ok_sticks) else DEFAULT_ID,
            custom_amount=amount if amount is not None else cls.custom_amount,
            custom_per=int(per) if per is not None else cls.custom_per,
            custom_unit=unit if unit in UNITS else cls.custom_unit,
            custom_base=base if base in BASES else cls.custom_base,
            thresholds=tuple(sorted({int(v) for v in km})) or DEFAULT_THRESHOLDS_KM,
            min_population=int(min_pop) if min_pop is not None else DEFAULT_MIN_POPULATION,
        )

    def to_query_params(self) -> dict[str, str | list[str]]:
        """The params of this view (defaults left out)."""
        default = CoverageState()
        out: dict[str, str | list[str]] = {}
        if self.level != default.level:
            out["level"] = self.level
        if self.area:
            out["area"] = self.area
        if self.compare:
            out["compare"] = list(self.compare)
        if self.yardstick != default.yardstick:
            out["yardstick"] = self.yardstick
        if self.yardstick == "custom":
            out["amount"] = f"{self.custom_amount:g}"
            out["per"] = str(self.custom_per)
            out["unit"] = self.custom_unit
            out["base"] = self.custom_base
        if self.thresholds != default.thresholds:
            out["km"] = [str(v) for v in self.thresholds]
        if self.min_population != default.min_population:
            out["min_pop"] = str(self.min_population)
        return out
