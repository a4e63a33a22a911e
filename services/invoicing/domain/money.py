"""Integer eurocent arithmetic: half-up rounding of exact quotients and the minute tariff (§12.6)."""

from __future__ import annotations

from services.invoicing.domain.declaration import DebitCredit

MINUTES_PER_HOUR = 60


def round_half_up(numerator: int, denominator: int) -> int:
    """numerator / denominator rounded half-up, for non-negative exact quotients."""
    if numerator < 0 or denominator <= 0:
        raise ValueError("round_half_up expects a non-negative quotient")
    return (2 * numerator + denominator) // (2 * denominator)


def minute_tariff(hour_tariff: int) -> int:
    """ProductTarief of a minute line against an hour tariff: hour ÷ 60, half-up (IV081)."""
    return round_half_up(hour_tariff, MINUTES_PER_HOUR)


def minute_amount(hour_tariff: int, minutes: int) -> int:
    """IngediendBedrag of `minutes` at the UNROUNDED hour tariff ÷ 60, half-up (TR346, §12.6)."""
    return round_half_up(hour_tariff * minutes, MINUTES_PER_HOUR)


def hour_tariffs_rounding_to(minute_cents: int) -> tuple[int, int]:
    """The lowest and highest hour tariff whose minute tariff rounds half-up to `minute_cents`."""
    return max(0, MINUTES_PER_HOUR * minute_cents - 30), MINUTES_PER_HOUR * minute_cents + 29


def unsigned(signed: int) -> tuple[int, DebitCredit]:
    """A signed cent amount as (Bedrag, DebetCredit); zero carries D (CS325)."""
    return abs(signed), DebitCredit.CREDIT if signed < 0 else DebitCredit.DEBIT
