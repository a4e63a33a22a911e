"""The payments service on its in-memory adapters, with one contract in place, for the handler and
consumer tests that need no database."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from services.payments.bootstrap import build_in_memory
from services.payments.config import PaymentsSettings
from shared.clock import FixedClock
from shared.events.envelope import Envelope

T0 = datetime(2026, 4, 1, 9, 0, tzinfo=UTC)
PROVIDER = "98000001"
CONTRACTS = [{"id": "C1", "provider": PROVIDER, "municipalities": ["0193"], "payment_term_days": 30,
              "ceiling": {"2026": 1_000_000}}]


async def payments_in_memory() -> tuple[Any, Any]:
    ctx, store = build_in_memory(PaymentsSettings(region="regio", audit_key="k" * 32), FixedClock(T0))
    async with store.unit_of_work() as work:
        await work.ports.reference.store_section("contracts", CONTRACTS)
        await work.commit()
    return ctx, store


async def consume(store, apply, *envelopes: Envelope) -> None:  # type: ignore[no-untyped-def]
    """As the inbox applies a poll: every envelope in one unit of work, then one commit."""
    async with store.unit_of_work() as work:
        for envelope in envelopes:
            await apply(work, envelope)
        await work.commit()
