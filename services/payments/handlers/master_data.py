"""Reference data from other services' events: the region file's sections (gateway) and the
effective allocations (allocation service). A contracts section sets each contract's ceilings."""

from __future__ import annotations

from typing import Any

from services.payments.adapters import reference
from services.payments.adapters.book_store import ceiling_stream
from services.payments.adapters.region_terms import contracts_of
from services.payments.context import Payments
from services.payments.domain.ceilings import decide_set_ceiling
from services.payments.domain.commands import SetCeiling
from services.payments.handlers.book import append_to_ceiling
from shared.events.envelope import Envelope
from shared.exchange.allocation import ALLOCATION_PUBLISHED
from shared.exchange.contract import SECTION_PUBLISHED
from shared.persistence.inbox import Apply
from shared.persistence.ports import UnitOfWork

SECTIONS = ("account", "providers", "contracts", "products", "budgets")


def region_consumer(ctx: Payments) -> Apply:
    async def apply(uow: UnitOfWork, envelope: Envelope) -> None:
        if envelope.type != SECTION_PUBLISHED or envelope.payload["section"] not in SECTIONS:
            return
        name, content = envelope.payload["section"], envelope.payload["content"]
        await reference.store_section(uow.connection, name, content)
        if name == "contracts":
            await set_ceilings(ctx, uow, content)

    return apply


async def set_ceilings(ctx: Payments, uow: UnitOfWork, content: list[dict[str, Any]]) -> None:
    for contract in contracts_of(content):
        for year, amount in sorted(contract.ceilings.items()):
            version, ceiling = await ctx.ceilings.load(uow.connection, ceiling_stream(contract.contract_id, year))
            command = SetCeiling(contract.contract_id, contract.provider, year, amount)
            decided = decide_set_ceiling(command, ceiling, ctx.clock.now())
            await append_to_ceiling(ctx, uow, contract.contract_id, year, version, decided)


def allocation_consumer() -> Apply:
    async def apply(uow: UnitOfWork, envelope: Envelope) -> None:
        if envelope.type == ALLOCATION_PUBLISHED:
            await reference.record_allocation(uow.connection, envelope.payload)

    return apply
