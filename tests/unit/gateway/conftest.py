"""The gateway's handlers on its in-memory adapters: what they decide and record, without SQL."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from services.gateway.bootstrap import build_in_memory
from services.gateway.config import GatewaySettings
from services.gateway.handlers.parties import PartySpec, register_party
from shared.auth.principal import PartyKind
from shared.events.envelope import Envelope
from shared.exchange.audit import AUDIT_TOPIC
from shared.clock import FixedClock

PROVIDER, MUNICIPALITY = "42420001", "0384"
T0 = datetime(2026, 11, 2, 9, 0, tzinfo=UTC)


@pytest.fixture
async def memory_gateway():  # type: ignore[no-untyped-def]
    gw, store = build_in_memory(GatewaySettings(), FixedClock(T0))
    await register_party(gw, PartySpec(PROVIDER, PartyKind.PROVIDER, "Aanbieder", ("token-provider",)))
    await register_party(gw, PartySpec(MUNICIPALITY, PartyKind.MUNICIPALITY, "Gemeente", ("token-gemeente",)))
    return gw, store


async def audited(store) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """(action, outcome) of the entries the gateway staged for the region's audit log, in order."""
    rows = [row for row in await store.db.pending_outbox(1000) if row.topic == AUDIT_TOPIC]
    return [(p["action"], p["outcome"]) for p in (Envelope.from_json(row.value).payload for row in rows)]
