"""Lump-sum, function and availability financing (issue 17, item 1): periods paid once through
the runs, lines under it information only, the year-end settlement by the schedule's rule."""

from datetime import date
from fractions import Fraction

import pytest

from services.payments.domain.book import DUE, INFORMATION, LUMP_SETTLEMENT
from services.payments.domain.errors import LumpSumsOutstanding, RunExported
from services.payments.domain.lump_sums import (
    CORRIDOR, DIFFERENCE, NONE, LumpSumTerms, ScheduleLumpSums, SettleLumpSum, decide_schedule_lump_sums,
    decide_settle_lump_sum, lump_sum_statement,
)
from services.payments.domain.payables import decide_book_approved_line
from services.payments.domain.runs import decide_cancel_run, decide_create_run, transfers
from services.payments.domain import commands as cmd

from tests.unit.payments.builders import FINANCE, NOW, booked, create, exported_run, given, line, paid_run

SHARES = {"0193": Fraction(1, 2), "0150": Fraction(3, 10), "0148": Fraction(1, 5)}


def terms(rule: str = NONE, corridor: int = 0, months: int = 1) -> LumpSumTerms:
    return LumpSumTerms("linde", "C1", "87654321", None, "availability", date(2026, 1, 1), date(2026, 12, 31),
                        months, 100_001, SHARES, rule, corridor)


def schedule(up_to: date, t: LumpSumTerms | None = None) -> ScheduleLumpSums:
    return ScheduleLumpSums(t or terms(), up_to, "fin-1", FINANCE)


def test_each_period_started_becomes_one_item_split_by_the_shares_to_the_cent():
    events = decide_schedule_lump_sums(schedule(date(2026, 3, 15)), booked(), NOW)
    assert [e.period_start for e in events] == [date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)]
    assert events[0].split == {"0148": 20_000, "0150": 30_000, "0193": 50_001}
    assert all(sum(e.split.values()) == e.amount for e in events)


def test_a_quarterly_schedule_books_one_item_per_quarter():
    events = decide_schedule_lump_sums(schedule(date(2026, 7, 1), terms(months=3)), booked(), NOW)
    assert [(e.period_start, e.period_end) for e in events] == [
        (date(2026, 1, 1), date(2026, 3, 31)), (date(2026, 4, 1), date(2026, 6, 30)), (date(2026, 7, 1), date(2026, 9, 30))]


def test_scheduling_again_books_nothing_twice():
    book = given(booked(), decide_schedule_lump_sums, schedule(date(2026, 2, 1)))
    assert [e.period_start for e in decide_schedule_lump_sums(schedule(date(2026, 3, 1)), book, NOW)] == [date(2026, 3, 1)]
    assert decide_schedule_lump_sums(schedule(date(2026, 2, 1)), book, NOW) == []


def test_a_period_is_paid_once_even_when_a_run_is_cancelled_before_export_and_made_again():
    book = given(booked(), decide_schedule_lump_sums, schedule(date(2026, 1, 1)))
    book = given(book, decide_create_run, create("R1"))
    book = given(book, decide_cancel_run, cmd.CancelPaymentRun("R1", "typo", by="fin-1", roles=FINANCE))
    book = paid_run(book, "R2")
    assert [t.amount for r in ("R2",) for t in transfers(book, r)] == [100_001]
    assert decide_schedule_lump_sums(schedule(date(2026, 1, 1)), book, NOW) == []
    with pytest.raises(Exception):  # nothing is due any more: no third payment
        decide_create_run(create("R3"), book, NOW)


def test_an_exported_run_with_a_lump_sum_cannot_be_cancelled():
    book = exported_run(given(booked(), decide_schedule_lump_sums, schedule(date(2026, 1, 1))), "R1")
    with pytest.raises(RunExported):
        decide_cancel_run(cmd.CancelPaymentRun("R1", "oops", by="fin-1", roles=FINANCE), book, NOW)


def test_a_line_under_the_schedule_is_information_and_never_in_a_run():
    book = booked(line("L1", 40_000, lump_sum="linde"), line("L2", 5_000))
    assert book.items["L1"].status == INFORMATION and book.items["L2"].status == DUE
    run = given(book, decide_create_run, create("R1")).runs["R1"]
    assert run.item_ids == ("L2",) and run.total == 5_000


def year_paid(*lines: cmd.BookApprovedLine, t: LumpSumTerms | None = None):
    book = given(booked(*lines), decide_schedule_lump_sums, schedule(date(2026, 12, 1), t))
    return paid_run(book, "RY", up_to=date(2026, 12, 31))


def settle(t: LumpSumTerms) -> SettleLumpSum:
    return SettleLumpSum(t, 2026, date(2027, 3, 1), "fin-1", FINANCE)


@pytest.mark.parametrize("rule, corridor, production, balance", [
    (NONE, 0, 1_500_000, 0),
    (DIFFERENCE, 0, 1_500_000, 1_500_000 - 1_200_012),
    (DIFFERENCE, 0, 1_000_000, 1_000_000 - 1_200_012),
    (CORRIDOR, 10, 1_300_000, 0),                      # within ± 10 % of 1.200.012
    (CORRIDOR, 10, 1_400_000, 1_400_000 - 1_320_013),  # above the corridor: only the excess is paid
    (CORRIDOR, 10, 1_000_000, 1_000_000 - 1_080_011),  # below it: the shortfall is claimed
])
def test_year_end_settlement_books_the_difference_the_rule_agrees(rule, corridor, production, balance):
    t = terms(rule, corridor)
    book = year_paid(line("L1", production, lump_sum="linde", period_start=date(2026, 5, 1)), t=t)
    assert lump_sum_statement(book, t, 2026).lump_sum_paid == 12 * 100_001
    [settled] = decide_settle_lump_sum(settle(t), book, NOW)
    assert settled.balance == balance and sum(settled.split.values()) == balance
    after = given(book, decide_settle_lump_sum, settle(t))
    assert (settled.item_id in after.items) == (balance != 0)
    assert decide_settle_lump_sum(settle(t), after, NOW) == []


def test_a_negative_settlement_is_a_claim_that_nets_against_the_providers_next_payment():
    t = terms(DIFFERENCE)
    book = given(year_paid(line("L1", 1_000_000, lump_sum="linde"), t=t), decide_settle_lump_sum, settle(t))
    claim = next(i for i in book.items.values() if i.kind == LUMP_SETTLEMENT)
    assert claim.amount == -200_012 and claim.status == DUE
    book = given(book, decide_book_approved_line, line("L9", 300_000, answered_on=date(2027, 1, 1)))
    [transfer] = transfers(given(book, decide_create_run, create("R9", date(2027, 3, 31))), "R9")
    assert transfer.amount == 300_000 - 200_012


def test_a_year_is_settled_only_once_every_period_of_it_is_paid():
    book = given(booked(), decide_schedule_lump_sums, schedule(date(2026, 12, 1)))
    with pytest.raises(LumpSumsOutstanding, match="HF-LUMP-SUM-OPEN"):
        decide_settle_lump_sum(settle(terms()), book, NOW)
