"""The region's one audit log: every service's audit entries, appended to the chain in the order
this one consumer receives them, each in the transaction of its inbox row (a redelivered entry
is appended once)."""

from __future__ import annotations

from services.gateway.adapters import audit_trail
from shared.events.envelope import Envelope
from shared.persistence.inbox import Apply
from shared.persistence.ports import UnitOfWork


def audit_consumer() -> Apply:
    async def apply(uow: UnitOfWork, envelope: Envelope) -> None:
        await audit_trail.append(uow.connection, envelope.event_id, envelope.payload)

    return apply
