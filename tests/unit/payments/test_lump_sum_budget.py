"""The budget counts what a lump-sum schedule pays (issue 17, item 1): its booked periods and
settlement as realised, its periods not booked yet as committed, by each municipality's share; an
allocation under it commits nothing for the months it covers."""

from dataclasses import replace
from datetime import date
from fractions import Fraction

from services.payments.domain.budget import BudgetLine, Realised, Scheduled, budget_report
from services.payments.domain.commitments import AllocationTerms
from services.payments.domain.lump_sum_budget import LumpSumPaid, lump_sum_facts, lump_sums_paid
from services.payments.domain.lump_sums import (
    DIFFERENCE, LumpSumTerms, ScheduleLumpSums, SettleLumpSum, decide_schedule_lump_sums, decide_settle_lump_sum,
)
from services.payments.domain.units import Tariff
from tests.unit.payments.builders import FINANCE, booked, given, line, paid_run

SHARES = {"0193": Fraction(1, 2), "0150": Fraction(3, 10), "0148": Fraction(1, 5)}
TERMS = LumpSumTerms("linde", "C1", "87654321", None, "availability", date(2026, 1, 1), date(2026, 12, 31), 1,
                     100_001, SHARES, DIFFERENCE, lot="opvoedhulp")
ZWOLLE = BudgetLine("0193", 2026, "opvoedhulp", 10_000_000)


def scheduled_up_to(day: date, book=None, terms: LumpSumTerms = TERMS):  # type: ignore[no-untyped-def]
    return given(book or booked(), decide_schedule_lump_sums, ScheduleLumpSums(terms, day, "fin-1", FINANCE))


def test_booked_periods_are_realised_by_share_in_the_month_they_start_and_the_rest_of_the_year_committed():
    realised, committed = lump_sum_facts([TERMS], scheduled_up_to(date(2026, 2, 1)), 2026)
    zwolle = [(r.month, r.amount) for r in realised if r.municipality == "0193"]
    assert sorted(zwolle) == [(date(2026, 1, 1), 50_001), (date(2026, 2, 1), 50_001)]
    assert {r.budget_line for r in realised} == {"opvoedhulp"}
    assert sum(r.amount for r in realised) == 2 * 100_001  # the split loses no cent
    assert sorted({c.month for c in committed}) == [date(2026, m, 1) for m in range(3, 13)]
    assert sum(c.amount for c in committed) == 10 * 100_001


def test_a_period_not_booked_after_its_start_is_still_committed():
    _, committed = lump_sum_facts([TERMS], booked(), 2026)
    assert len({c.month for c in committed}) == 12


def test_the_year_end_settlement_is_realised_in_december_and_a_settled_year_commits_nothing():
    production = line("L1", 1_300_012, lump_sum="linde", period_start=date(2026, 5, 1))
    book = paid_run(scheduled_up_to(date(2026, 12, 1), booked(production)), "R1", date(2026, 12, 31))
    book = given(book, decide_settle_lump_sum, SettleLumpSum(TERMS, 2026, date(2027, 1, 31), "fin-1", FINANCE))
    realised, committed = lump_sum_facts([TERMS], book, 2026)
    december = [r.amount for r in realised if r.month == date(2026, 12, 1) and r.municipality == "0193"]
    assert sorted(december) == [50_000, 50_001]  # the period, and half the balance of 100,000
    assert committed == []
    assert sum(r.amount for r in realised if r.month == date(2026, 5, 1)) == 100_001  # the line is no fact


def test_a_schedule_of_another_year_or_unknown_to_the_caller_adds_nothing():
    book = scheduled_up_to(date(2026, 3, 1))
    assert lump_sum_facts([TERMS], book, 2025) == ([], [])
    assert lump_sum_facts([replace(TERMS, schedule_id="other")], book, 2026)[0] == []


def test_the_budget_report_counts_the_lump_sum_share_as_realised_and_committed():
    realised, committed = lump_sum_facts([TERMS], scheduled_up_to(date(2026, 3, 1)), 2026)
    report = budget_report(ZWOLLE, realised, [], date(2026, 3, 15), committed, [TERMS])
    assert report.realised == 3 * 50_001
    assert [m.committed for m in report.months] == [0, 0, 0] + [50_001] * 9
    assert report.forecast == 12 * 50_001


def allocation(contract_id: str | None) -> AllocationTerms:
    return AllocationTerms("A1", "0193", "87654321", "opvoedhulp", date(2026, 1, 1), None, "04", 4, 10,
                           Tariff(7_000, "04"), contract_id=contract_id)


def test_an_allocation_under_the_lump_sum_commits_nothing_for_the_months_it_covers():
    half_year = replace(TERMS, end=date(2026, 6, 30))
    report = budget_report(ZWOLLE, [], [allocation("C1")], date(2026, 3, 15), (), [half_year])
    assert [m.committed for m in report.months] == [0] * 6 + [70_000] * 6
    other_contract = budget_report(ZWOLLE, [], [allocation("C2")], date(2026, 3, 15), (), [half_year])
    assert [m.committed for m in other_contract.months][2:] == [70_000] * 10


def test_a_schedule_of_one_lot_leaves_the_contracts_other_lots_committed():
    one_lot = replace(TERMS, budget_line="ggz", lot="ggz")
    report = budget_report(ZWOLLE, [], [allocation("C1")], date(2026, 3, 15), (), [one_lot])
    assert [m.committed for m in report.months][2:] == [70_000] * 10


def test_committed_scheduled_amounts_of_another_municipality_or_line_do_not_count():
    facts = [Scheduled("0150", "opvoedhulp", date(2026, 5, 1), 9), Scheduled("0193", "ggz", date(2026, 5, 1), 9),
             Scheduled("0193", "opvoedhulp", date(2027, 1, 1), 9), Scheduled("0193", "opvoedhulp", date(2026, 5, 1), 4)]
    assert budget_report(ZWOLLE, [Realised("0193", "ggz", date(2026, 1, 1), 5)], [], date(2026, 3, 1),
                         facts).committed == 4


def test_the_lump_sums_paid_per_contract_are_each_municipalitys_share_of_the_booked_periods():
    paid = lump_sums_paid(scheduled_up_to(date(2026, 2, 1)), 2026)
    assert sorted(paid, key=lambda p: (p.municipality, p.amount)) == [
        LumpSumPaid("0148", "87654321", "C1", 20_000)] * 2 + [LumpSumPaid("0150", "87654321", "C1", 30_000)] * 2 + [
        LumpSumPaid("0193", "87654321", "C1", 50_001)] * 2
    assert lump_sums_paid(scheduled_up_to(date(2026, 2, 1)), 2027) == []
