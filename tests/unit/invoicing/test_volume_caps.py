"""Volume caps (TR321/TR322) with the algorithms of ijw-3.2.md §12.5."""

from datetime import date

from services.invoicing.domain.allocation import Extent, Frequency
from services.invoicing.domain.calendar_counts import month_of
from services.invoicing.domain.declaration import Period, Unit
from services.invoicing.domain.volume_caps import period_cap, total_cap
from tests.unit.invoicing.builders import (allocation, approved, codes, context, declaration, line,
                                           version)

MAY = Period(date(2026, 5, 1), date(2026, 5, 31))
MARCH = Period(date(2026, 3, 1), date(2026, 3, 31))


def test_weekly_effort_cap_counts_iso_weeks_touched_per_month():
    caps = [period_cap(version(), month_of(date(2026, m, 1))) for m in (4, 5, 6, 7)]
    assert caps == [600, 600, 600, 360]  # minutes: 10 h, 10 h, 10 h, 6 h (§12.9)


def test_weekly_effort_total_cap_counts_iso_weeks_of_the_allocation():
    assert total_cap(version()) == 32 * 60


def test_weekly_output_cap_counts_sundays_plus_broken_last_week():
    weekly = Extent(30000, Unit.EUROS, Frequency.PER_WEEK)
    euros = version(start=date(2022, 10, 11), end=date(2022, 12, 31), extent=weekly)
    caps = [period_cap(euros, month_of(date(2022, m, 1))) for m in (10, 11, 12)]
    assert caps == [90000, 120000, 150000]  # IV077 example: €900, €1 200, €1 500


def test_monthly_cap_is_whole_volume_in_partial_month():
    monthly = version(start=date(2026, 4, 12), extent=Extent(15, Unit.HOUR, Frequency.PER_MONTH))
    assert period_cap(monthly, month_of(date(2026, 4, 1))) == 15 * 60  # IV078


def test_daily_cap_counts_days_in_period_within_allocation():
    daily = version(start=date(2026, 4, 10), extent=Extent(1, Unit.DAY_AND_NIGHT, Frequency.PER_DAY))
    assert period_cap(daily, month_of(date(2026, 4, 1))) == 21


def test_may_line_over_weekly_cap_gets_9321():
    june_3 = date(2026, 6, 3)
    may = line(period=MAY, volume=11, amount=82500)
    assert codes(declaration(may, period=MAY, dated=june_3), context(received_on=june_3)) == ("9321",)


def test_minutes_are_capped_against_hours():
    assert codes(declaration(line(volume=601, unit=Unit.MINUTE, tariff=125, amount=75125))) == ("9321",)


def test_cumulative_volume_over_total_gets_9322():
    total = allocation(version(extent=Extent(10, Unit.HOUR, Frequency.TOTAL)))
    history = approved(line("R1", period=MARCH, volume=5, amount=37500))
    assert codes(ctx=context(total, history=history)) == ("9322",)


def test_credited_debets_do_not_count_towards_the_cap():
    total = allocation(version(extent=Extent(10, Unit.HOUR, Frequency.TOTAL)))
    history = approved(line("R1", period=MARCH, volume=5, amount=37500), credited=("R1",))
    assert codes(ctx=context(total, history=history)) == ()


def test_approved_minutes_count_towards_an_hour_cap():
    history = approved(line("R1", code="55A12", volume=300, unit=Unit.MINUTE, tariff=125, amount=37500))
    assert codes(declaration(line(volume=6, amount=45000)), context(history=history)) == ("9321",)


def test_weekly_output_line_is_capped_by_sundays_in_its_month():
    weekly = allocation(version(extent=Extent(10000, Unit.EUROS, Frequency.PER_WEEK)))
    euros = line(unit=Unit.EUROS, tariff=None, volume=40001, amount=40001)  # April 2026: 4 Sundays
    assert codes(declaration(euros), context(weekly)) == ("9321",)
