"""The region's one audit log: every service's audit entries, appended to the chain in the order
this one consumer receives them, each in the transaction of its inbox row (a redelivered entry
is appended once)."""

from __future__ import annotations

from services.gateway.domain.audit_chain import entry_of
from services.gateway.ports import GatewayPorts
from shared.events.envelope import Envelope
from shared.persistence.ports import Work


def audit_consumer():  # type: ignore[no-untyped-def]
    async def apply(work: Work[GatewayPorts], envelope: Envelope) -> None:
        await work.ports.audit.append(entry_of(envelope.event_id, envelope.payload))

    return apply
