"""The steps an allocation change takes inside one unit of work, shared by the staff commands,
an honoured request and a municipality's own JW301: load → decide → append → project →
publish, and (for changes the service makes itself) the JW301 to the provider (OP087)."""

from __future__ import annotations

import uuid
from collections.abc import Awaitable, Callable
from dataclasses import replace
from datetime import datetime
from functools import reduce

from services.allocation.adapters import projections
from services.allocation.adapters.allocation_messages import jw301
from services.allocation.domain.integration import allocation_published
from services.allocation.context import Allocations
from services.allocation.domain.allocation import Allocation, AllocationVersion, evolve, stream_id
from services.allocation.domain.errors import RuleViolation
from services.allocation.domain import events as ev
from services.allocation.domain.events import Event
from services.allocation.domain.jw301_content import jw301_allocations, message_sent, message_stream_id
from services.allocation.handlers.publishing import append, identification_of, issue_message, publish
from services.allocation.ports import AllocationWork
from shared.events.envelope import Envelope

Decide = Callable[[Allocation, datetime], Awaitable[list[Event]]]


async def decide_and_record(work: AllocationWork, ctx: Allocations, municipality: str, number: int,
                            decide: Decide, now: datetime,
                            by: str | None = None) -> tuple[AllocationVersion | None, bool]:
    """The effective version after the decision, and whether anything was decided; `by` is the
    staff user who decided it."""
    stream = stream_id(municipality, number)
    stored = await work.load(stream)
    state = reduce(evolve, stored, Allocation())
    appended = append(work, stream, len(stored), signed(await decide(state, now), by), now)
    state = await record_versions(work, ctx, appended, state)
    return state.current, bool(appended)


def signed(decided: list[Event], by: str | None) -> list[Event]:
    """Who decided goes into each version event (`recorded_by`), so an allocation's history names
    them; the kernel's envelope has no place for it, and the version read from the event ignores it."""
    if by is None:
        return decided
    return [replace(e, event=replace(e.event, recorded_by=by)) for e in decided]


async def record_versions(work: AllocationWork, ctx: Allocations, appended: list[Envelope],
                          state: Allocation) -> Allocation:
    for envelope in appended:
        state = evolve(state, envelope)
        assert state.current is not None
        await projections.project(work.ports, [envelope])
        publish(work, ctx, envelope, allocation_published(ev.decoded(envelope), state.current))
    return state


async def send_jw301(work: AllocationWork, ctx: Allocations, changed: AllocationVersion, now: datetime) -> str | None:
    """OP087: every current allocation of the client at the provider, plus what changed since
    the previous JW301. Nothing goes out when nothing qualifies (a never-announced allocation
    deleted at once)."""
    chosen = await _jw301_content(work, changed, now)
    if not chosen:
        return None
    details = await work.ports.clients.details(changed.municipality, changed.client_bsn)
    if details is None:
        raise RuleViolation("HF-CLIENT", "the client's name, birth date and gender are unknown; "
                            "give them with the allocation")
    identification = identification_of(message_id := uuid.uuid4())
    issue_message(work, ctx, stream_id(changed.municipality, changed.number),
                  lambda ident: jw301(chosen, details, ident, now.date()), message_id=message_id)
    await record_jw301_sent(work, message_sent(identification, str(message_id), chosen,
                                              now.replace(microsecond=0)), now)
    return str(message_id)


async def record_jw301_sent(work: AllocationWork, sent: Event, now: datetime) -> None:
    """A new stream per BerichtIdentificatie: a reused one (TR056) fails the transaction."""
    await projections.project(work.ports, append(work, message_stream_id(sent.event.identification), 0,
                                                     [sent], now))


async def _jw301_content(work: AllocationWork, changed: AllocationVersion, now: datetime) -> tuple[AllocationVersion, ...]:
    municipality, bsn, agb = changed.municipality, changed.client_bsn, changed.provider_agb
    previous = await work.ports.jw301s.last_made_at(municipality, bsn, agb)
    return jw301_allocations(await work.ports.allocations.of_client_at(bsn, agb), municipality, bsn, agb,
                             now.date(), previous)
