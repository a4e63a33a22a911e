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

from datetime import datetime
from typing import Any

import structlog

from services.allocation.adapters.integration import register_published
from services.allocation.adapters.region_file import SECTIONS, RegisterCommand, register_commands
from services.allocation.context import Allocations
from services.allocation.domain import register
from services.allocation.domain import register_decisions as rd
from services.allocation.domain.errors import DomainError
from services.allocation.domain.events import Event, decoded
from services.allocation.handlers.publishing import publish
from services.allocation.handlers.streams import StagedStreams
from shared.events.envelope import Envelope
from shared.events.registry import EventRegistry
from shared.exchange.contract import SectionPublished
from services.allocation.ports import AllocationWork

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
    streams = StagedStreams(work, register.evolve, register.Register())
    stream, now = register.stream_id(ctx.region), ctx.clock.now()
    for command in register_commands(sections, pending):
        state = await streams.state(stream)
        try:
            decided = _decide(command, state, now)
        except DomainError as refused:
            log.warning("region.item_refused", command=type(command).__name__, reason=str(refused))
            continue
        streams.add(stream, decided)
    _publish(work, ctx, streams.append_all(now), await streams.state(stream))
    await work.ports.region.mark_applied(sorted(pending))


def _decide(command: RegisterCommand, state: register.Register, now: datetime) -> list[Event]:
    if isinstance(command, rd.ConcludeContract) and command.contract_id in state.contracts:
        amended = rd.AmendContractTerms(command.contract_id, command.payment_term_days,
                                        command.advance_per_month)
        return rd.decide_amend_terms(amended, state, now)
    return _DECIDERS[type(command)](command, state, now)  # type: ignore[operator]


def _publish(work: AllocationWork, ctx: Allocations, appended: list[Envelope], state: register.Register) -> None:
    """Contract events publish the contract's whole current terms, so the final state serves all."""
    for envelope in appended:
        published = register_published(decoded(envelope), state)
        if published is not None:
            publish(work, ctx, envelope, published)


_DECIDERS: dict[type, Any] = {
    rd.DefineProduct: rd.decide_define_product,
    rd.DefineBudgetLine: rd.decide_define_budget_line,
    rd.ConcludeContract: rd.decide_conclude_contract,
    rd.AgreeTariff: rd.decide_agree_tariff,
    rd.SetBudgetCeiling: rd.decide_set_ceiling,
    rd.SetMunicipalBudget: rd.decide_set_municipal_budget,
}

