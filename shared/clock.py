"""The clock port: domain code never reads the time itself; handlers get it from here."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from typing import Protocol
from zoneinfo import ZoneInfo

AMSTERDAM = ZoneInfo("Europe/Amsterdam")


def business_day(at: datetime) -> date:
    """The Dutch calendar day of an instant: the day deadlines, message dates and "not in the
    future" checks count in. `at.date()` of a UTC time is the day before between 23:00 (22:00 in
    summer) and midnight UTC."""
    if at.tzinfo is None:
        raise ValueError("business_day needs an aware datetime")
    return at.astimezone(AMSTERDAM).date()


class Clock(Protocol):
    def now(self) -> datetime: ...

    def today(self) -> date: ...


class SystemClock:
    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        """The business day in the Netherlands, which is what deadlines count in."""
        return business_day(self.now())


class FixedClock:
    """A clock that moves only when told: for tests and for replaying a demo month."""

    def __init__(self, at: datetime) -> None:
        if at.tzinfo is None:
            raise ValueError("FixedClock needs an aware datetime")
        self._at = at

    def now(self) -> datetime:
        return self._at

    def today(self) -> date:
        return business_day(self._at)

    def advance(self, delta: timedelta) -> None:
        self._at += delta

    def set(self, at: datetime) -> None:
        self._at = at
