"""Dutch working days: weekends and public holidays do not count towards a deadline."""

from datetime import date

import pytest

from shared.working_days import add_working_days, is_working_day, working_days_between


@pytest.mark.parametrize("holiday", [date(2026, 1, 1), date(2026, 4, 6), date(2026, 4, 27), date(2026, 5, 14),
                                     date(2026, 5, 25), date(2026, 12, 25), date(2026, 12, 26)])
def test_dutch_public_holidays_are_not_working_days(holiday):
    assert not is_working_day(holiday)


def test_ten_working_days_from_a_monday_end_on_the_monday_two_weeks_later():
    assert add_working_days(date(2026, 11, 2), 10) == date(2026, 11, 16)


def test_christmas_and_new_year_push_the_deadline_out():
    # Dec 24 2026 is a Thursday; 25, 26 (Sat) and Jan 1 do not count, nor the weekends.
    assert add_working_days(date(2026, 12, 24), 10) == date(2027, 1, 11)


def test_kings_day_and_ascension_are_skipped_in_the_spring():
    assert add_working_days(date(2026, 4, 24), 3) == date(2026, 4, 30)  # Fri → Tue 28, Wed 29, Thu 30


def test_zero_working_days_is_the_same_day():
    assert add_working_days(date(2026, 11, 7), 0) == date(2026, 11, 7)


def test_working_days_between_counts_what_add_working_days_adds():
    start = date(2026, 12, 20)
    assert working_days_between(start, add_working_days(start, 15)) == 15
