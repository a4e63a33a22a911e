"""Payment runs (design.md §6): create, approve (four eyes), export (SEPA pain.001), confirm, cancel — each a
staff command through `book_command`, one event per step."""

from __future__ import annotations

import uuid
from datetime import date, datetime

from services.payments.adapters.financing_terms import svb_creditor
from services.payments.adapters.region_terms import creditors_of, debtor_of
from services.payments.adapters.sepa import RunFile, SepaError, pain001
from services.payments.context import Payments
from services.payments.domain import book as books
from services.payments.domain import commands as cmd
from services.payments.domain import runs
from services.payments.handlers.book import book_command
from shared.audit import AuditEntry
from shared.persistence.rows import utc


def new_run_id() -> str:
    return f"run-{uuid.uuid4().hex[:12]}"


async def create_run(ctx: Payments, command: cmd.CreatePaymentRun, audit: AuditEntry) -> None:
    await book_command(ctx, runs.decide_create_run, command, audit)


async def export_run(ctx: Payments, command: cmd.ExportPaymentRun, audit: AuditEntry) -> None:
    """The file must render (accounts known, XSD-valid) before the export is recorded."""
    accounts = await ctx.queries.reference.sections()

    def decide(command: cmd.ExportPaymentRun, book: books.Book, now: datetime) -> list:
        decided = runs.decide_export_run(command, book, now)
        if decided:
            render(books.fold(decided, book), command.run_id, command.message_id, command.execution_date,
                   now, accounts)
        return decided

    await book_command(ctx, decide, command, audit)


async def run_file(ctx: Payments, run_id: str) -> bytes | None:
    row = await ctx.queries.runs.run(run_id)
    if row is None or row.message_id is None:
        return None
    _, book = await ctx.queries.books.book()
    accounts = await ctx.queries.reference.sections()
    return render(book, run_id, row.message_id, row.execution_date, utc(row.exported_at), accounts)


def render(book: books.Book, run_id: str, message_id: str, execution_date: date, created_at: datetime,
           accounts: dict) -> bytes:
    if "account" not in accounts:
        raise SepaError("the region's account is not known yet (region file not loaded)")
    creditors = {**creditors_of(accounts.get("providers", [])), **svb_creditor(accounts)}
    return pain001(RunFile(run_id, message_id, execution_date, created_at), runs.transfers(book, run_id),
                   debtor_of(accounts["account"]), creditors)
