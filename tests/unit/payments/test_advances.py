from datetime import date

import pytest

from services.payments.domain.advances import (
    decide_schedule_advances, decide_settle_advances, settlement_statement,
)
from services.payments.domain.book import DUE, PAID, SETTLEMENT
from services.payments.domain.commands import AdvanceTerms, ScheduleAdvances, SettleAdvances
from services.payments.domain.errors import AdvancesOutstanding
from services.payments.domain.payables import decide_book_approved_line
from services.payments.domain.runs import decide_create_run

from tests.unit.payments.builders import FINANCE, NOW, booked, create, given, line, paid_run

TERMS = AdvanceTerms("C1", "87654321", "0193", amount=50_000,
                     first_period_start=date(2026, 1, 1), last_period_end=date(2026, 12, 31))


def schedule(up_to: date, terms: AdvanceTerms = TERMS) -> ScheduleAdvances:
    return ScheduleAdvances(terms, up_to, by="fin-1", roles=FINANCE)


def settle(year: int = 2026) -> SettleAdvances:
    return SettleAdvances("C1", year, due_on=date(2027, 3, 1), by="fin-1", roles=FINANCE)


def advance_book(months_paid: int):
    book = given(booked(), decide_schedule_advances, schedule(date(2026, months_paid, 1)))
    return paid_run(book, "RA", up_to=date(2026, months_paid, 1))


def test_advance_is_scheduled_once_per_period_and_due_on_its_first_day():
    events = decide_schedule_advances(schedule(date(2026, 3, 15)), booked(), NOW)
    assert [e.due_on for e in events] == [date(2026, 1, 1), date(2026, 2, 1), date(2026, 3, 1)]
    book = given(booked(), decide_schedule_advances, schedule(date(2026, 3, 15)))
    assert [e.period_start for e in decide_schedule_advances(schedule(date(2026, 4, 1)), book, NOW)
            ] == [date(2026, 4, 1)]


def test_quarterly_advance_covers_three_months():
    terms = AdvanceTerms("C1", "87654321", "0193", 150_000, date(2026, 1, 1),
                         date(2026, 12, 31), months_per_period=3)
    events = decide_schedule_advances(schedule(date(2026, 12, 31), terms), booked(), NOW)
    assert [(e.period_start.month, e.period_end) for e in events][1] == (4, date(2026, 6, 30))
    assert len(events) == 4


def test_advances_go_into_payment_runs_like_items():
    book = given(booked(), decide_schedule_advances, schedule(date(2026, 2, 1)))
    (event,) = decide_create_run(create("R1", up_to=date(2026, 2, 1)), book, NOW)
    assert event.total == 100_000


def test_approved_lines_are_offset_against_advances_paid():
    book = advance_book(months_paid=2)
    for n, amount in enumerate((40_000, 45_000, -5_000)):
        book = given(book, decide_book_approved_line,
                     line(f"L{n}", amount=amount, contract_pays_advances=True))
    s = settlement_statement(book, "C1", 2026)
    assert (s.advances_paid, s.approved, s.balance) == (100_000, 80_000, -20_000)


def test_settlement_pays_the_balance_when_approved_exceeds_advances():
    book = given(advance_book(1), decide_book_approved_line,
                 line("L1", amount=70_000, contract_pays_advances=True))
    book = given(book, decide_settle_advances, settle())
    item = book.items["settlement:C1:2026"]
    assert (item.kind, item.amount, item.status) == (SETTLEMENT, 20_000, DUE)


def test_settlement_reclaims_by_a_negative_item_netted_against_later_payments():
    book = given(advance_book(2), decide_book_approved_line,
                 line("L1", amount=30_000, contract_pays_advances=True))
    book = given(book, decide_settle_advances, settle())
    assert book.items["settlement:C1:2026"].amount == -70_000
    book = given(book, decide_book_approved_line,
                 line("L9", amount=90_000, contract_id="C2", answered_on=date(2027, 2, 1)))
    (event,) = decide_create_run(create("R9", up_to=date(2027, 3, 31)), book, NOW)
    assert event.total == 20_000


def test_settlement_waits_for_every_scheduled_advance_to_be_paid():
    book = given(advance_book(1), decide_schedule_advances, schedule(date(2026, 2, 1)))
    with pytest.raises(AdvancesOutstanding):
        decide_settle_advances(settle(), book, NOW)


def test_settled_year_is_settled_once_and_later_lines_are_paid_directly():
    book = given(advance_book(1), decide_settle_advances, settle())
    assert decide_settle_advances(settle(), book, NOW) == []
    book = given(book, decide_book_approved_line, line("L1", contract_pays_advances=True))
    assert book.items["L1"].status == DUE
    assert book.items["advance:C1:2026-01-01"].status == PAID
