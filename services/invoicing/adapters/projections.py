"""The invoicing read models — declarations and declaration_lines — as a projection of the
service's own events, one function per event type (a literal table, style.md principle 5).

The handlers call `project` with the events they append, in the same transaction; `rebuild`
calls it with the stored ones. Every row is a function of the events of its declaration stream
(and, for `credited`, of the approved credits before it), so replaying the store into empty
tables gives the same rows. Nothing here reads the clock: a comment's time is its event's. A field
added to an event after it was first stored is optional, and an older event projects its default
(DeclarationAnswered.answer_id: NULL).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from services.invoicing.adapters.tables import declarations, lines
from services.invoicing.domain import events as ev
from services.invoicing.domain.declaration import DebitCredit
from services.invoicing.domain.evidence import approved_by_rules, approved_when_held
from services.invoicing.domain.policy import Status
from shared.events.serializer import to_payload
from shared.persistence.bulk import insert_rows
from shared.persistence.rows import utc

LineEvent = ev.LineApproved | ev.LineRejected | ev.LineHeld
Projector = Callable[[AsyncConnection, str, Any, datetime], Awaitable[None]]

LINE_STATUS: dict[type, Status] = {
    ev.LineApproved: Status.APPROVED, ev.LineRejected: Status.REJECTED, ev.LineHeld: Status.HELD,
}
_STATUS_TEXT = {kind: status.value for kind, status in LINE_STATUS.items()}


async def project(conn: AsyncConnection, declaration_id: str, events: Sequence[ev.Event], at: datetime) -> None:
    """Project events of one declaration stream that occurred at `at`. Consecutive line events go
    in with one bulk insert (a 10,000-line JW323: the statement, not the row, is what costs)."""
    run: list[LineEvent] = []
    for event in events:
        if isinstance(event, (ev.LineApproved, ev.LineRejected, ev.LineHeld)):
            run.append(event)
            continue
        await _insert_lines(conn, declaration_id, run)
        run = []
        await PROJECTORS[event.TYPE](conn, declaration_id, event, at)
    await _insert_lines(conn, declaration_id, run)


async def _insert_lines(conn: AsyncConnection, declaration_id: str, run: list[LineEvent]) -> None:
    if not run:
        return
    d = declarations.c
    header = (await conn.execute(sa.select(d.provider, d.municipality).where(
        d.declaration_id == declaration_id))).one()
    await insert_rows(conn, lines, [line_row(declaration_id, header, e) for e in run])
    cancelled = [e.line.previous_reference for e in run  # the debets approved credits cancel
                 if isinstance(e, ev.LineApproved) and e.line.signed_amount < 0 and e.line.previous_reference]
    await mark_credited(conn, header.provider, cancelled)


def line_row(declaration_id: str, header: Any, e: LineEvent) -> dict[str, Any]:
    """The read model's row of a line event (also the memory adapter's); `header`: its declaration's.
    `basis` is the event's own: the JSON column's serializer (msgspec) writes a dataclass as the
    same JSON as its payload dict, without building the dict for every line."""
    line = e.line
    approved = isinstance(e, ev.LineApproved)
    codes = e.codes if not approved else tuple(dict.fromkeys(f.code for f in e.findings)) if e.findings else ()
    return {
        "declaration_id": declaration_id, "reference": line.reference, "provider": header.provider,
        "municipality": header.municipality, "bsn": line.bsn, "allocation_number": line.allocation_number,
        "status": _STATUS_TEXT[type(e)], "codes": list(codes), "signed_amount": line.signed_amount,
        "care_year": line.period_begin.year, "ceiling_exempt": e.basis.ceiling_exempt, "credited": False,
        "due_on": e.auto_reject_on if isinstance(e, ev.LineHeld) else None, "line": _line_json(line),
        "basis": e.basis,
        "approval": approved_by_rules(codes, e.tolerances).to_json() if approved else None,
    }


def _line_json(line: ev.LineRecord) -> dict[str, Any]:
    """The form records.line_from_json reads back."""
    return {
        "reference": line.reference, "previous_reference": line.previous_reference,
        "allocation_number": line.allocation_number, "category": line.category, "code": line.code,
        "begin": line.period_begin.isoformat(), "end": line.period_end.isoformat(), "volume": line.volume,
        "unit": line.unit, "tariff": line.tariff, "amount": line.amount, "debit_credit": line.debit_credit,
    }


async def mark_credited(conn: AsyncConnection, provider: str, references: list[str]) -> None:
    """TR390: a debet cancelled by an approved credit cannot be credited again."""
    if references:
        await conn.execute(sa.update(lines).where(
            lines.c.provider == provider, lines.c.reference.in_(references), lines.c.signed_amount >= 0,
            lines.c.status == Status.APPROVED.value).values(credited=True))


async def _received(conn: AsyncConnection, declaration_id: str, e: ev.DeclarationReceived, at: datetime) -> None:
    await conn.execute(sa.insert(declarations).values(
        declaration_id=declaration_id, provider=e.sender_agb, municipality=e.gemeente, number=e.declaration_number,
        message_identification=e.message_id, period_begin=e.period_begin, received_on=e.received_on,
        due_on=e.answer_due, status="open", submitted=e.total))


async def _refused(conn: AsyncConnection, declaration_id: str, e: ev.DeclarationRejected, at: datetime) -> None:
    await conn.execute(sa.update(declarations).where(declarations.c.declaration_id == declaration_id).values(
        status="refused"))


async def _answered(conn: AsyncConnection, declaration_id: str, e: ev.DeclarationAnswered, at: datetime) -> None:
    """A declaration refused as a whole stays "refused": IV087 treats it as never sent."""
    d = declarations.c
    await conn.execute(sa.update(declarations).where(d.declaration_id == declaration_id).values(
        status=sa.case((d.status == "refused", "refused"), else_="answered"), granted=e.granted,
        answer_id=e.answer_id, answered_on=e.answered_on,
        answer_codes={"header": list(e.header_codes), "declaration": list(e.declaration_codes)}))


async def _held_approved(conn: AsyncConnection, declaration_id: str, e: ev.HeldLineApproved, at: datetime) -> None:
    held_codes = await conn.scalar(sa.select(lines.c.codes).where(*_key(declaration_id, e.reference)))
    await _set(conn, declaration_id, e.reference, status=Status.APPROVED.value, codes=[], due_on=None,
               claimed_by=None, first_approved_by=None, first_reason=None, ceiling_exempt=e.basis.ceiling_exempt,
               basis=to_payload(e.basis), approval=approved_when_held(e, tuple(held_codes or ())).to_json())
    row = (await conn.execute(sa.select(lines.c.provider, lines.c.line).where(
        *_key(declaration_id, e.reference)))).one()
    if row.line["debit_credit"] == DebitCredit.CREDIT.value and row.line["previous_reference"]:
        await mark_credited(conn, row.provider, [row.line["previous_reference"]])


async def _held_rejected(conn: AsyncConnection, declaration_id: str, e: ev.HeldLineRejected, at: datetime) -> None:
    await _set(conn, declaration_id, e.reference, status=Status.REJECTED.value, codes=list(e.codes), due_on=None,
               claimed_by=None, first_approved_by=None, first_reason=None)


async def _first_approved(conn: AsyncConnection, declaration_id: str, e: ev.HeldLineFirstApproved,
                          at: datetime) -> None:
    await _set(conn, declaration_id, e.reference, first_approved_by=e.by, first_reason=e.reason)


async def _rematched(conn: AsyncConnection, declaration_id: str, e: ev.HeldLineRematched, at: datetime) -> None:
    values: dict[str, Any] = {"codes": list(e.codes)}
    if e.basis is not None:  # the side-by-side view shows what the line was matched against last
        values["basis"] = to_payload(e.basis)
    await _set(conn, declaration_id, e.reference, **values)


async def _commented(conn: AsyncConnection, declaration_id: str, e: ev.HeldLineCommented, at: datetime) -> None:
    earlier = await conn.scalar(sa.select(lines.c.comments).where(*_key(declaration_id, e.reference)))
    entry = {"by": e.by, "at": utc(at).isoformat(), "text": e.text}
    await _set(conn, declaration_id, e.reference, comments=[*(earlier or []), entry])


async def _claimed(conn: AsyncConnection, declaration_id: str, e: ev.HeldLineClaimed, at: datetime) -> None:
    await _set(conn, declaration_id, e.reference, claimed_by=e.by)


async def _released(conn: AsyncConnection, declaration_id: str, e: ev.HeldLineReleased, at: datetime) -> None:
    await _set(conn, declaration_id, e.reference, claimed_by=None)


async def _nothing(conn: AsyncConnection, declaration_id: str, e: Any, at: datetime) -> None:
    """ClientRejected: each of the client's lines has its own LineRejected (0233)."""


async def _set(conn: AsyncConnection, declaration_id: str, reference: str, **values: Any) -> None:
    await conn.execute(sa.update(lines).where(*_key(declaration_id, reference)).values(**values))


def _key(declaration_id: str, reference: str) -> tuple[Any, ...]:
    return lines.c.declaration_id == declaration_id, lines.c.reference == reference


PROJECTORS: dict[str, Projector] = {
    ev.DeclarationReceived.TYPE: _received,
    ev.DeclarationRejected.TYPE: _refused,
    ev.ClientRejected.TYPE: _nothing,
    ev.HeldLineApproved.TYPE: _held_approved,
    ev.HeldLineRejected.TYPE: _held_rejected,
    ev.DeclarationAnswered.TYPE: _answered,
    ev.HeldLineCommented.TYPE: _commented,
    ev.HeldLineRematched.TYPE: _rematched,
    ev.HeldLineClaimed.TYPE: _claimed,
    ev.HeldLineReleased.TYPE: _released,
    ev.HeldLineFirstApproved.TYPE: _first_approved,
}
"""Every event type but the line events, which `project` inserts in bulk (LINE_STATUS)."""
