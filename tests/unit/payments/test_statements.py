from datetime import date

from services.payments.domain.advances import decide_schedule_advances
from services.payments.domain.commands import AdvanceTerms, ScheduleAdvances
from services.payments.domain.payables import decide_book_approved_line
from services.payments.domain.referrals import Referral, referrals_by_type
from services.payments.domain.statements import (
    open_balances, provider_settlements, provider_statement,
)

from tests.unit.payments.builders import FINANCE, booked, given, line, paid_run

P1 = "87654321"


def test_provider_statement_totals_items_by_status():
    book = paid_run(booked(line("L1"), line("L2", amount=-2_000, credited_line_id="L0")), "R1")
    book = given(book, decide_book_approved_line, line("L3", amount=5_000))
    book = given(book, decide_book_approved_line, line("L4", provider="11111111"))
    s = provider_statement(book, P1, date(2026, 1, 1), date(2026, 12, 31))
    assert [i.item_id for i in s.items] == ["L2", "L1", "L3"]
    assert (s.paid, s.due, s.in_run, s.offset) == (8_000, 5_000, 0, 0)


def test_settlement_statement_per_provider_per_year():
    terms = AdvanceTerms("C1", P1, "0193", 50_000, date(2026, 1, 1), date(2026, 12, 31))
    book = given(booked(), decide_schedule_advances,
                 ScheduleAdvances(terms, date(2026, 1, 1), by="fin-1", roles=FINANCE))
    book = paid_run(book, "RA", up_to=date(2026, 1, 1))
    book = given(book, decide_book_approved_line, line("L1", contract_pays_advances=True))
    (s,) = provider_settlements(book, P1, 2026)
    assert (s.advances_paid, s.advances_open) == (50_000, 0)
    assert (s.approved, s.balance) == (10_000, -40_000)


def test_referrals_are_counted_per_referrer_type_once_per_allocation():
    facts = [Referral("0193", "A1", "02", date(2026, 2, 1)),
             Referral("0193", "A1", "01", date(2026, 5, 1)),  # later version, same allocation
             Referral("0193", "A2", "01", date(2026, 3, 1)),
             Referral("0193", "A3", "01", date(2026, 3, 9)),
             Referral("0148", "A4", "08", date(2026, 4, 1)),
             Referral("0193", "A5", "02", date(2025, 12, 1))]
    rows = [(r.municipality, r.label, r.allocations, r.percent)
            for r in referrals_by_type(facts, 2026)]
    assert rows == [("0148", "rechter / OvJ / JJI", 1, 100), ("0193", "gemeente", 2, 67),
                    ("0193", "huisarts", 1, 33)]


def test_open_balances_per_provider_and_municipality():
    book = paid_run(booked(line("L1")), "R1")
    book = given(book, decide_book_approved_line, line("L2", amount=5_000))
    book = given(book, decide_book_approved_line,
                 line("L3", amount=-1_000, municipality="0148", credited_line_id="L0"))
    rows = [(b.municipality, b.due, b.in_run) for b in open_balances(book)]
    assert rows == [("0148", -1_000, 0), ("0193", 5_000, 0)]
