"""Consumes `region.SectionPublished`: keeps the last content of the register sections and
brings the register in line with all of them.

Sections arrive on different keys, so in no guaranteed order (budgets may come before the
products that define their budget lines). Every time one arrives, the sections whose content
was not applied yet are applied in dependency order; the deciders decide nothing for what is
already so. A section the file did not change is not applied again, so a reload never undoes an
admin's change made through the register API. An item the register
refuses (say, a tariff for an unknown product) is logged and skipped, so one bad line does not
block the rest; a later, corrected file applies it.
"""

from __future__ import annotations

import structlog

from services.allocation.adapters.region_file import SECTIONS, register_commands
from services.allocation.context import Allocations
from services.allocation.domain.register_changes import ChangeRegister
from services.allocation.handlers.register_admin import CHANGE_REGISTER
from services.allocation.ports import AllocationWork
from shared.events.envelope import Envelope
from shared.events.registry import EventRegistry
from shared.exchange.contract import SectionPublished

log = structlog.get_logger(__name__)
PUBLISHED = EventRegistry.of((SectionPublished,))


def region_consumer(ctx: Allocations):  # type: ignore[no-untyped-def]
    async def apply(work: AllocationWork, envelope: Envelope) -> None:
        published: SectionPublished = PUBLISHED.decode(envelope)
        if published.section not in SECTIONS:
            return
        await work.ports.region.store_section(published.section, published.sha256, published.content)
        await reconcile(work, ctx)

    return apply


async def reconcile(work: AllocationWork, ctx: Allocations) -> None:
    rows = await work.ports.region.sections()
    sections = {row.name: row.content for row in rows}
    pending = {row.name for row in rows if row.sha256 != row.applied_sha256}
    if "products" not in sections or not pending:
        return  # contracts name products and budgets name budget lines: wait for the products
    changes = ChangeRegister(ctx.region, tuple(register_commands(sections, pending)), from_file=True)
    outcome = await ctx.commands.within(work, CHANGE_REGISTER, changes)
    for refused in outcome.refused:
        log.warning("region.item_refused", command=type(refused.change).__name__, reason=refused.reason)
    await work.ports.region.mark_applied(sorted(pending))
