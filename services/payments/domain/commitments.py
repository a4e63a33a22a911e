"""Commitments (verplichtingen): what active allocations still commit the municipality to.

committed = remaining allocated volume × contract tariff, per month, from `from_` (the first day
not yet realised — normally the first day of the current month, as care is declared after the
month) up to `horizon` (normally the end of the budget year). Per frequency (ijw-3.2.md §10.2):
- per day / week / month: volume × the periods of the remaining range (calendar_periods);
- total within the allocation: (volume − volume already approved), spread over the days from
  `from_` to the allocation's end in proportion to days; only the part up to `horizon` counts.
An allocation without an end date runs to the horizon. Amounts are exact products rounded
half-up once per month (§12.6); a total's months are rounded cumulatively so they add up exactly.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from fractions import Fraction

from services.payments.domain.calendar_periods import days_by_month, periods_by_month
from services.payments.domain.rounding import round_half_up
from services.payments.domain.units import TOTAL, Tariff, price_per_unit


@dataclass(frozen=True)
class AllocationTerms:
    allocation_id: str
    municipality: str
    provider: str
    budget_line: str
    """The budget line (perceel) of the allocated product, from the region file."""
    start: date
    end: date | None
    unit: str
    frequency: int
    volume: int
    tariff: Tariff | None
    """The contract tariff of the product; None for unit 83 (euros)."""
    consumed: int = 0
    """Volume approved so far, in the allocation's unit; used for frequency 6 (total)."""
    active: bool = True
    """False once the allocation is revoked or deleted (RedenWijziging 13)."""
    contract_id: str | None = None
    """The contract the allocation's care is paid under (None: no contract of the region names it)."""


def committed_by_month(terms: AllocationTerms, from_: date, horizon: date) -> dict[date, int]:
    """Committed eurocents per month (keyed by the month's first day), ascending."""
    first, last = max(terms.start, from_), min(terms.end or horizon, horizon)
    if not terms.active or first > last:
        return {}
    price = price_per_unit(terms.unit, terms.tariff)
    if terms.frequency == TOTAL:
        return _spread_total(terms, first, last, price)
    counts = periods_by_month(terms.frequency, first, last)
    return {month: round_half_up(n * terms.volume * price) for month, n in sorted(counts.items())}


def committed_amount(terms: AllocationTerms, from_: date, horizon: date) -> int:
    return sum(committed_by_month(terms, from_, horizon).values())


def _spread_total(
    terms: AllocationTerms, first: date, last: date, price: Fraction
) -> dict[date, int]:
    remaining = max(0, terms.volume - terms.consumed) * price
    spread_days = ((terms.end or last) - first).days + 1
    months, days_done, booked = {}, 0, 0
    for month, days in sorted(days_by_month(first, last).items()):
        days_done += days
        through = round_half_up(remaining * days_done / spread_days)
        months[month], booked = through - booked, through
    return months
