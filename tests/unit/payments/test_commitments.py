"""Commitments arithmetic for each frequency (WMO757) and unit (WJ756), in eurocents."""

from datetime import date

import pytest

from services.payments.domain.commitments import (
    AllocationTerms, committed_amount, committed_by_month,
)
from services.payments.domain.errors import UnitMismatch
from services.payments.domain.units import Tariff

JUL, DEC_END = date(2026, 7, 1), date(2026, 12, 31)


def terms(unit: str, frequency: int, volume: int, tariff: Tariff | None, start: date,
          end: date | None, **changes) -> AllocationTerms:
    return AllocationTerms("A1", "0193", "87654321", "ambulant", start, end, unit, frequency,
                           volume, tariff, **changes)


def months(values: dict[date, int]) -> dict[int, int]:
    return {m.month: v for m, v in values.items()}


def test_per_day_etmaal_counts_every_remaining_day():
    t = terms("14", 1, 1, Tariff(15_000, "14"), date(2026, 1, 1), date(2026, 8, 15))
    assert months(committed_by_month(t, JUL, DEC_END)) == {7: 465_000, 8: 225_000}


def test_per_day_hours():
    t = terms("04", 1, 2, Tariff(7_000, "04"), date(2026, 12, 1), None)
    assert committed_amount(t, JUL, DEC_END) == 31 * 14_000


def test_per_week_hours_counts_iso_weeks_touched_once_each():
    # IV077's example: 3 h/week, 11-10-2022 … 28-12-2022 touches weeks 41–52: 36 h in all.
    t = terms("04", 2, 3, Tariff(7_000, "04"), date(2022, 10, 11), date(2022, 12, 28))
    by_month = committed_by_month(t, date(2022, 10, 1), date(2022, 12, 31))
    assert months(by_month) == {10: 63_000, 11: 84_000, 12: 105_000}
    assert sum(by_month.values()) == 36 * 7_000


def test_per_week_euros_follow_the_sunday_rule():
    # IV076/IV077's output example: €300/week, 11-10-2022 … 31-12-2022 ⇒ €900, €1 200, €1 500.
    t = terms("83", 2, 30_000, None, date(2022, 10, 11), date(2022, 12, 31))
    assert months(committed_by_month(t, date(2022, 10, 1), date(2022, 12, 31))) == {
        10: 90_000, 11: 120_000, 12: 150_000}


def test_per_week_pieces_count_the_broken_last_week():
    t = terms("84", 2, 2, Tariff(4_500, "84"), date(2026, 7, 1), date(2026, 7, 31))
    assert months(committed_by_month(t, JUL, DEC_END)) == {7: 5 * 2 * 4_500}


def test_per_month_minutes_priced_with_the_unrounded_hour_tariff():
    # 95 min × 7000 ct/h ÷ 60 = 11 083.33 ⇒ 11 083 per month (§12.6); July is partial but whole.
    t = terms("01", 4, 95, Tariff(7_000, "04"), date(2026, 7, 12), date(2026, 9, 30))
    assert months(committed_by_month(t, JUL, DEC_END)) == {7: 11_083, 8: 11_083, 9: 11_083}


def test_per_month_dagdeel_is_four_hours_of_an_hour_tariff():
    t = terms("16", 4, 2, Tariff(7_000, "04"), date(2026, 6, 1), None)
    assert committed_amount(t, JUL, DEC_END) == 6 * 2 * 28_000


def test_per_month_output_pieces_stop_at_the_horizon():
    t = terms("82", 4, 1, Tariff(250_000, "82"), date(2026, 11, 15), date(2027, 3, 31))
    assert months(committed_by_month(t, JUL, DEC_END)) == {11: 250_000, 12: 250_000}


def test_total_volume_commits_what_is_not_yet_approved_spread_by_days():
    t = terms("84", 6, 20, Tariff(5_000, "84"), date(2026, 1, 1), DEC_END, consumed=8)
    by_month = months(committed_by_month(t, JUL, DEC_END))
    assert by_month[7] == 10_109 and by_month[8] == 10_108  # 60 000 × 31/184, cumulatively
    assert sum(by_month.values()) == 60_000


def test_total_volume_running_past_the_year_commits_only_this_year_share():
    t = terms("84", 6, 20, Tariff(5_000, "84"), date(2026, 1, 1), date(2027, 6, 30), consumed=8)
    assert committed_amount(t, JUL, DEC_END) == 30_247  # 60 000 × 184/365


def test_total_euros_commit_the_remaining_amount():
    t = terms("83", 6, 500_000, None, date(2026, 1, 1), DEC_END, consumed=200_000)
    assert committed_amount(t, JUL, DEC_END) == 300_000


def test_fully_consumed_total_commits_nothing():
    t = terms("04", 6, 10, Tariff(7_000, "04"), date(2026, 1, 1), DEC_END, consumed=12)
    assert committed_amount(t, JUL, DEC_END) == 0


def test_revoked_or_ended_allocation_commits_nothing():
    active = terms("04", 4, 10, Tariff(7_000, "04"), date(2026, 1, 1), DEC_END)
    revoked = terms("04", 4, 10, Tariff(7_000, "04"), date(2026, 1, 1), DEC_END, active=False)
    ended = terms("04", 4, 10, Tariff(7_000, "04"), date(2026, 1, 1), date(2026, 6, 30))
    assert committed_amount(active, JUL, DEC_END) == 6 * 70_000
    assert committed_amount(revoked, JUL, DEC_END) == committed_amount(ended, JUL, DEC_END) == 0


def test_etmaal_cannot_be_priced_with_an_hour_tariff():
    t = terms("14", 1, 1, Tariff(7_000, "04"), date(2026, 1, 1), DEC_END)
    with pytest.raises(UnitMismatch):
        committed_amount(t, JUL, DEC_END)


def test_frequencies_removed_in_3_0_are_refused():
    t = terms("04", 3, 1, Tariff(7_000, "04"), date(2026, 1, 1), DEC_END)
    with pytest.raises(UnitMismatch):
        committed_amount(t, JUL, DEC_END)
