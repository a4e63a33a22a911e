"""Held lines decided while their declaration stays open (a person, a new match, the deadline):
`invoicing.LinesDecided` tells payments at once, in the decision's own transaction, so the budget
and the ceilings count them from the decision on, not from the JW325 that may be days away."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from services.invoicing.adapters.lines_before_answer import DeclarationKey, line_outcomes, lines_decided
from services.invoicing.context import Invoicing
from services.invoicing.domain import events as ev
from shared.events.envelope import Envelope, NewEvent
from shared.exchange.invoicing import LINES_DECIDED
from shared.persistence.ports import UnitOfWork

FINAL = (ev.HeldLineApproved, ev.HeldLineRejected)


async def announce_decided(inv: Invoicing, uow: UnitOfWork, row: Any, events: Sequence[ev.Event],
                           stream_version: int) -> None:
    """`row`: any line of the declaration (with its number); `events`: what was just recorded."""
    references = [e.reference for e in events if isinstance(e, FINAL)]
    if not references:
        return
    key = DeclarationKey(row.declaration_id, row.number, row.provider, row.municipality)
    payload = lines_decided(key, await line_outcomes(uow.connection, row.declaration_id, references))
    if payload is not None:
        event = NewEvent(LINES_DECIDED, 1, payload, inv.clock.now(), tenant=row.municipality)
        uow.enqueue(inv.topic, [Envelope.of(f"declaration-{row.declaration_id}", stream_version, event)])
