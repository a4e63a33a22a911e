"""The exception queue's commands: a person approves a held line with a reason (an override; two
people at or above the region's `four_eyes_from`, domain/overrides.py), rejects it with codes,
claims or releases it. Every action is an event and an audit entry through the command handler
(domain/held_decisions.py, domain/held_lines.py), and the declaration is answered in the same
transaction once its last held line is decided."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from services.invoicing.adapters.ijw import declaration_from_jw323
from services.invoicing.context import Invoicing
from services.invoicing.domain import retourcodes as rc
from services.invoicing.domain.declaration import Declaration
from services.invoicing.domain.held_decisions import (
    FIRST_APPROVED,
    DecideHeldLines,
    HeldDecided,
    HeldFacts,
    LineResult,
    SettleLine,
    decide_held_lines,
    decide_settle,
    streams,
)
from services.invoicing.domain.held_lines import (
    UNKNOWN_CODE, LineAction, LineState, QueueError, decide_claim, decide_comment,
    declaration_stream,
)
from services.invoicing.domain.policy import Status
from services.invoicing.handlers.answer import AnswerDeclaration, answer_declaration
from services.invoicing.ports import InvoicingPorts
from shared.audit import AuditEntry, Origin
from shared.auth.principal import StaffPrincipal
from shared.commands import Command
from shared.persistence.ports import Work

@dataclass(frozen=True)
class Decision:
    declaration_id: str
    reference: str
    by: StaffPrincipal
    reason: str
    where: Origin
    codes: tuple[str, ...] = ()


async def held_facts(ports: InvoicingPorts, c: DecideHeldLines) -> HeldFacts:
    lines = {r: await ports.declarations.held_line(c.declaration_id, r, c.by.municipalities) for r in c.references}
    four_eyes_from = await ports.master.four_eyes_from() if c.codes is None else None
    return HeldFacts(lines, four_eyes_from)


DECIDE_HELD: Command = Command(streams, decide_held_lines, held_facts)
SETTLE: Command = Command(streams, decide_settle)


async def approve(inv: Invoicing, d: Decision) -> bool | str:
    """An override: approved at once (True), or — at or above `four_eyes_from` — first approved,
    waiting for a second finance user, whose approval completes it (FIRST_APPROVED)."""
    [result] = await decide(inv, DecideHeldLines(d.declaration_id, (d.reference,), d.by, d.reason, d.where))
    if result.outcome == "not_found":
        return False
    return FIRST_APPROVED if result.outcome == FIRST_APPROVED else True


async def reject(inv: Invoicing, d: Decision) -> bool:
    check_codes(d.codes)
    [result] = await decide(inv, DecideHeldLines(d.declaration_id, (d.reference,), d.by, d.reason, d.where,
                                                 d.codes))
    return result.outcome != "not_found"


def check_codes(codes: tuple[str, ...]) -> None:
    if unknown := [code for code in codes if code not in rc.RULE_OF]:
        raise QueueError(UNKNOWN_CODE, f"unknown retourcodes {unknown}")


async def decide(inv: Invoicing, c: DecideHeldLines) -> tuple[LineResult, ...]:
    """A person's decision on lines of one declaration in one transaction, with what follows it."""
    async with inv.store.unit_of_work() as work:
        decided = await inv.commands.within(work, DECIDE_HELD, c)
        if decided.decided:
            await follow_up(inv, work, decided)
            await work.commit()
    return decided.results


async def claim(inv: Invoicing, d: Decision, take: bool) -> bool:
    return await inv.commands(CLAIM, LineAction(d.declaration_id, d.reference, d.by, d.where, take))


async def comment(inv: Invoicing, d: Decision) -> bool:
    return await inv.commands(COMMENT, LineAction(d.declaration_id, d.reference, d.by, d.where, text=d.reason))


async def _line_of(ports: InvoicingPorts, c: LineAction) -> LineState | None:
    return await ports.declarations.held_line(c.declaration_id, c.reference, c.by.municipalities)


def _stream(c: LineAction) -> list[str]:
    return [declaration_stream(c.declaration_id)]


CLAIM: Command = Command(_stream, decide_claim, _line_of)
COMMENT: Command = Command(_stream, decide_comment, _line_of)


async def settle(inv: Invoicing, work: Work[InvoicingPorts], verdict: SettleLine) -> None:
    """A machine's verdict on one held line (the deadline's, a re-match's) and what follows it."""
    await follow_up(inv, work, await inv.commands.within(work, SETTLE, verdict))


async def follow_up(inv: Invoicing, work: Work[InvoicingPorts], decided: HeldDecided) -> None:
    """Once the decided events are projected: the declaration is answered when its last held line
    was among them."""
    if any(r.outcome in (Status.APPROVED.value, Status.REJECTED.value) for r in decided.results):
        await answer_if_final(inv, work, decided.decided[0].declaration_id, decided.version)


async def answer_if_final(inv: Invoicing, work: Work[InvoicingPorts], declaration_id: str,
                          stream_version: int) -> None:
    state = await work.ports.declarations.state(declaration_id)
    if state.status != "open" or not state.result.final:
        return
    declaration = await received_declaration(inv, work, declaration_id)
    await answer_declaration(inv, work, AnswerDeclaration(declaration_id, declaration, state.result,
                                                          state.received_on, stream_version))


async def received_declaration(inv: Invoicing, work: Work[InvoicingPorts], declaration_id: str) -> Declaration:
    """The JW323 as received, decoded again (off the event loop)."""
    xml = await work.ports.declarations.received_xml(declaration_id)
    return declaration_from_jw323(await asyncio.to_thread(inv.decode, xml))


async def audit(work: Work[InvoicingPorts], inv: Invoicing, d: Decision, row: LineState, action: str) -> None:
    """What a handler records itself beside a command (a re-run match asked for by a person)."""
    entry = AuditEntry.by_staff(d.by, d.where, action, object=f"{d.declaration_id}/{d.reference}",
                                municipality=row.municipality, client_bsn=row.bsn, reason=d.reason or None)
    inv.audit.record(work, entry)  # type: ignore[arg-type]
