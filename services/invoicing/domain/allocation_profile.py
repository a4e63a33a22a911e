"""What the rules need of one allocation, computed once per allocation per match and once per
calendar month it is declared for: caps (TR321/TR322) and the expected ProductPeriode
(TR387/TR388). Keeps the per-line cost flat (performance-reliability.md §7.4)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from services.invoicing.domain.allocation import AllocationVersion
from services.invoicing.domain.calendar_counts import month_of
from services.invoicing.domain.declaration import Period
from services.invoicing.domain.volume_caps import period_cap, total_cap


@dataclass(frozen=True)
class MonthProfile:
    month: Period
    expected: Period
    """The ProductPeriode TR387/TR388 expect: the month, cut to the allocation within it."""
    cap: int | None
    """TR321 cap in base units for this month; None when the allocation has no Omvang."""


@dataclass(frozen=True)
class AllocationProfile:
    version: AllocationVersion
    total_cap: int | None
    _months: dict[tuple[int, int], MonthProfile] = field(default_factory=dict, repr=False, compare=False)
    """A memo of `month()`; filled on use, never observable from outside."""

    @staticmethod
    def of(version: AllocationVersion) -> AllocationProfile:
        return AllocationProfile(version, total_cap(version) if version.extent is not None else None)

    def month(self, day: date) -> MonthProfile:
        key = (day.year, day.month)
        found = self._months.get(key)
        if found is None:
            found = self._months[key] = self._profile(month_of(day))
        return found

    def _profile(self, month: Period) -> MonthProfile:
        start, end = self.version.start, self.version.end
        # TR387: the 1st, unless the allocation starts later that month; TR388 likewise at the end.
        begin = start if month.begin < start <= month.end else month.begin
        last = end if end is not None and month.begin <= end < month.end else month.end
        cap = period_cap(self.version, month) if self.version.extent is not None else None
        return MonthProfile(month, Period(begin, last), cap)
