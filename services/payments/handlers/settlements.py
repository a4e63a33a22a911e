"""A settled declaration's approved lines become payable items (design.md §6) and count under
their contract's ceiling, and its rejected lines stop counting as held — in the consumer's one
transaction. Lines held at receipt count as held until then (usage = approved + held).
Redelivery changes nothing: the inbox refuses it, and the book books a line id only once."""

from __future__ import annotations

from typing import Any

from services.payments.adapters import reference
from services.payments.adapters.region_terms import contracts_of
from services.payments.adapters.settlement import (booking_commands, exempt_lines, held_usage_commands,
                                                   line_product_rows, released_usage_commands, usage_commands)
from services.payments.context import Payments
from services.payments.domain.payables import decide_book_approved_lines
from services.payments.handlers.book import append_to_book, record_ceiling_usage
from services.payments.handlers.evidence import record_evidence
from shared.events.envelope import Envelope
from shared.exchange.invoicing import DECLARATION_SETTLED, LINES_HELD
from shared.persistence.inbox import Apply
from shared.persistence.ports import UnitOfWork


def settlement_consumer(ctx: Payments) -> Apply:
    async def apply(uow: UnitOfWork, envelope: Envelope) -> None:
        if envelope.type == DECLARATION_SETTLED:
            await book_settlement(ctx, uow, envelope.payload)
        elif envelope.type == LINES_HELD:
            contracts = contracts_of(await reference.section(uow.connection, "contracts", []))
            await record_ceiling_usage(ctx, uow, held_usage_commands(envelope.payload, contracts))

    return apply


async def book_settlement(ctx: Payments, uow: UnitOfWork, settled: dict[str, Any]) -> None:
    contracts = contracts_of(await reference.section(uow.connection, "contracts", []))
    commands = booking_commands(settled, contracts, ctx.default_payment_term_days)
    version, book = await ctx.book.load(uow.connection)
    decided = decide_book_approved_lines(commands, book, ctx.clock.now())
    await append_to_book(ctx, uow, version, decided)
    await reference.record_line_products(uow.connection, line_product_rows(settled))
    booked = {e.line_id for e in decided}
    approved = usage_commands([c for c in commands if c.line_id in booked], contracts, exempt_lines(settled))
    await record_ceiling_usage(ctx, uow, [*approved,
                                          *released_usage_commands(settled, contracts)])
    await record_evidence(ctx, uow, settled)
