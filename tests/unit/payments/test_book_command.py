"""Staff commands on the book through the kernel's command handler (handlers/book.py): each stored
event keeps its municipality as tenant, the version decided on is the one appended after, and the
runs and items the routes read follow, on the in-memory adapters."""

from __future__ import annotations

from datetime import UTC, date, datetime

from services.payments.bootstrap import build_in_memory
from services.payments.config import PaymentsSettings
from services.payments.domain import book as books
from services.payments.domain import commands as cmd
from services.payments.domain import events as ev
from services.payments.handlers.book import book_appends, book_command
from services.payments.handlers.runs import create_run
from shared.audit import AuditEntry
from shared.clock import FixedClock
from shared.commands import Append

T0 = datetime(2026, 6, 1, 9, 0, tzinfo=UTC)
FINANCE = frozenset({"finance"})


def booked(line_id: str, municipality: str) -> ev.ApprovedLineBooked:
    return ev.ApprovedLineBooked(line_id, "98000001", municipality, "C1", "D1", 1_000, date(2026, 3, 1),
                                 date(2026, 4, 1))


def test_each_run_of_one_municipalitys_events_is_one_append_after_the_one_before():
    events = [booked("L1", "0193"), booked("L2", "0193"), ev.PaymentRunApproved("R1", "fin-2"), booked("L3", "0150")]
    assert book_appends("book-regio", 7, events) == [
        Append("book-regio", 7, events[:2], "0193"), Append("book-regio", 9, events[2:3], None),
        Append("book-regio", 10, events[3:], "0150")]


async def test_a_command_appends_after_the_book_it_decided_on_and_the_reads_follow():
    ctx, store = build_in_memory(PaymentsSettings(region="regio", audit_key="k" * 32), FixedClock(T0))
    audit = AuditEntry("fin-1", ("finance",), "payments.test")
    lines = [booked("L1", "0193"), booked("L2", "0150")]
    assert await book_command(ctx, lambda c, book, now: lines, None, audit) == lines
    await create_run(ctx, cmd.CreatePaymentRun("R1", date(2026, 5, 31), "fin-1", FINANCE), audit)
    stored = [e for e in store.db.events if e.stream_id == "book-regio"]
    assert [(e.stream_version, e.type, e.tenant) for e in stored] == [
        (1, ev.ApprovedLineBooked.TYPE, "0193"), (2, ev.ApprovedLineBooked.TYPE, "0150"),
        (3, ev.PaymentRunCreated.TYPE, None)]
    version, book = await ctx.queries.books.book()
    assert (version, book.runs["R1"].item_ids) == (3, ("L1", "L2"))
    assert [(r.run_id, r.status, r.total) for r in await ctx.queries.runs.runs()] == [("R1", books.CREATED, 2_000)]
    assert {(i.item_id, i.status, i.run_id) for i in await ctx.queries.runs.items()} == {
        ("L1", books.IN_RUN, "R1"), ("L2", books.IN_RUN, "R1")}
