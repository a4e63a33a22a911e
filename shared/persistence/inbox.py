"""Idempotent consumption: the inbox row and the handler's effects commit in one transaction.

Events of types the consumer's registry does not hold are passed over. A redelivered event (a rebalance, a relay that re-published after a crash) finds its inbox row
and changes nothing. The bus offset is committed by the worker only after this returns.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from shared.bus.port import Handler, Record
from shared.events.envelope import Envelope
from shared.events.registry import EventRegistry
from shared.persistence.ports import Database, UnitOfWork

Apply = Callable[[UnitOfWork, Envelope], Awaitable[None]]


def idempotent_handler(db: Database, consumer: str, registry: EventRegistry, apply: Apply) -> Handler:
    async def handle(record: Record) -> None:
        envelope = Envelope.from_json(record.value)
        if envelope.type not in registry:
            return  # a topic carries all of its producer's events; the rest are not ours
        envelope = registry.upcast(envelope)
        async with db.unit_of_work() as uow:
            if not await uow.claim(consumer, envelope.event_id):
                return
            await apply(uow, envelope)
            await uow.commit()

    return handle
