"""A settled declaration's approved lines become payable items (design.md §6) and count under
their contract's ceiling, and its rejected lines stop counting as held — in the consumer's one
transaction. Before the JW325, lines held at receipt count as held (usage = approved + held; the
budget's in behandeling) and lines final already (LinesDecided) as approved, in the budget as
realised. Lines under a lump-sum schedule are information: booked as such, and counted neither
under a ceiling nor in the budget, which count the lump sum instead (lump_sums.py). Redelivery
changes nothing: the inbox refuses it, the book books a line id only once, and a line's decision
is never undone."""

from __future__ import annotations

from typing import Any

from services.payments.adapters.region_terms import contracts_of
from services.payments.adapters.financing_terms import LumpSumOf, under_lump_sums
from services.payments.adapters.settlement import (booking_commands, decided_usage_commands, exempt_lines,
                                                   held_usage_commands, line_rows, paid_lines, rejected_line_ids,
                                                   released_usage_commands, usage_commands)
from services.payments.context import Payments, PaymentsWork
from services.payments.domain.budget import APPROVED, HELD
from services.payments.domain.payables import decide_book_approved_lines
from services.payments.handlers.book import append_to_book, record_ceiling_usage
from services.payments.handlers.financing import lump_sum_lines
from services.payments.handlers.evidence import record_evidence
from services.payments.ports import ReferenceData
from shared.events.envelope import Envelope
from shared.exchange.invoicing import DECLARATION_SETTLED, LINES_DECIDED, LINES_HELD
from shared.persistence.inbox import Apply


def settlement_consumer(ctx: Payments) -> Apply:
    async def apply(uow: PaymentsWork, envelope: Envelope) -> None:
        if envelope.type == DECLARATION_SETTLED:
            await book_settlement(ctx, uow, envelope.payload)
        elif envelope.type == LINES_HELD:
            await record_held(ctx, uow, envelope.payload)
        elif envelope.type == LINES_DECIDED:
            await record_decided(ctx, uow, envelope.payload)

    return apply


async def book_settlement(ctx: Payments, uow: PaymentsWork, settled: dict[str, Any]) -> None:
    contracts = contracts_of(await uow.ports.reference.section("contracts", []))
    lump_sum_of = await lump_sum_lines(uow.ports.reference, settled)
    commands = under_lump_sums(booking_commands(settled, contracts, ctx.default_payment_term_days), settled,
                               lump_sum_of)
    version, book = await uow.ports.books.book()
    decided = decide_book_approved_lines(commands, book, ctx.clock.now())
    await append_to_book(ctx, uow, version, decided)
    await _record_lines(uow.ports.reference, settled, settled["approved"], APPROVED, lump_sum_of)
    booked = {e.line_id for e in decided}
    approved = usage_commands([c for c in commands if c.line_id in booked and not c.lump_sum], contracts,
                              exempt_lines(settled))
    await record_ceiling_usage(ctx, uow, [*approved,
                                          *released_usage_commands(settled, contracts)])
    await record_evidence(ctx, uow, settled)


async def record_held(ctx: Payments, uow: PaymentsWork, held: dict[str, Any]) -> None:
    contracts = contracts_of(await uow.ports.reference.section("contracts", []))
    lump_sum_of = await lump_sum_lines(uow.ports.reference, held)
    await record_ceiling_usage(ctx, uow, held_usage_commands(paid_lines(held, "held", lump_sum_of), contracts))
    await uow.ports.reference.record_lines(line_rows(held, held["held"], HELD, lump_sum_of))


async def record_decided(ctx: Payments, uow: PaymentsWork, decided: dict[str, Any]) -> None:
    contracts = contracts_of(await uow.ports.reference.section("contracts", []))
    lump_sum_of = await lump_sum_lines(uow.ports.reference, decided)
    await record_ceiling_usage(ctx, uow, decided_usage_commands(paid_lines(decided, "approved", lump_sum_of),
                                                                contracts))
    await _record_lines(uow.ports.reference, decided, decided["approved"], APPROVED, lump_sum_of)


async def _record_lines(reference: ReferenceData, message: dict[str, Any], lines: list[dict[str, Any]], status: str,
                        lump_sum_of: LumpSumOf) -> None:
    await reference.record_lines(line_rows(message, lines, status, lump_sum_of))
    await reference.record_rejected(rejected_line_ids(message))
