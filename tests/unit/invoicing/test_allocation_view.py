"""The allocation as it stood: the effective version is the latest decision, not the latest
arrival (IV013, OP080)."""

from datetime import date, time

from tests.unit.invoicing.builders import JULY, allocation, context, declaration, line, match, version

AUGUST_5 = date(2026, 8, 5)
EXTENDED = version(decided_on=date(2026, 6, 1), end=date(2026, 8, 31))


def july_codes(view):
    decl = declaration(line(period=JULY, volume=6, amount=45000), period=JULY, dated=AUGUST_5)
    return match(decl, context(view, received_on=AUGUST_5)).lines[0].codes


def test_effective_version_is_the_latest_toewijzingsdatum_whatever_arrived_last():
    assert allocation(EXTENDED, version()).effective == EXTENDED


def test_same_day_versions_are_ordered_by_toewijzingstijd():
    later = version(decided_at=time(13, 0), end=date(2026, 8, 31))
    assert allocation(later, version()).effective == later


def test_extended_allocation_lets_full_july_line_pass():
    assert july_codes(allocation(version(), EXTENDED)) == ()


def test_outcome_records_the_allocation_version_compared_against():
    ref = match(ctx=context(allocation(version(), EXTENDED))).lines[0].allocation
    assert (ref.number, ref.decided_on, ref.decided_at) == (300201, date(2026, 6, 1), time(12, 34, 56))


def test_versions_stamped_at_the_same_moment_resolve_the_same_in_any_arrival_order():
    shorter, longer = version(end=date(2026, 6, 30)), version(end=date(2026, 8, 31))
    assert allocation(shorter, longer).effective == allocation(longer, shorter).effective
