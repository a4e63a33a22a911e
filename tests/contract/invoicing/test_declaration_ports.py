"""The contract of the declarations, queue and declaration-reads ports, on every adapter: a
declaration's events projected, then read the way decisions and routes read them."""

from __future__ import annotations

from datetime import UTC, date, datetime

import uuid

import pytest

from services.invoicing.domain import events as ev
from services.invoicing.domain.decisions import decide_held_approved, decide_receipt
from services.invoicing.ports import DeclarationSearch, HeldLines, QueueFilter
from shared.persistence.memory_work import MemoryStore
from shared.persistence.ports import ConcurrencyError
from tests.support.held import held_by
from tests.support.port_stores import write
from tests.unit.invoicing.builders import AGB, GEMEENTE, approved, context, credit_of, declaration, line, match

T0 = datetime(2026, 5, 6, 9, 0, tzinfo=UTC)
MINE = frozenset({GEMEENTE})
FITS, HELD = line("R1", volume=1, amount=7500), line("R2", code="55A12", volume=1, amount=7500)


async def received(store, decl, declaration_id: str = "D1", ctx=None) -> list[ev.Event]:  # type: ignore[no-untyped-def]
    decided = decide_receipt(decl, match(decl, ctx), date(2026, 5, 6), margin_working_days=2)

    async def project(p):  # type: ignore[no-untyped-def]
        await p.declarations.keep_received(declaration_id, lambda: b"<jw323/>")
        await p.declarations.project(declaration_id, decided, T0)

    await write(store, project)
    return decided


async def test_a_received_declaration_holds_its_lines_as_decided_and_its_jw323(store, queries):
    await received(store, declaration(FITS, HELD))
    assert await queries.declarations.received_xml("D1") == b"<jw323/>"
    held = await queries.declarations.held_line("D1", "R2", MINE)
    assert (held.status, held.number, held.provider, held.outcome.codes) == ("held", "DN001", AGB, ("9340", "0611"))
    assert (await queries.declarations.held_line("D1", "R1", MINE)).status == "approved"
    assert await queries.declarations.held_line("D1", "R2", frozenset({"0150"})) is None
    state = await queries.declarations.state("D1")
    assert (state.status, state.received_on, state.result.final) == ("open", date(2026, 5, 6), False)
    assert [o.line.reference for o in await queries.declarations.line_outcomes("D1", ["R2", "R1", "R9"])] == ["R2",
                                                                                                            "R1"]


async def test_the_held_lines_a_rematch_or_the_deadline_concerns_are_found_with_their_receipt(store, queries):
    await received(store, declaration(FITS, HELD))
    for which in (HeldLines(provider=AGB), HeldLines(code="0611"), HeldLines(municipality=GEMEENTE,
                                                                             allocation_number=300201),
                  HeldLines(declaration_id="D1", reference="R2")):
        found = await queries.declarations.held_lines(which)
        assert [(r.reference, r.received_on) for r in found] == [("R2", date(2026, 5, 6))], which
    assert await queries.declarations.held_lines(HeldLines(code="9999")) == []
    due = (await queries.declarations.held_line("D1", "R2", MINE)).outcome
    assert [r.reference for r in await queries.declarations.overdue(date(2026, 5, 19))] == ["R2"]
    assert await queries.declarations.overdue(date(2026, 5, 18)) == [] and due.status.value == "held"


async def test_an_approved_held_line_leaves_the_queue_and_the_declaration_can_be_answered(store, queries):
    await received(store, declaration(FITS, HELD))
    held = await queries.declarations.held_line("D1", "R2", MINE)
    approved = decide_held_approved("DN001", held.outcome, "financien", "checked")
    await write(store, lambda p: p.declarations.project("D1", [approved], T0))
    assert (await queries.declarations.held_line("D1", "R2", MINE)).status == "approved"
    assert (await queries.declarations.state("D1")).result.final
    assert await queries.queue.count(QueueFilter(MINE)) == 0


async def test_an_approved_credit_marks_the_debet_it_cancels_for_the_next_match(store, queries):
    await received(store, declaration(FITS))
    later = declaration(line("R5", volume=1, amount=7500), number="DN003", message_id="M3")
    assert not (await queries.master.match_context(later, date(2026, 5, 6))).history.approved["R1"].credited
    credit = credit_of(FITS, "R1C")
    await received(store, declaration(credit, number="DN002", message_id="M2"), "D2",
                   context(history=approved(FITS)))
    assert (await queries.declarations.held_line("D2", "R1C", MINE)).status == "approved"
    assert (await queries.master.match_context(later, date(2026, 5, 6))).history.approved["R1"].credited


async def test_a_line_or_a_body_kept_twice_is_refused_as_a_concurrent_write(store):
    await received(store, declaration(FITS))
    with pytest.raises(ConcurrencyError):
        await write(store, lambda p: p.declarations.keep_received("D1", lambda: b"<again/>"))


async def test_bytes_kept_in_sql_are_not_held_in_memory_afterwards(store):
    if isinstance(store, MemoryStore):
        pytest.skip("memory is where the memory adapter keeps them")
    jw323, jw325 = (b"<jw32%d>" % n + uuid.uuid4().bytes for n in (3, 5))
    await received(store, declaration(FITS))
    async with store.unit_of_work() as work:
        await work.ports.declarations.keep_received("D2", jw323.__bytes__)
        await work.ports.declarations.keep_answer("D1", "A1", jw325)
        await work.commit()
    assert (held_by(jw323), held_by(jw325)) == ([], [])


async def test_the_queue_pages_counts_and_names_the_deadlines_of_the_callers_lines(store, queries):
    await received(store, declaration(FITS, HELD))
    await received(store, declaration(line("R3", code="55A12", volume=1, amount=7500), number="DN002",
                                      message_id="M2"), "D2")
    page = await queries.queue.page(QueueFilter(MINE), "due", 1, 1)
    assert [(r.declaration_id, r.reference, r.number) for r in page] == [("D2", "R3", "DN002")]
    assert await queries.queue.count(QueueFilter(MINE, code="0611")) == 2
    assert await queries.queue.count(QueueFilter(frozenset({"0150"}))) == 0
    [day] = await queries.queue.deadlines(MINE)
    assert (day.due_on, day.lines, day.amount) == (date(2026, 5, 19), 2, 15000)
    row, version = await queries.queue.detail("D1", "R2", MINE)
    assert (row.reference, row.answer_due, version) == ("R2", date(2026, 5, 21), None)
    assert (await queries.queue.detail("D1", "R2", frozenset({"0150"})))[0] is None


async def test_declarations_are_found_by_client_and_read_with_their_totals(store, queries):
    await received(store, declaration(FITS, HELD))
    await write(store, lambda p: p.declarations.keep_answer("D1", "A1", b"<jw325/>"))
    found, total = await queries.reads.search(DeclarationSearch(MINE, bsn="999900006"), 10, 0)
    assert total == 1 and found[0].declaration_id == "D1" and found[0].submitted == 15000
    assert await queries.reads.held_of(["D1"], None) == {"D1": ["R2"]}
    assert (await queries.reads.summary("D1", frozenset({"0150"}))) is None
    assert [(t.status, t.lines, t.amount) for t in await queries.reads.totals("D1")] == [("approved", 1, 7500),
                                                                                         ("held", 1, 7500)]
    assert [r.reference for r in await queries.reads.lines("D1", None, 10, 0)] == ["R2", "R1"]
    assert (await queries.reads.body("jw325", "D1"), await queries.reads.answer_kept("D1")) == (b"<jw325/>", True)
    assert await queries.reads.clients_of("D1") == ["999900006"]
