"""The periods outcome indicators are measured and settled over: a year ("2026") or a quarter
("2026-K2", K for kwartaal)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

_PATTERN = re.compile(r"^(20\d\d)(?:-K([1-4]))?$")


@dataclass(frozen=True, order=True)
class Period:
    first: date
    last: date

    @property
    def label(self) -> str:
        if (self.first.month, self.last.month) == (1, 12):
            return str(self.first.year)
        return f"{self.first.year}-K{(self.first.month - 1) // 3 + 1}"

    @property
    def kind(self) -> str:
        return "year" if (self.first.month, self.last.month) == (1, 12) else "quarter"

    def closed(self, today: date) -> bool:
        return self.last < today

    def holds(self, day: date) -> bool:
        return self.first <= day <= self.last


def parse_period(text: str) -> Period | None:
    """None when `text` is not a year (2000–2099) or a quarter of one."""
    found = _PATTERN.match(text.strip())
    if not found:
        return None
    year = int(found.group(1))
    if found.group(2) is None:
        return Period(date(year, 1, 1), date(year, 12, 31))
    first = date(year, 3 * int(found.group(2)) - 2, 1)
    after = date(year + 1, 1, 1) if first.month == 10 else date(year, first.month + 3, 1)
    return Period(first, after - timedelta(days=1))


def periods_of(kind: str, year: int) -> tuple[Period, ...]:
    """The periods of a clause's kind in a year."""
    if kind == "year":
        return (Period(date(year, 1, 1), date(year, 12, 31)),)
    return tuple(p for q in range(1, 5) if (p := parse_period(f"{year}-K{q}")) is not None)
