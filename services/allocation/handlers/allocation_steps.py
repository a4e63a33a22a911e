"""The commands an allocation change takes inside one unit of work, shared by the staff commands
and an honoured request: the change itself (domain/allocation_change.py), the client's particulars,
and for changes the service makes itself the JW301 to the provider (OP087).

The JW301 is a command of its own after the change, not part of the change's decision: it holds
every allocation of the client at the provider as the read models show them once the change is
projected, and the moment of the previous JW301, which the change's own facts do not read. So a
staff change is several commands in one transaction, retried as a whole (`retrying`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, TypeVar

from services.allocation.adapters.allocation_messages import jw301
from services.allocation.adapters.outgoing import identification_of, issued, new_message_id
from services.allocation.context import Allocations
from services.allocation.domain import client
from services.allocation.domain.allocation import AllocationVersion, stream_id
from services.allocation.domain.allocation_change import (
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
from shared.commands import Command, Decision, History
from shared.persistence.ports import ConcurrencyError

T = TypeVar("T")
ATTEMPTS = 5


async def facts(ports: AllocationPorts, c: ChangeAllocation) -> AllocationFacts:
    change = c.change
    if isinstance(change, IssueAllocation):
        return AllocationFacts(await ports.allocations.of_client_at(change.client_bsn, change.provider_agb))
    if isinstance(change, ExtendAllocation):
        current = await ports.allocations.effective(change.municipality, change.number)
        if current is None:
            return AllocationFacts()
        return AllocationFacts(await ports.allocations.of_client_at(current.client_bsn, current.provider_agb))
    if isinstance(change, DeleteAllocation):
        return AllocationFacts(has_approved_lines=await ports.region.has_approved_lines(change.municipality,
                                                                                         change.number))
    return AllocationFacts()


@dataclass(frozen=True)
class SendJw301:
    """OP087's JW301 for the client and provider of `changed`, made at `made_at` (Dutch local time)."""

    changed: AllocationVersion
    made_at: datetime
    message_id: str = field(default_factory=new_message_id)


@dataclass(frozen=True)
class Jw301Facts:
    """The client's allocations at the provider (effective versions), when the previous JW301 to
    them was made, and the client's particulars."""

    allocations: tuple[AllocationVersion, ...]
    previous_at: datetime | None
    details: dict[str, Any] | None


async def jw301_facts(ports: AllocationPorts, c: SendJw301) -> Jw301Facts:
    municipality, bsn, agb = c.changed.municipality, c.changed.client_bsn, c.changed.provider_agb
    return Jw301Facts(tuple(await ports.allocations.of_client_at(bsn, agb)),
                            await ports.jw301s.last_made_at(municipality, bsn, agb),
                            await ports.clients.details(municipality, bsn))


def decide_jw301(c: SendJw301, _: Mapping[str, History], known: Jw301Facts,
                 now: datetime) -> Decision[str | None]:
    """Every current allocation of the client at the provider, plus what changed since the
    previous JW301; nothing goes out when nothing qualifies (a never-announced allocation deleted
    at once). The JW301 sent is recorded on a stream of its own (jw301_content.py)."""
    changed, day = c.changed, c.made_at.date()
    chosen = jw301_allocations(known.allocations, changed.municipality, changed.client_bsn, changed.provider_agb,
                               day, known.previous_at)
    if not chosen:
        return Decision(None)
    if known.details is None:
        raise RuleViolation("HF-CLIENT", "the client's name, birth date and gender are unknown; "
                            "give them with the allocation")
    identification = identification_of(c.message_id)
    message = issued(stream_id(changed.municipality, changed.number),
                     jw301(chosen, known.details, identification, day), c.message_id)
    sent = message_sent(identification, c.message_id, chosen, c.made_at.replace(microsecond=0))
    return Decision(c.message_id, appends(message_stream_id(identification), 0, [sent]), [message])


CHANGE_ALLOCATION: Command = Command(streams, decide_change, facts)
RECORD_DETAILS: Command = Command(client.streams, client.decide_details)
RECORD_JW301_SENT: Command = Command(sent_streams, decide_sent)
SEND_JW301: Command = Command(sent_streams, decide_jw301, jw301_facts)


async def change_and_announce(work: AllocationWork, ctx: Allocations, c: ChangeAllocation) -> AllocationVersion:
    """The change, and the provider's JW301 when it changed anything."""
    outcome = await ctx.commands.within(work, CHANGE_ALLOCATION, c)
    if outcome.changed:
        await ctx.commands.within(work, SEND_JW301, SendJw301(outcome.current, outcome.decided_at))
    return outcome.current


async def retrying(run: Callable[[], Awaitable[T]]) -> T:
    """Several commands in one transaction; another writer on one of their streams means: reload,
    decide all of them again."""
    for attempt in range(1, ATTEMPTS + 1):
        try:
            return await run()
        except ConcurrencyError:
            if attempt == ATTEMPTS:
                raise
    raise AssertionError("unreachable")
