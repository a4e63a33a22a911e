"""The payment specification of a provider in a run, and its CSV for Dutch spreadsheets."""

from datetime import date

from services.payments.adapters.specification_csv import dutch_euros, specification_csv
from services.payments.domain.advances import decide_schedule_advances, decide_settle_advances
from services.payments.domain.commands import AdvanceTerms, ScheduleAdvances, SettleAdvances
from services.payments.domain.payables import decide_book_approved_line
from services.payments.domain.runs import decide_create_run
from services.payments.domain.specification import specification

from tests.unit.payments.builders import FINANCE, booked, create, given, line, paid_run

P = "87654321"
TERMS = AdvanceTerms("C1", P, "0193", 50_000, date(2026, 1, 1), date(2026, 12, 31))


def settled_year():  # type: ignore[no-untyped-def]
    """Two advances paid; 120,000 ct approved against them; the settlement of 20,000 ct in a run."""
    book = given(booked(), decide_schedule_advances, ScheduleAdvances(TERMS, date(2026, 2, 1), "fin-1", FINANCE))
    book = paid_run(book, "RA", up_to=date(2026, 2, 1))
    book = given(book, decide_book_approved_line, line("L1", 120_000, P, contract_pays_advances=True,
                                                         declaration_number="2026-07", reference="R7"))
    book = given(book, decide_settle_advances, SettleAdvances("C1", 2026, date(2026, 5, 1), "fin-1", FINANCE))
    return given(book, decide_create_run, create("RS", up_to=date(2026, 5, 31)))


def test_a_settlement_shows_the_advances_it_offsets():
    spec = specification(settled_year(), "RS", P)
    (item,) = spec.items
    assert (item.kind, item.approved, item.advances_paid, item.amount) == ("settlement", 120_000, 100_000, 20_000)
    assert spec.remittance == "afrekening C1 2026" and spec.total == 20_000


def test_advances_paid_are_listed_in_the_run_that_paid_them():
    spec = specification(settled_year(), "RA", P)
    assert [(i.kind, i.period_start, i.amount) for i in spec.items] == [
        ("advance", date(2026, 1, 1), 50_000), ("advance", date(2026, 2, 1), 50_000)]
    assert spec.remittance == "voorschot C1 2026-01, voorschot C1 2026-02"


def test_the_csv_row_of_a_settlement_carries_both_amounts():
    rows = specification_csv(specification(settled_year(), "RS", P)).decode("utf-8-sig").splitlines()
    assert rows[1] == f"RS-{P};afrekening voorschotten;0193;;;;C1;2026;1200,00;1000,00;200,00"


def test_dutch_euros_use_a_decimal_comma_and_no_rounding():
    assert [dutch_euros(c) for c in (0, 5, -5, 123456, -100)] == ["0,00", "0,05", "-0,05", "1234,56", "-1,00"]


def test_a_provider_without_items_in_the_run_has_no_specification():
    assert specification(settled_year(), "RS", "11111111") is None
    assert specification(settled_year(), "nope", P) is None
