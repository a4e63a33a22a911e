"""The contract of the run and statement reads (ports/reads.py): the runs, payable items and bank
statements as their events project them, what a statement did read back from the book, and the
staff identities, on every adapter; work not committed is not read."""

from __future__ import annotations

from datetime import UTC, date, datetime

import sqlalchemy as sa

from services.payments.adapters.tables import kernel
from services.payments.domain import book as books
from services.payments.domain import events as ev
from services.payments.ports.reads import RunRecord, StaffMember
from shared.persistence.memory_work import MemoryStore
from tests.contract.payments.conftest import REGION, new_events

AT = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
EXPORTED_AT = datetime(2026, 3, 3, 14, 30, tzinfo=UTC)
BOOK = f"book-{REGION}"


def line(line_id: str, amount: int, provider: str = "87654321", due_on: date = date(2026, 3, 1)) -> ev.ApprovedLineBooked:
    return ev.ApprovedLineBooked(line_id, provider, "0193", "C1", "D1", amount, date(2026, 2, 1), due_on)


async def book(store, *decided, at: datetime = AT, commit: bool = True) -> None:  # type: ignore[no-untyped-def]
    async with store.unit_of_work() as work:
        version, _ = await work.ports.books.book()
        work.append(BOOK, version, new_events(decided, at))
        await work.ports.projections.project(list(decided), at)
        if commit:
            await work.commit()


def created(run_id: str, *item_ids: str, total: int) -> ev.PaymentRunCreated:
    return ev.PaymentRunCreated(run_id, date(2026, 3, 31), item_ids, total, ("11111111",), "fin-1")


async def test_a_run_and_its_items_read_as_their_events_left_them(store, queries):
    await book(store, line("L1", 10_000), line("L2", -2_500), line("L3", 4_000, "11111111", date(2026, 2, 1)))
    await book(store, created("R1", "L1", "L2", total=7_500))
    await book(store, ev.PaymentRunApproved("R1", "fin-2"))
    await book(store, ev.PaymentRunExported("R1", "MSG-R1", date(2026, 3, 4), 7_500, 1, "fin-1"), at=EXPORTED_AT)
    assert await queries.runs.runs() == [RunRecord(
        "R1", books.EXPORTED, date(2026, 3, 31), 7_500, ("11111111",), "fin-1", "fin-2", "MSG-R1", date(2026, 3, 4),
        EXPORTED_AT, None)]
    assert await queries.runs.run("R1") == (await queries.runs.runs())[0]
    assert await queries.runs.run("R9") is None
    assert [(i.item_id, i.kind, i.status, i.run_id) for i in await queries.runs.items()] == [
        ("L3", books.LINE, books.DUE, None), ("L1", books.LINE, books.IN_RUN, "R1"),
        ("L2", books.CREDIT, books.IN_RUN, "R1")]
    assert [i.item_id for i in await queries.runs.items(status=books.IN_RUN, kind=books.CREDIT)] == ["L2"]
    assert [i.item_id for i in await queries.runs.items(provider="11111111")] == ["L3"]


async def test_a_confirmed_run_pays_its_items_and_a_cancelled_one_makes_them_due_again(store, queries):
    await book(store, line("L1", 10_000), line("L2", 5_000, "11111111"))
    await book(store, created("R1", "L1", total=10_000), created("R2", "L2", total=5_000))
    await book(store, ev.PaymentRunConfirmed("R1", date(2026, 3, 5), "fin-1"),
               ev.PaymentRunCancelled("R2", "wrong", "fin-1"))
    assert {r.run_id: (r.status, r.executed_on) for r in await queries.runs.runs()} == {
        "R1": (books.CONFIRMED, date(2026, 3, 5)), "R2": (books.CANCELLED, None)}
    assert {i.item_id: (i.status, i.run_id) for i in await queries.runs.items()} == {
        "L1": (books.PAID, "R1"), "L2": (books.DUE, None)}


async def test_a_returned_transfer_makes_exactly_its_items_due_again(store, queries):
    await book(store, line("L1", 10_000), line("L2", 5_000, "11111111"))
    await book(store, created("R1", "L1", "L2", total=15_000))
    await book(store, ev.TransferReturned("R1", "11111111", ("L2",), 5_000, "AC04", date(2026, 3, 6), "fin-1"))
    assert {i.item_id: (i.status, i.run_id) for i in await queries.runs.items()} == {
        "L1": (books.IN_RUN, "R1"), "L2": (books.DUE, None)}
    assert (await queries.runs.run("R1")).status == books.CREATED


async def test_runs_not_committed_are_not_read(store, queries):
    await book(store, line("L1", 10_000))
    await book(store, created("R1", "L1", total=10_000), commit=False)
    assert await queries.runs.runs() == []
    assert [(i.status, i.run_id) for i in await queries.runs.items()] == [(books.DUE, None)]


async def test_a_statement_reads_back_what_it_booked_and_returned_in_order(store, queries):
    await book(store, line("L1", 10_000), line("L2", 5_000, "11111111"), created("R1", "L1", "L2", total=15_000))
    imported = [ev.BankStatementImported("ST-1", "MSG-1", "NL67INGB0006543210", 2, 2, "fin-1"),
                ev.TransferBooked("R1", "87654321", 10_000, date(2026, 3, 5), "ST-1", "fin-1"),
                ev.TransferReturned("R1", "11111111", ("L2",), 5_000, "AC04", date(2026, 3, 6), "fin-1", "ST-1")]
    await book(store, *imported)
    await book(store, ev.BankStatementImported("ST-2", "MSG-2", "NL67INGB0006543210", 1, 0, "fin-2"), at=EXPORTED_AT)
    await book(store, ev.BankStatementImported("ST-3", "MSG-3", "NL67INGB0006543210", 1, 0, "fin-2"), commit=False)
    assert [(s.statement_id, s.imported_by, s.imported_at) for s in await queries.statements.imported()] == [
        ("ST-1", "fin-1", AT), ("ST-2", "fin-2", EXPORTED_AT)]
    found = await queries.statements.statement("ST-1")
    assert (found.account, found.message_id, found.entries, found.matched) == ("NL67INGB0006543210", "MSG-1", 2, 2)
    assert await queries.statements.statement("ST-3") is None
    assert await queries.statements.outcomes("ST-1") == imported[1:]
    assert await queries.statements.outcomes("ST-2") == []


async def test_the_staff_are_read_as_the_gateway_published_them(store, queries):
    members = [StaffMember("fin-2", ("finance",), ("0193", "0150")), StaffMember("ctl-1", ("controller",), ("0193",))]
    await published(store, members)
    assert await queries.runs.staff() == sorted(members, key=lambda m: m.username)


async def published(store, members: list[StaffMember]) -> None:  # type: ignore[no-untyped-def]
    """The identity projector's rows (shared/auth/identity.py), which payments only reads."""
    if isinstance(store, MemoryStore):
        store.state.staff.update({m.username: m for m in members})
        return
    async with store.db.engines.write.begin() as conn:
        await conn.execute(sa.insert(kernel.staff), [
            {"username": m.username, "roles": list(m.roles), "municipalities": list(m.municipalities)}
            for m in members])
