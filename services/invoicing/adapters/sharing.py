"""Equal values as one object, for what one read holds whole while a declaration is matched: its
lines repeat a few product codes, periods and amounts, and the allocations they name a few
providers, dates and codes (for a 100,000-line JW323, one object per line would be tens of MB)."""

from __future__ import annotations

from datetime import date
from typing import Any, TypeVar

from services.invoicing.domain.declaration import Period

V = TypeVar("V")


class Shared:
    """One object per distinct value, for the values of one read. Values of different kinds never
    compare equal here (no booleans go in beside numbers)."""

    def __init__(self) -> None:
        self._values: dict[Any, Any] = {}
        self._periods: dict[tuple[date, date], Period] = {}

    def value(self, value: V) -> V:
        return self._values.setdefault(value, value)

    def period(self, start: date, end: date) -> Period:
        """Keyed by its dates, so a line's period is made only the first time it is seen."""
        key = (start, end)
        found = self._periods.get(key)
        if found is None:
            found = self._periods[key] = Period(start, end)
        return found
