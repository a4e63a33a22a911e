"""Held lines decided while their declaration stays open (a person, a new match, the deadline):
`invoicing.LinesDecided` tells payments at once, in the decision's own transaction, so the budget
and the ceilings count them from the decision on, not from the JW325 that may be days away."""

from __future__ import annotations

from collections.abc import Sequence

from services.invoicing.context import Invoicing
from services.invoicing.domain import events as ev
from services.invoicing.domain.before_answer import DeclarationKey, lines_decided
from shared.events.envelope import Envelope, NewEvent
from services.invoicing.ports import InvoicingPorts, LineState
from shared.persistence.ports import Work

FINAL = (ev.HeldLineApproved, ev.HeldLineRejected)


async def announce_decided(inv: Invoicing, work: Work[InvoicingPorts], row: LineState, events: Sequence[ev.Event],
                           stream_version: int) -> None:
    """`row`: any line of the declaration (with its number); `events`: what was just recorded."""
    references = [e.reference for e in events if isinstance(e, FINAL)]
    if not references:
        return
    key = DeclarationKey(row.declaration_id, row.number, row.provider, row.municipality)
    decided = lines_decided(key, await work.ports.declarations.line_outcomes(row.declaration_id, references))
    if decided is not None:
        event = NewEvent.of(decided, inv.clock.now(), row.municipality)
        work.enqueue(inv.topic, [Envelope.of(f"declaration-{row.declaration_id}", stream_version, event)])
