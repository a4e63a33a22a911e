"""Units (WJ756) and frequencies (WMO757) of ijw-3.2.md §10.1–10.2, and how a unit is priced."""

from __future__ import annotations

from dataclasses import dataclass
from fractions import Fraction

from services.payments.domain.errors import UnitMismatch

MINUTE, HOUR, ETMAAL, DAGDEEL = "01", "04", "14", "16"
PIECES_OUTPUT, EUROS, PIECES_EFFORT = "82", "83", "84"

PER_DAY, PER_WEEK, PER_MONTH, TOTAL = 1, 2, 4, 6

# Minutes, hours and dagdelen (4 hours, §10.1) are one time scale and may be priced with each
# other's tariff (TR341 exception: minutes against an hour tariff). An etmaal is contracted as
# its own unit (residential care), never as 24 hour tariffs; pieces only price pieces.
_MINUTES_PER = {MINUTE: 1, HOUR: 60, DAGDEEL: 240}


@dataclass(frozen=True)
class Tariff:
    """Contract tariff in eurocents per `unit`."""

    cents: int
    unit: str


def price_per_unit(unit: str, tariff: Tariff | None) -> Fraction:
    """Exact eurocents per one unit of `unit`; unrounded (§12.6: 7000 ct/h → 350/3 ct/min)."""
    if unit == EUROS:
        return Fraction(1)  # Volume is itself the amount in eurocents (§12.6)
    if tariff is None:
        raise UnitMismatch(f"unit {unit} needs a contract tariff")
    if tariff.unit == unit:
        return Fraction(tariff.cents)
    if unit in _MINUTES_PER and tariff.unit in _MINUTES_PER:
        return Fraction(tariff.cents * _MINUTES_PER[unit], _MINUTES_PER[tariff.unit])
    raise UnitMismatch(f"unit {unit} cannot be priced per {tariff.unit}")
