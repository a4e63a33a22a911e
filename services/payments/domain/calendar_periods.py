"""Counting allocation periods per calendar month for commitments (ijw-3.2.md §12.5).

Each period of an allocation is attributed to exactly one month, so monthly figures add up to
the whole without double counting:
- per day: every day, in its month;
- per week: every ISO week (Mon–Sun) the range touches, counted whole (partial weeks count fully),
  in the month of its Sunday — or of the range's last day for a broken last week. That is the
  output rule of IV076/IV077 and, summed, the inspanning cumulative cap (weeks touched);
- per month: every calendar month the range touches, whole (IV078: a partial month counts fully).
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta

from services.payments.domain.errors import UnitMismatch
from services.payments.domain.units import PER_DAY, PER_MONTH, PER_WEEK
from shared.clock import AMSTERDAM


def month_of(day: date) -> date:
    return day.replace(day=1)


def next_month(month: date) -> date:
    return date(month.year + month.month // 12, month.month % 12 + 1, 1)


def days_by_month(first: date, last: date) -> Counter[date]:
    counts: Counter[date] = Counter()
    month = month_of(first)
    while month <= last:
        start, end = max(first, month), min(last, next_month(month) - timedelta(days=1))
        counts[month] = (end - start).days + 1
        month = next_month(month)
    return counts


def weeks_by_month(first: date, last: date) -> Counter[date]:
    counts: Counter[date] = Counter()
    monday = first - timedelta(days=first.weekday())
    while monday <= last:
        counts[month_of(min(monday + timedelta(days=6), last))] += 1
        monday += timedelta(days=7)
    return counts


def months_by_month(first: date, last: date) -> Counter[date]:
    return Counter({month: 1 for month in days_by_month(first, last)})


PERIOD_COUNTERS = {PER_DAY: days_by_month, PER_WEEK: weeks_by_month, PER_MONTH: months_by_month}


def periods_by_month(frequency: int, first: date, last: date) -> Counter[date]:
    """Periods of `frequency` in [first, last], each in one month; none if first > last."""
    if frequency not in PERIOD_COUNTERS:
        raise UnitMismatch(f"frequency {frequency} is not per day, week or month (WMO757)")
    if first > last:
        return Counter()
    return PERIOD_COUNTERS[frequency](first, last)


def end_of(day: date) -> datetime:
    """The first moment after `day` in Dutch time, in UTC: what was recorded before it counts as
    recorded by the end of that day (the lawfulness evidence as of a date)."""
    return datetime.combine(day + timedelta(days=1), time(), AMSTERDAM).astimezone(UTC)
