"""Builders of commands and books for the payments unit tests."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime

from services.payments.domain import book as bk
from services.payments.domain import commands as cmd
from services.payments.domain.payables import decide_book_approved_line
from services.payments.domain.runs import (
    decide_confirm_run, decide_create_run, decide_export_run, decide_approve_run,
)

NOW = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
LATER = datetime(2026, 6, 8, 9, 0, tzinfo=UTC)
"""After the exported runs' execution date (2 June): when the bank reports returns."""
FINANCE = frozenset({"finance"})
CONTROLLER = frozenset({"controller"})


def line(
    line_id: str, amount: int = 10_000, provider: str = "87654321", **changes
) -> cmd.BookApprovedLine:
    fields = dict(
        line_id=line_id, provider=provider, municipality="0193", contract_id="C1",
        declaration_id="DECL-1", amount=amount, period_start=date(2026, 1, 1),
        answered_on=date(2026, 2, 10), payment_term_days=30,
    )
    return cmd.BookApprovedLine(**(fields | changes))


def given(book: bk.Book, decider: Callable, command, now: datetime = NOW) -> bk.Book:
    return bk.fold(decider(command, book, now), book)


def booked(*lines: cmd.BookApprovedLine) -> bk.Book:
    book = bk.Book()
    for command in lines:
        book = given(book, decide_book_approved_line, command)
    return book


def create(run_id: str, up_to: date = date(2026, 5, 31)) -> cmd.CreatePaymentRun:
    return cmd.CreatePaymentRun(run_id, up_to, by="fin-1", roles=FINANCE)


def approve(run_id: str) -> cmd.ApprovePaymentRun:
    return cmd.ApprovePaymentRun(run_id, by="fin-2", roles=FINANCE)


def export(run_id: str) -> cmd.ExportPaymentRun:
    return cmd.ExportPaymentRun(run_id, f"MSG-{run_id}", date(2026, 6, 2), by="fin-1",
                                roles=FINANCE)


def confirm(run_id: str) -> cmd.ConfirmPaymentRun:
    return cmd.ConfirmPaymentRun(run_id, date(2026, 6, 1), by="fin-1", roles=FINANCE)


def paid_run(book: bk.Book, run_id: str, up_to: date = date(2026, 5, 31)) -> bk.Book:
    book = given(book, decide_create_run, create(run_id, up_to))
    book = given(book, decide_approve_run, approve(run_id))
    book = given(book, decide_export_run, export(run_id))
    return given(book, decide_confirm_run, confirm(run_id))


def exported_run(book: bk.Book, run_id: str, up_to: date = date(2026, 5, 31)) -> bk.Book:
    book = given(book, decide_create_run, create(run_id, up_to))
    book = given(book, decide_approve_run, approve(run_id))
    return given(book, decide_export_run, export(run_id))


def returned(run_id: str, provider: str, amount: int, reason: str = "AC04",
             on: date = date(2026, 6, 5), roles: frozenset[str] = FINANCE) -> cmd.ReturnTransfer:
    return cmd.ReturnTransfer(run_id, provider, amount, reason, on, by="fin-1", roles=roles)
