"""Calendar months: the unit of declaring (CS340) and of most allocation volumes."""

from __future__ import annotations

from calendar import monthrange
from datetime import date

from shared.ijw.model.basis import Period


def add_months(first: date, count: int) -> date:
    """The first day of the month `count` months after the month of `first`."""
    index = first.year * 12 + first.month - 1 + count
    return date(index // 12, index % 12 + 1, 1)


def last_day(day: date) -> date:
    return day.replace(day=monthrange(day.year, day.month)[1])


def month_of(day: date) -> Period:
    return Period(day.replace(day=1), last_day(day))


def months_touched(start: date, end: date) -> int:
    return (end.year - start.year) * 12 + end.month - start.month + 1


def overlap(first: Period, start: date, end: date | None) -> Period | None:
    """`first` cut to [start, end]; None when they do not meet."""
    begin, last = max(first.start, start), first.end if end is None else min(first.end, end)
    return Period(begin, last) if begin <= last else None
