"""Commands on the payment book and the ceilings through the kernel's command handler
(shared/commands.py): a staff command in its own transaction (style.md §4), and the ceilings'
usages inside the caller's."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from itertools import groupby
from typing import Any

from services.payments.context import Payments, PaymentsWork
from services.payments.domain import book as books
from services.payments.domain import ceilings
from services.payments.domain.errors import NotAllowed
from services.payments.domain.commands import RecordCeilingUsage
from services.payments.ports import PaymentsPorts
from shared.audit import REFUSED, AuditEntry
from shared.commands import Append, Command, Decision
from shared.persistence.ports import ConcurrencyError

ATTEMPTS = 5
BookDecider = Callable[[Any, books.Book, datetime], list[Any]]
AfterBooking = Callable[[PaymentsWork, list[Any]], Awaitable[None]]
"""More work on what was decided, in the same transaction."""


async def book_command(ctx: Payments, decide: BookDecider, command: Any, audit: AuditEntry,
                       then: AfterBooking | None = None) -> list[Any]:
    """A staff command on the book through the kernel's command handler (shared/commands.py):
    the book as decided so far → decide → append + project + audit, then `then` (e.g. the
    ceilings) in the same transaction → commit; another writer first means decide again. A
    refusal for who is asking (a missing role, four eyes) is in the audit log too."""
    use_case = on_book(decide, ctx.book_stream)
    for attempt in range(1, ATTEMPTS + 1):
        try:
            async with ctx.store.unit_of_work() as work:
                done = await ctx.commands.within(work, use_case, (command, audit))
                if then is not None and done.decided:
                    await then(work, list(done.decided))
                await work.commit()
            ctx.book.remember(*done.book)
            return list(done.decided)
        except ConcurrencyError:
            if attempt == ATTEMPTS:
                raise
        except NotAllowed as refused:
            await ctx.audit.record_alone(ctx.store, replace(audit, outcome=REFUSED, reason=str(refused)))
            raise
    raise AssertionError("unreachable")


@dataclass(frozen=True)
class Booked:
    decided: Sequence[Any]
    book: tuple[int, books.Book]
    """The book's stream version and state once this decision commits, for the cache."""


def on_book(decide: BookDecider, stream: str) -> Command:
    """The book is one stream for the whole region: it is not replayed per command (`streams` is
    empty) but read folded as of its last committed version (`context`, adapters/book_store.py),
    and the version decided on is the one appended after."""
    async def folded(ports: PaymentsPorts, given: tuple[Any, AuditEntry]) -> tuple[int, books.Book]:
        return await ports.books.book()

    def decided(given: tuple[Any, AuditEntry], _: Any, book: tuple[int, books.Book], now: datetime) -> Decision[Booked]:
        command, audit = given
        version, state = book
        events = decide(command, state, now)
        result = Booked(events, (version + len(events), books.fold(events, state)))
        return Decision(result, appends=book_appends(stream, version, events), audit=[audit])

    return Command(lambda _: [], decided, folded)


def book_appends(stream: str, version: int, events: Sequence[Any], chunk: int | None = None) -> list[Append]:
    """One append per run of events of one tenant (the item's municipality where the event has
    one); any of payments' streams. `chunk`: written and
    projected that many events at a time (shared/commands.py `Append.chunk`)."""
    appends: list[Append] = []
    for tenant, run in groupby(events, key=lambda e: getattr(e, "municipality", None)):
        same = list(run)
        appends.append(Append(stream, version, same, tenant, chunk))
        version += len(same)
    return appends


async def project_decided(ports: PaymentsPorts, decided: Sequence[Any], at: datetime) -> None:
    """What the command handler appended, projected as decided, at the moment it was recorded."""
    await ports.projections.project(decided, at)


async def record_ceiling_usage(ctx: Payments, uow: PaymentsWork, commands: Sequence[RecordCeilingUsage]) -> None:
    """After a staff command on the book (the lump sums it books count under their ceilings), in
    its transaction: the ceilings' own command through the command handler."""
    await ctx.commands.within(uow, ON_CEILINGS, commands)


Ceilings = Mapping[tuple[str, int], tuple[int, ceilings.Ceiling]]
"""(contract, year) → the ceiling's stream version and state."""


async def ceilings_of(ports: PaymentsPorts, keys: Iterable[tuple[str, int]]) -> Ceilings:
    return {key: await ports.books.ceiling(*key) for key in dict.fromkeys(keys)}


def ceiling_appends(commands: Sequence[RecordCeilingUsage], known: Ceilings, now: datetime,
                    chunk: int | None = None) -> list[Append]:
    """Each ceiling's usages decided in turn on its stream (`known` holds every ceiling named)."""
    by_ceiling: dict[tuple[str, int], list[RecordCeilingUsage]] = {}
    for command in commands:
        by_ceiling.setdefault((command.contract_id, command.year), []).append(command)
    appends = []
    for key, group in by_ceiling.items():
        version, ceiling = known[key]
        decided = ceilings.decide_record_usages(group, ceiling, now)
        appends += book_appends(ceilings.ceiling_stream(*key), version, decided, chunk)
    return appends


def _usages(commands: Sequence[RecordCeilingUsage], _: Any, known: Ceilings, now: datetime) -> Decision[None]:
    return Decision(None, appends=ceiling_appends(commands, known, now))


async def _ceilings_named(ports: PaymentsPorts, commands: Sequence[RecordCeilingUsage]) -> Ceilings:
    return await ceilings_of(ports, ((c.contract_id, c.year) for c in commands))


ON_CEILINGS: Command = Command(lambda _: [], _usages, _ceilings_named)
"""Usages recorded under their ceilings: each ceiling is one stream, folded (not replayed) like
the book."""
