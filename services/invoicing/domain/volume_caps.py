"""Volume caps per ProductPeriode (TR321) and over the allocation's life (TR322), ijw-3.2.md §12.5.

Volumes are compared in a base unit: hours count as minutes, so an hour allocation can be
declared in minutes (TR341 exception); every other unit is compared with itself only.
"""

from __future__ import annotations

from datetime import date

from services.invoicing.domain import calendar_counts as cal
from services.invoicing.domain.allocation import AllocationVersion, Extent, Frequency
from services.invoicing.domain.declaration import Period, Unit


_HOUR, _MINUTE = Unit.HOUR, Unit.MINUTE  # enum attribute lookups are slow on the per-line path


def to_base(volume: int, unit: Unit) -> int:
    return volume * 60 if unit is _HOUR else volume


def comparable(declared: Unit, allocated: Unit) -> bool:
    """TR341: the allocated unit, or minutes against an hour allocation."""
    return declared is allocated or (allocated is _HOUR and declared is _MINUTE)


def month_key(day: date) -> tuple[int, int]:
    return (day.year, day.month)


def period_cap(version: AllocationVersion, month: Period) -> int:
    """Allocated volume (base unit) for the calendar month ∩ allocation a line falls in."""
    extent = version.extent
    assert extent is not None
    window = cal.intersection(month, version.period)
    if window is None:
        return 0
    per = to_base(extent.volume, extent.unit)
    if extent.frequency is Frequency.PER_DAY:
        return per * cal.days(window)  # best understanding, §12.5
    if extent.frequency is Frequency.PER_WEEK:
        return per * _weeks_in(version, extent, window)
    return per  # IV078: V per month, also for a partial month; TOTAL: at most V in any month


def total_cap(version: AllocationVersion) -> int | None:
    """Allocated volume (base unit) over the allocation's life; None when it has no end."""
    extent = version.extent
    assert extent is not None
    per = to_base(extent.volume, extent.unit)
    if extent.frequency is Frequency.TOTAL:
        return per
    if version.end is None:
        return None
    life = version.period
    if extent.frequency is Frequency.PER_DAY:
        return per * cal.days(life)
    if extent.frequency is Frequency.PER_WEEK:
        return per * _weeks_in(version, extent, life)
    return per * cal.months(life)


def _weeks_in(version: AllocationVersion, extent: Extent, window: Period) -> int:
    if not extent.unit.is_output:
        return cal.iso_weeks(window)  # IV077 effort: ISO weeks touched, partial weeks count fully
    # IV076/IV077 output: a week belongs to the period holding its Sunday; the broken last week
    # of an allocation not ending on a Sunday counts in the period holding its last Sunday.
    weeks = cal.sundays(window)
    end = version.end
    if end is not None and end.weekday() != 6 and window.contains(cal.last_sunday_or_end(version.period)):
        weeks += 1
    return weeks
