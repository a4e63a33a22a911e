"""The exception queue's commands: a person approves a held line with a reason (an override; two
people at or above the region's `four_eyes_from`, domain/overrides.py), rejects it with codes,
claims or releases it. Every action is an event and an audit entry, and
the declaration is answered in the same transaction once its last held line is decided."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, replace

from services.invoicing.adapters.ijw import declaration_from_jw323
from services.invoicing.context import Invoicing
from services.invoicing.domain import events as ev
from services.invoicing.domain import retourcodes as rc
from services.invoicing.domain.decisions import decide_held_approved, decide_held_rejected
from services.invoicing.domain.declaration import Declaration
from services.invoicing.domain.overrides import FirstApproval, decide_override
from services.invoicing.domain.outcome import LineOutcome
from services.invoicing.domain.policy import Status
from services.invoicing.handlers.answer import answer_declaration
from services.invoicing.handlers.decided_lines import announce_decided
from shared.audit import AuditEntry, Origin
from shared.auth.principal import StaffPrincipal
from shared.commands import Command
from shared.events.envelope import NewEvent
from services.invoicing.domain.held_lines import (
    NOT_HELD, UNKNOWN_CODE, LineAction, LineState, QueueError, decide_claim, decide_comment,
    declaration_stream, not_claimed_by_another,
)
from services.invoicing.ports import InvoicingPorts
from shared.persistence.ports import Work


@dataclass(frozen=True)
class Decision:
    declaration_id: str
    reference: str
    by: StaffPrincipal
    reason: str
    where: Origin
    codes: tuple[str, ...] = ()


FIRST_APPROVED = "first_approved"


async def approve(inv: Invoicing, d: Decision) -> bool | str:
    """An override: approved at once (True), or — at or above `four_eyes_from` — first approved,
    waiting for a second finance user, whose approval completes it (FIRST_APPROVED)."""
    async with inv.store.unit_of_work() as work:
        row = await work.ports.declarations.held_line(d.declaration_id, d.reference, d.by.municipalities)
        if row is None:
            return False
        check_decidable(row, d)
        event = override_event(row, d.by.username, d.reason, await work.ports.master.four_eyes_from())
        version = await record_events(inv, work, row, [event])
        completed = isinstance(event, ev.HeldLineApproved)
        if completed:
            await answer_if_final(inv, work, row.declaration_id, version)
        await audit(work, inv, d, row, "queue.approved" if completed else "queue.first_approved")
        await work.commit()
    return True if completed else FIRST_APPROVED


async def reject(inv: Invoicing, d: Decision) -> bool:
    unknown = [code for code in d.codes if code not in rc.RULE_OF]
    if unknown:
        raise QueueError(UNKNOWN_CODE, f"unknown retourcodes {unknown}")
    async with inv.store.unit_of_work() as work:
        row = await work.ports.declarations.held_line(d.declaration_id, d.reference, d.by.municipalities)
        if row is None:
            return False
        check_decidable(row, d)
        await settle_held_line(inv, work, row, Status.REJECTED, d.by.username, d.reason, d.codes)
        await audit(work, inv, d, row, "queue.rejected")
        await work.commit()
    return True


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


def check_decidable(row: LineState, d: Decision) -> None:
    """Only a held line is decided, and only by whoever has it in hand, if anyone has."""
    if row.status != Status.HELD.value:
        raise QueueError(NOT_HELD, f"line {d.reference} is {row.status}, not held")
    _not_claimed_by_another(row, d)


def _not_claimed_by_another(row: LineState, d: Decision) -> None:
    not_claimed_by_another(row, d.by.username)


async def settle_held_line(inv: Invoicing, work: Work[InvoicingPorts], row: LineState, status: Status,
                           by: str, reason: str, codes: tuple[str, ...] = (),
                           matched: LineOutcome | None = None) -> None:
    """Record a final decision on one held line (a rejection, or the deadline's or a re-match's
    verdict); answer the declaration when it was the last. `matched`: what a new match found, when
    it decided the line: the allocation version, tariff and exemption it was compared with now
    (else as first matched)."""
    outcome = row.outcome if matched is None else replace(matched, status=Status.HELD)
    event = (decide_held_approved(row.number, outcome, by, reason) if status is Status.APPROVED
             else decide_held_rejected(row.number, outcome, by, reason, codes))
    version = await record_events(inv, work, row, [event])
    await answer_if_final(inv, work, row.declaration_id, version)


def override_event(row: LineState, by: str, reason: str,
                   four_eyes_from: int | None) -> ev.HeldLineApproved | ev.HeldLineFirstApproved:
    """A person's approval of a held line: the first of two at or above `four_eyes_from`, or the one
    that approves it (SameApprover when the first approver tries again)."""
    first = FirstApproval(row.first_approved_by, row.first_reason or "") if row.first_approved_by else None
    return decide_override(row.number, row.outcome, by, reason, four_eyes_from, first)


async def record_events(inv: Invoicing, work: Work[InvoicingPorts], row: LineState, events: list[ev.Event]) -> int:
    """Append events about one line of a declaration and project them in the same transaction;
    the stream's new version."""
    stream, now = f"declaration-{row.declaration_id}", inv.clock.now()
    version = len(await work.load(stream))
    work.append(stream, version, [NewEvent.of(e, now, row.municipality) for e in events])
    await work.ports.declarations.project(row.declaration_id, events, now)
    await announce_decided(inv, work, row, events, version + len(events))
    return version + len(events)


async def answer_if_final(inv: Invoicing, work: Work[InvoicingPorts], declaration_id: str,
                          stream_version: int) -> None:
    state = await work.ports.declarations.state(declaration_id)
    if state.status != "open" or not state.result.final:
        return
    declaration = await received_declaration(inv, work, declaration_id)
    await answer_declaration(inv, work, declaration_id, declaration, state.result, state.received_on, stream_version)


async def received_declaration(inv: Invoicing, work: Work[InvoicingPorts], declaration_id: str) -> Declaration:
    """The JW323 as received, decoded again (off the event loop)."""
    xml = await work.ports.declarations.received_xml(declaration_id)
    return declaration_from_jw323(await asyncio.to_thread(inv.decode, xml))


async def audit(work: Work[InvoicingPorts], inv: Invoicing, d: Decision, row: LineState, action: str) -> None:
    entry = AuditEntry.by_staff(d.by, d.where, action, object=f"{d.declaration_id}/{d.reference}",
                                municipality=row.municipality, client_bsn=row.bsn, reason=d.reason or None)
    inv.audit.record(work, entry)  # type: ignore[arg-type]
