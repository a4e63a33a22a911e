"""Appending decided events to the payment book and the ceilings, with their projections, inside
the caller's unit of work; and running one staff command in one transaction (style.md §4)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import replace
from datetime import datetime
from typing import Any

from services.payments.adapters.book_store import ceiling_stream, new_events
from services.payments.context import Payments, PaymentsWork
from services.payments.domain import book as books
from services.payments.domain import ceilings
from services.payments.domain.errors import NotAllowed
from services.payments.domain.commands import RecordCeilingUsage
from shared.audit import REFUSED, AuditEntry
from shared.persistence.ports import ConcurrencyError

ATTEMPTS = 5
BookDecider = Callable[[Any, books.Book, datetime], list[Any]]
AfterBooking = Callable[[PaymentsWork, list[Any]], Awaitable[None]]
"""More work on what was decided, in the same transaction."""


async def append_to_book(ctx: Payments, uow: PaymentsWork, version: int, decided: Sequence[Any]) -> None:
    if decided:
        now = ctx.clock.now()
        uow.append(ctx.book_stream, version, new_events(decided, now))
        await uow.ports.projections.project(decided, now)


async def book_command(ctx: Payments, decide: BookDecider, command: Any, audit: AuditEntry,
                       then: AfterBooking | None = None) -> list[Any]:
    """Load → decide → append + project (+ `then`, e.g. the ceilings) + audit → commit; another
    writer first means retry. A refusal for who is asking (a missing role, four eyes) is in the
    audit log too."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return await _book_command_once(ctx, decide, command, audit, then)
        except ConcurrencyError:
            if attempt == ATTEMPTS:
                raise
        except NotAllowed as refused:
            await ctx.audit.record_alone(ctx.store, replace(audit, outcome=REFUSED, reason=str(refused)))
            raise
    raise AssertionError("unreachable")


async def _book_command_once(ctx: Payments, decide: BookDecider, command: Any, audit: AuditEntry,
                             then: AfterBooking | None) -> list[Any]:
    async with ctx.store.unit_of_work() as uow:
        version, book = await uow.ports.books.book()
        decided = decide(command, book, ctx.clock.now())
        await append_to_book(ctx, uow, version, decided)
        if then is not None and decided:
            await then(uow, decided)
        ctx.audit.record(uow, audit)
        await uow.commit()
    ctx.book.remember(version + len(decided), books.fold(decided, book))
    return decided


async def record_ceiling_usage(ctx: Payments, uow: PaymentsWork, commands: Sequence[RecordCeilingUsage]) -> None:
    by_ceiling: dict[tuple[str, int], list[RecordCeilingUsage]] = {}
    for command in commands:
        by_ceiling.setdefault((command.contract_id, command.year), []).append(command)
    for (contract_id, year), group in by_ceiling.items():
        version, ceiling = await uow.ports.books.ceiling(contract_id, year)
        decided = ceilings.decide_record_usages(group, ceiling, ctx.clock.now())
        await append_to_ceiling(ctx, uow, contract_id, year, version, decided)


async def append_to_ceiling(ctx: Payments, uow: PaymentsWork, contract_id: str, year: int, version: int,
                            decided: Sequence[Any]) -> None:
    if decided:
        now = ctx.clock.now()
        uow.append(ceiling_stream(contract_id, year), version, new_events(decided, now))
        await uow.ports.projections.project(decided, now)
