"""Counting calendar units in a period: days, ISO weeks, Sundays, months. All O(1)."""

from __future__ import annotations

import calendar
from datetime import date, timedelta
from functools import lru_cache

from services.invoicing.domain.declaration import Period


def month_of(day: date) -> Period:
    return _month(day.year, day.month)


@lru_cache(maxsize=1024)
def _month(year: int, month: int) -> Period:
    return Period(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]))


def intersection(first: Period, second: Period) -> Period | None:
    begin, end = max(first.begin, second.begin), min(first.end, second.end)
    return Period(begin, end) if begin <= end else None


def days(period: Period) -> int:
    return (period.end - period.begin).days + 1


def iso_weeks(period: Period) -> int:
    """ISO-8601 weeks (Monday–Sunday) the period touches; partial weeks count fully (IV077)."""
    first_monday = period.begin - timedelta(days=period.begin.weekday())
    last_monday = period.end - timedelta(days=period.end.weekday())
    return (last_monday - first_monday).days // 7 + 1


def sundays(period: Period) -> int:
    first_sunday = period.begin + timedelta(days=(6 - period.begin.weekday()))
    if first_sunday > period.end:
        return 0
    return (period.end - first_sunday).days // 7 + 1


def last_sunday_or_end(period: Period) -> date:
    """The last Sunday in the period, or its end when it holds no Sunday."""
    candidate = period.end - timedelta(days=(period.end.weekday() + 1) % 7)
    return candidate if candidate >= period.begin else period.end


def months(period: Period) -> int:
    return (period.end.year - period.begin.year) * 12 + period.end.month - period.begin.month + 1
