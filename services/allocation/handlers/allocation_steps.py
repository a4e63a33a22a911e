"""The commands an allocation change takes inside one unit of work, shared by the staff commands
and an honoured request: the change itself (domain/allocation_change.py), the client's particulars,
and for changes the service makes itself the JW301 to the provider (OP087)."""

from __future__ import annotations

import uuid
from datetime import datetime

from services.allocation.adapters.allocation_messages import jw301
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
from services.allocation.domain.errors import RuleViolation
from services.allocation.domain.jw301_content import RecordJw301Sent, decide_sent, jw301_allocations, sent_streams
from services.allocation.handlers.publishing import identification_of, issue_message
from services.allocation.ports import AllocationPorts, AllocationWork
from shared.commands import Command


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


CHANGE_ALLOCATION: Command = Command(streams, decide_change, facts)
RECORD_DETAILS: Command = Command(client.streams, client.decide_details)
RECORD_JW301_SENT: Command = Command(sent_streams, decide_sent)


async def change_and_announce(work: AllocationWork, ctx: Allocations, c: ChangeAllocation) -> AllocationVersion:
    """The change, and the provider's JW301 when it changed anything."""
    outcome = await ctx.commands.within(work, CHANGE_ALLOCATION, c)
    if outcome.changed:
        await send_jw301(work, ctx, outcome.current, outcome.decided_at)
    return outcome.current


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
    await ctx.commands.within(work, RECORD_JW301_SENT, RecordJw301Sent(
        identification, str(message_id), chosen, now.replace(microsecond=0)))
    return str(message_id)


async def _jw301_content(work: AllocationWork, changed: AllocationVersion,
                         now: datetime) -> tuple[AllocationVersion, ...]:
    municipality, bsn, agb = changed.municipality, changed.client_bsn, changed.provider_agb
    previous = await work.ports.jw301s.last_made_at(municipality, bsn, agb)
    return jw301_allocations(await work.ports.allocations.of_client_at(bsn, agb), municipality, bsn, agb,
                             now.date(), previous)
