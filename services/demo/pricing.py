"""What a line costs: ProductTarief and IngediendBedrag from the contract tariff (§12.6, TR346).

Integer cents only; half-up on the exact value. A line in minutes against an hour tariff
carries the hour tariff ÷ 60 rounded half-up as ProductTarief, and its amount is computed
from the unrounded tariff (design.md §5).
"""

from __future__ import annotations

from dataclasses import dataclass

from services.demo.offers import HOUR, MINUTE

MINUTES_PER_HOUR = 60


def round_half_up(numerator: int, denominator: int) -> int:
    return (2 * numerator + denominator) // (2 * denominator)


@dataclass(frozen=True)
class Price:
    tariff: int
    """ProductTarief in cents per the line's unit."""
    amount: int
    """IngediendBedrag in cents."""


def price(volume: int, line_unit: str, contract_cents: int, contract_unit: str) -> Price:
    if contract_unit == HOUR and line_unit == MINUTE:
        return Price(round_half_up(contract_cents, MINUTES_PER_HOUR),
                     round_half_up(contract_cents * volume, MINUTES_PER_HOUR))
    return Price(contract_cents, contract_cents * volume)


def base_volume(volume: int, unit: str) -> int:
    """Volumes compare in a base unit: hours as minutes (TR341 exception); others as they are."""
    return volume * MINUTES_PER_HOUR if unit == HOUR else volume


def comparable(line_unit: str, allocated_unit: str) -> bool:
    return line_unit == allocated_unit or (allocated_unit == HOUR and line_unit == MINUTE)
