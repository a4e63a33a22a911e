"""A change to one allocation as one command, shared by the staff commands and an honoured
request: the change itself (domain/allocation_change.py), the client's particulars given with it,
and for changes the service makes itself the JW301 to the provider (OP087) and its record — all
in one decision. `retrying` runs what takes more than one command in one transaction."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from functools import reduce
from typing import Any, TypeVar

from services.allocation.adapters.allocation_messages import jw301
from services.allocation.adapters.outgoing import identification_of, issued, new_message_id
from services.allocation.context import Allocations
from services.allocation.domain import client
from services.allocation.domain.allocation import AllocationVersion, stream_id
from services.allocation.domain.allocation_change import (
    AllocationChanged,
    AllocationFacts,
    ChangeAllocation,
    decide_change,
    streams,
)
from services.allocation.domain.allocation_commands import DeleteAllocation, ExtendAllocation, IssueAllocation
from services.allocation.domain.appends import appends
from services.allocation.domain.errors import RuleViolation
from services.allocation.domain.jw301_content import (
    decide_sent,
    jw301_allocations,
    message_sent,
    message_stream_id,
    sent_streams,
)
from services.allocation.ports import AllocationPorts, AllocationWork
from shared.commands import Command, Decision, History, Publish
from shared.persistence.ports import ConcurrencyError

T = TypeVar("T")
ATTEMPTS = 5


@dataclass(frozen=True)
class ChangeAndAnnounce:
    change: ChangeAllocation
    details: dict[str, Any] | None = None
    """The client's particulars given with an issue (recorded when they changed)."""
    jw301_id: str = field(default_factory=new_message_id)


@dataclass(frozen=True)
class AnnounceFacts:
    """The change's facts, and for its JW301: the client's allocations at the provider before the
    change (effective versions), when the previous JW301 to them was made, their particulars."""

    change: AllocationFacts
    at_provider: tuple[AllocationVersion, ...] = ()
    previous_at: datetime | None = None
    details: dict[str, Any] | None = None


def announce_streams(c: ChangeAndAnnounce) -> list[str]:
    change = c.change.change
    if c.details is None or not isinstance(change, IssueAllocation):
        return streams(c.change)
    return [*streams(c.change), client.stream_id(change.municipality, change.client_bsn)]


async def announce_facts(ports: AllocationPorts, c: ChangeAndAnnounce) -> AnnounceFacts:
    change = c.change.change
    current = None if isinstance(change, IssueAllocation) else await ports.allocations.effective(
        change.municipality, change.number)
    approved = isinstance(change, DeleteAllocation) and await ports.region.has_approved_lines(change.municipality,
                                                                                            change.number)
    who = current or (change if isinstance(change, IssueAllocation) else None)
    if who is None:
        return AnnounceFacts(AllocationFacts(has_approved_lines=approved))  # the decider refuses the change
    at_provider = await ports.allocations.of_client_at(who.client_bsn, who.provider_agb)
    others = at_provider if isinstance(change, IssueAllocation | ExtendAllocation) else ()
    return AnnounceFacts(AllocationFacts(others, approved), tuple(at_provider),
                         await ports.jw301s.last_made_at(change.municipality, who.client_bsn, who.provider_agb),
                         await ports.clients.details(change.municipality, who.client_bsn))


def decide_and_announce(c: ChangeAndAnnounce, histories: Mapping[str, History], known: AnnounceFacts,
                        now: datetime) -> Decision[AllocationVersion]:
    """The details first, then the change, then the JW301 when the change changed anything."""
    decided, details = decide_change(c.change, histories, known.change, now), _details(c, histories)
    outcome: AllocationChanged = decided.result
    announced: tuple[list[Any], list[Publish]] = ([], [])
    if outcome.changed:
        announced = _jw301(c.jw301_id, outcome, known, c.details if c.details is not None else known.details)
    return Decision(outcome.current, [*details, *decided.appends, *announced[0]], [*decided.publish, *announced[1]],
                    decided.audit)


def _details(c: ChangeAndAnnounce, histories: Mapping[str, History]) -> list[Any]:
    change = c.change.change
    if c.details is None or not isinstance(change, IssueAllocation):
        return []
    stream = client.stream_id(change.municipality, change.client_bsn)
    state = reduce(client.evolve, histories[stream], client.Client())
    return appends(stream, len(histories[stream]),
                   client.decide_record_details(change.municipality, change.client_bsn, c.details, state))


def _jw301(message_id: str, outcome: AllocationChanged, known: AnnounceFacts,
           details: dict[str, Any] | None) -> tuple[list[Any], list[Publish]]:
    """OP087: every current allocation of the client at the provider (this one as changed), plus
    what changed since the previous JW301; nothing goes out when nothing qualifies (a
    never-announced allocation deleted at once). The JW301 sent is recorded on a stream of its own."""
    changed, made_at = outcome.current, outcome.decided_at
    others = [v for v in known.at_provider if (v.municipality, v.number) != (changed.municipality, changed.number)]
    chosen = jw301_allocations([*others, changed], changed.municipality, changed.client_bsn, changed.provider_agb,
                               made_at.date(), known.previous_at)
    if not chosen:
        return [], []
    if details is None:
        raise RuleViolation("HF-CLIENT", "the client's name, birth date and gender are unknown; "
                            "give them with the allocation")
    identification = identification_of(message_id)
    message = issued(stream_id(changed.municipality, changed.number),
                     jw301(chosen, details, identification, made_at.date()), message_id)
    sent = message_sent(identification, message_id, chosen, made_at.replace(microsecond=0))
    return appends(message_stream_id(identification), 0, [sent]), [message]


CHANGE_AND_ANNOUNCE: Command = Command(announce_streams, decide_and_announce, announce_facts)
RECORD_DETAILS: Command = Command(client.streams, client.decide_details)
RECORD_JW301_SENT: Command = Command(sent_streams, decide_sent)


async def change_and_announce(work: AllocationWork, ctx: Allocations, c: ChangeAllocation) -> AllocationVersion:
    return await ctx.commands.within(work, CHANGE_AND_ANNOUNCE, ChangeAndAnnounce(c))


async def retrying(run: Callable[[], Awaitable[T]]) -> T:
    """Several steps in one transaction (a number read, then commands); another writer on one of
    their streams means: read again, decide all of them again."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return await run()
        except ConcurrencyError:
            if attempt == ATTEMPTS:
                raise
    raise AssertionError("unreachable")
