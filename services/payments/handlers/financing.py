"""The region's financing beyond price × quantity (issue 17): lump-sum schedules and their
year-end settlement, PGB transfers to the SVB — staff commands through `book_command` — and the
starts and stops of care kept for the monitoring of lump-sum contracts."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from services.payments.adapters.financing_terms import (
    lump_sum_terms, lump_sum_usage_commands, svb_account,
)
from services.payments.adapters.region_terms import contracts_of
from services.payments.context import Payments, PaymentsWork
from services.payments.domain import book as books
from services.payments.domain import lump_sums as lump
from services.payments.domain import pgb
from services.payments.domain.errors import UnknownSchedule
from services.payments.domain.monitoring import CareSpell
from services.payments.handlers.book import AfterBooking, book_command, record_ceiling_usage
from shared.audit import AuditEntry
from shared.events.envelope import Envelope
from shared.events.registry import EventRegistry
from shared.exchange import allocation
from shared.exchange.allocation import DeliveryReported
from shared.persistence.inbox import Apply


async def schedule_lump_sums(ctx: Payments, up_to: date, by: str, roles: frozenset[str], audit: AuditEntry) -> int:
    terms = lump_sum_terms(await ctx.financing.region.sections())

    def decide(all_terms: tuple[lump.LumpSumTerms, ...], book: books.Book, now: datetime) -> list[Any]:
        return [event for t in all_terms
                for event in lump.decide_schedule_lump_sums(lump.ScheduleLumpSums(t, up_to, by, roles), book, now)]

    return len(await book_command(ctx, decide, terms, audit, then=_under_ceilings(ctx)))


async def schedule_terms(ctx: Payments, schedule_id: str, visible: frozenset[str] | None = None) -> lump.LumpSumTerms:
    """A schedule pays for several municipalities: staff see it when they see every one of them."""
    found = next((t for t in lump_sum_terms(await ctx.financing.region.sections()) if t.schedule_id == schedule_id),
                 None)
    if found is None or (visible is not None and not set(found.shares) <= visible):
        raise UnknownSchedule(schedule_id)
    return found


async def settle_lump_sum(ctx: Payments, schedule_id: str, year: int, due_on: date, by: str, roles: frozenset[str],
                          audit: AuditEntry) -> list[Any]:
    command = lump.SettleLumpSum(await schedule_terms(ctx, schedule_id), year, due_on, by, roles)
    return await book_command(ctx, lump.decide_settle_lump_sum, command, audit, then=_under_ceilings(ctx))


def _under_ceilings(ctx: Payments) -> AfterBooking:
    async def count(uow: PaymentsWork, decided: list[Any]) -> None:
        contracts = contracts_of(await uow.ports.reference.section("contracts", []))
        await record_ceiling_usage(ctx, uow, lump_sum_usage_commands(decided, contracts))

    return count


async def book_pgb_transfer(ctx: Payments, command: pgb.BookPgbTransfer, audit: AuditEntry) -> list[Any]:
    sections = await ctx.financing.region.sections()
    region = frozenset(m["code"] for m in sections.get("municipalities") or [])
    known = svb_account(sections) is not None

    def decide(c: pgb.BookPgbTransfer, book: books.Book, now: datetime) -> list[Any]:
        return pgb.decide_book_pgb_transfer(c, book, now, region=region, svb_known=known)

    return await book_command(ctx, decide, command, audit)


ALLOCATION = EventRegistry.of(allocation.CLASSES)
"""What payments reads of the allocation service's topic, typed (shared/exchange/allocation.py)."""


def delivery_consumer(ctx: Payments) -> Apply:
    """`allocation.DeliveryReported` v1: accepted starts and stops, for monitoring only (OP364)."""
    async def apply(uow: PaymentsWork, envelope: Envelope) -> None:
        if envelope.type != DeliveryReported.TYPE:
            return
        p: DeliveryReported = ALLOCATION.decode(envelope)
        spells, key = uow.ports.spells, (p.municipality, p.allocation_number, p.begin)
        if p.kind == "started":
            product = p.product.code if p.product else None
            await spells.started(CareSpell(*key[:2], p.client_bsn, p.provider_agb, product, key[2]))
        elif p.kind == "start_withdrawn":
            await spells.start_withdrawn(*key)
        elif p.kind == "stopped":
            await spells.stopped(*key, p.end, p.reason)
        elif p.kind == "stop_withdrawn":
            await spells.stopped(*key, None, None)

    return apply  # type: ignore[return-value]
