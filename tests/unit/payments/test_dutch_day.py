"""A payment run's dates count in Dutch days. Between 23:00 UTC (22:00 in summer) and midnight UTC
it is already the next day in the Netherlands: a clerk who confirms tonight's run as executed
"today" must not be told that today lies in the future, nor be allowed a date that does."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from services.payments.domain import book as bk
from services.payments.domain import commands as cmd
from services.payments.domain.errors import RunNotInStep
from services.payments.domain.payables import decide_book_approved_line
from services.payments.domain.returns import decide_return_transfer
from services.payments.domain.runs import (
    decide_approve_run, decide_confirm_run, decide_create_run, decide_export_run,
)
from shared.clock import FixedClock, business_day

FINANCE = frozenset({"finance"})
LATE_EVENING = datetime(2026, 12, 6, 23, 30, tzinfo=UTC)
"""00:30 on Monday 7 December in the Netherlands."""
DUTCH_TODAY = date(2026, 12, 7)


def _fold(book: bk.Book, decider, command, now: datetime = LATE_EVENING) -> bk.Book:  # type: ignore[no-untyped-def]
    return bk.fold(decider(command, book, now), book)


def exported_run() -> bk.Book:
    book = _fold(bk.Book(), decide_book_approved_line, cmd.BookApprovedLine(
        "L1", "11111111", "0193", "C-1", "D1", 12_345, date(2026, 11, 1), date(2026, 12, 1), 0))
    book = _fold(book, decide_create_run, cmd.CreatePaymentRun("R1", DUTCH_TODAY, "fin-1", FINANCE))
    book = _fold(book, decide_approve_run, cmd.ApprovePaymentRun("R1", "fin-2", FINANCE))
    return _fold(book, decide_export_run, cmd.ExportPaymentRun("R1", "M1", DUTCH_TODAY, "fin-1", FINANCE))


def test_the_dutch_day_of_an_instant_is_taken_in_amsterdam_in_winter_and_summer() -> None:
    assert business_day(LATE_EVENING) == DUTCH_TODAY
    assert business_day(datetime(2026, 12, 6, 22, 59, tzinfo=UTC)) == date(2026, 12, 6)
    assert business_day(datetime(2026, 7, 1, 22, 0, tzinfo=UTC)) == date(2026, 7, 2)
    assert FixedClock(LATE_EVENING).today() == DUTCH_TODAY
    with pytest.raises(ValueError):
        business_day(datetime(2026, 12, 6, 23, 30))


def test_a_run_executed_on_the_dutch_today_is_confirmed_late_in_the_utc_evening() -> None:
    book = exported_run()  # exporting for execution on the Dutch today is not "in the past" either
    book = _fold(book, decide_confirm_run, cmd.ConfirmPaymentRun("R1", DUTCH_TODAY, "fin-1", FINANCE))
    assert book.runs["R1"].status == bk.CONFIRMED and book.runs["R1"].executed_on == DUTCH_TODAY


def test_the_day_after_the_dutch_today_is_still_refused_as_the_future() -> None:
    with pytest.raises(RunNotInStep, match="HF-EXECUTED-ON"):
        decide_confirm_run(cmd.ConfirmPaymentRun("R1", date(2026, 12, 8), "fin-1", FINANCE), exported_run(),
                           LATE_EVENING)


def test_a_return_on_the_dutch_today_is_booked_late_in_the_utc_evening() -> None:
    returned = decide_return_transfer(cmd.ReturnTransfer("R1", "11111111", 12_345, "AC04", DUTCH_TODAY, "fin-1",
                                                         FINANCE), exported_run(), LATE_EVENING)
    assert [e.returned_on for e in returned] == [DUTCH_TODAY]
