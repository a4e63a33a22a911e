"""Monitoring of a lump-sum schedule (issue 17, item 1): its clients in care per month, from the
starts and stops (JW305/JW307) the providers report, beside the production declared under it.

Under a lump sum the declarations pay nothing, so starts and stops are what tells the region
whom it pays for (OP364: they are never a matching input; here they are only counted). A spell
is in care in a month when it started on or before the month's last day and has not stopped
before its first day; a start the provider withdrew (its JW305 with StatusAanlevering 3) counts
not at all.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

from services.payments.domain.advances import add_months
from services.payments.domain.book import INFORMATION, Item


@dataclass(frozen=True)
class CareSpell:
    """One start (JW305) of a client's allocation, with its stop (JW307) once reported."""

    municipality: str
    allocation_number: int
    client: str
    provider: str
    product: str | None
    begin: date
    end: date | None = None
    reason: str | None = None


@dataclass(frozen=True)
class MonitoringMonth:
    month: date
    clients: int
    starts: int
    stops: int
    lines: int
    production: int


def monitoring(year: int, spells: Iterable[CareSpell], lines: Iterable[Item]) -> list[MonitoringMonth]:
    spells = list(spells)
    by_month: dict[date, list[Item]] = defaultdict(list)
    for line in lines:
        if line.status == INFORMATION and line.period_start.year == year:
            by_month[line.period_start.replace(day=1)].append(line)
    rows = []
    for m in range(1, 13):
        first = date(year, m, 1)
        last = add_months(first, 1) - timedelta(days=1)
        in_care = {s.client for s in spells if s.begin <= last and (s.end is None or s.end >= first)}
        rows.append(MonitoringMonth(
            first, len(in_care), sum(first <= s.begin <= last for s in spells),
            sum(s.end is not None and first <= s.end <= last for s in spells),
            len(by_month[first]), sum(i.amount for i in by_month[first])))
    return rows
