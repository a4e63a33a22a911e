from datetime import date

from services.payments.domain.book import DUE, OFFSET, PAID
from services.payments.domain.payables import decide_book_approved_line

from tests.unit.payments.builders import NOW, booked, line, paid_run


def test_approved_line_is_due_after_the_contract_payment_term():
    (event,) = decide_book_approved_line(line("L1"), booked(), NOW)
    assert event.due_on == date(2026, 3, 12)  # JW325 of 10 February + 30 days
    assert event.amount == 10_000


def test_credit_is_due_on_the_answer_date_and_reduces_what_is_owed():
    (event,) = decide_book_approved_line(
        line("L2", amount=-4_000, credited_line_id="L1"), booked(line("L1")), NOW)
    assert event.due_on == date(2026, 2, 10)
    assert event.amount == -4_000 and event.credited_line_id == "L1"


def test_redelivered_line_is_booked_once():
    book = booked(line("L1"))
    assert decide_book_approved_line(line("L1"), book, NOW) == []
    assert book.items["L1"].status == DUE


def test_redelivered_line_after_payment_is_never_paid_twice():
    book = paid_run(booked(line("L1")), "R1")
    assert book.items["L1"].status == PAID
    assert decide_book_approved_line(line("L1", amount=99_999), book, NOW) == []


def test_line_on_advance_contract_is_offset_not_paid():
    book = booked(line("L1", contract_pays_advances=True))
    assert book.items["L1"].status == OFFSET
