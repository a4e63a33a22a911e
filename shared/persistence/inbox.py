"""Idempotent consumption: the inbox row and the handler's effects commit in one transaction.

Events of types the consumer's registry does not hold are passed over. A redelivered event (a
rebalance, a relay that re-published after a crash) finds its inbox row and changes nothing.
The bus offset is committed by the worker only after this returns. A whole poll may be applied
in one transaction (`batch`): a commit, not an event, is the unit of cost. A poll that carries
big messages (declarations of thousands of lines) is applied in several transactions of about
`TRANSACTION_BYTES` each, so the service's other writers, who queue for the database, wait for
one big declaration and not for a hundred.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence

from shared import collector, crashpoints
from shared.bus.port import Record
from shared.events.envelope import Envelope, type_of
from shared.events.registry import EventRegistry
from shared.persistence.ports import Database, UnitOfWork

TRANSACTION_BYTES = 1_000_000

Apply = Callable[[UnitOfWork, Envelope], Awaitable[None]]
Accepts = Callable[[Envelope], bool]
Committed = Callable[[UnitOfWork], None]
"""Told the unit of work once it has committed (never after a rollback): a service keeps what it
decided warm for the next transaction."""


class IdempotentHandler:
    def __init__(self, db: Database, consumer: str, registry: EventRegistry, apply: Apply,
                 accepts: Accepts | None = None, committed: Committed | None = None) -> None:
        self._db, self.consumer, self._registry, self._apply, self._accepts = db, consumer, registry, apply, accepts
        self._committed = committed

    async def __call__(self, record: Record) -> None:
        await self.batch([record])

    async def batch(self, records: Sequence[Record]) -> None:
        """Apply `records`, or raise having applied a prefix of them: the worker then takes them
        one by one, and the inbox passes over those already applied."""
        for chunk in _chunks(records, TRANSACTION_BYTES):
            await self._apply_together(chunk)

    async def _apply_together(self, records: Sequence[Record]) -> None:
        envelopes = [e for e in map(self._ours, records) if e is not None]
        if not envelopes:
            return
        with collector.paused():
            async with self._db.unit_of_work() as uow:
                for envelope in envelopes:
                    if await uow.claim(self.consumer, envelope.event_id):
                        await self._apply(uow, envelope)
                await uow.commit()
                if self._committed is not None:
                    self._committed(uow)
        crashpoints.reached("inbox", self.consumer)

    def _ours(self, record: Record) -> Envelope | None:
        if type_of(record.value) not in self._registry:
            return None  # a topic carries all of its producer's events; the rest are not ours
        envelope = Envelope.from_json(record.value)
        envelope = self._registry.upcast(envelope)
        if self._accepts is not None and not self._accepts(envelope):
            return None  # of a known type but not this consumer's (a JW301 seen by invoicing)
        return envelope


def _chunks(records: Sequence[Record], budget: int) -> list[Sequence[Record]]:
    chunks: list[Sequence[Record]] = []
    start = size = 0
    for end, record in enumerate(records):
        if end > start and size + len(record.value) > budget:
            chunks.append(records[start:end])
            start, size = end, 0
        size += len(record.value)
    if start < len(records):
        chunks.append(records[start:])
    return chunks


def idempotent_handler(db: Database, consumer: str, registry: EventRegistry, apply: Apply,
                       accepts: Accepts | None = None, committed: Committed | None = None) -> IdempotentHandler:
    return IdempotentHandler(db, consumer, registry, apply, accepts, committed)
