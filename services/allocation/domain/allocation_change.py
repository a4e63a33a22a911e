"""A staff change to one allocation as one command (shared/commands.py): issue, extend, shorten
or revoke, delete. The decision appends the new version to the allocation's stream, signed by who
decided it, publishes the effective version (AllocationPublished) and audits the change naming the
allocation's client. The JW301 to the provider (OP087) is added to this decision by the handler's
command around it (handlers/allocation_steps.py), which builds and encodes the iJw message.

`now` arrives as the clock's time; the version is stamped in Dutch local time (IV013).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime
from functools import reduce
from typing import Any

from services.allocation.domain import register
from services.allocation.domain.allocation import Allocation, AllocationVersion, evolve, stream_id
from services.allocation.domain.allocation_commands import (
    ClientContext,
    DeleteAllocation,
    ExtendAllocation,
    IssueAllocation,
    ShortenAllocation,
)
from services.allocation.domain.allocation_decisions import decide_delete, decide_extend, decide_issue, decide_shorten
from services.allocation.domain.appends import appends
from services.allocation.domain.events import Event
from services.allocation.domain.integration import allocation_published
from services.allocation.domain.values import Period
from shared.clock import AMSTERDAM
from shared.commands import Decision, History, Publish

Change = IssueAllocation | ExtendAllocation | ShortenAllocation | DeleteAllocation


@dataclass(frozen=True)
class ChangeAllocation:
    change: Change
    region: str
    """Whose register says whether an issued product is contracted."""
    by: str | None = None
    """The staff user who decides it: it goes into the version event (`recorded_by`)."""
    audit: Any = None
    """The staff user's audit entry (shared/audit.py), completed with the allocation's client."""


@dataclass(frozen=True)
class AllocationFacts:
    """What the aggregate cannot know itself, read inside the transaction: the client's other
    allocations at the provider (their effective versions) and whether approved declaration lines
    exist on this allocation (TR385)."""

    others: tuple[AllocationVersion, ...] = ()
    has_approved_lines: bool = False


@dataclass(frozen=True)
class AllocationChanged:
    current: AllocationVersion
    changed: bool
    decided_at: datetime
    """The Dutch local time it was decided at: a JW301 announcing it is made then, so a later
    change of the client's allocations counts as changed since that JW301 (OP087)."""


def streams(c: ChangeAllocation) -> list[str]:
    own = stream_id(c.change.municipality, c.change.number)
    return [own, register.stream_id(c.region)] if isinstance(c.change, IssueAllocation) else [own]


def decide_change(c: ChangeAllocation, histories: Mapping[str, History], facts: AllocationFacts,
                  now: datetime) -> Decision[AllocationChanged]:
    stream = stream_id(c.change.municipality, c.change.number)
    state = reduce(evolve, histories[stream], Allocation())
    local = now.astimezone(AMSTERDAM)
    decided = signed(_decide(c, histories, state, facts, local), c.by)
    after = reduce(evolve, decided, state)
    assert after.current is not None
    audited = [] if c.audit is None else [replace(c.audit, client_bsn=after.current.client_bsn)]
    return Decision(AllocationChanged(after.current, bool(decided), local),
                    appends(stream, len(histories[stream]), decided), published(stream, state, decided), audited)


def _decide(c: ChangeAllocation, histories: Mapping[str, History], state: Allocation, facts: AllocationFacts,
            local: datetime) -> list[Event]:
    change = c.change
    if isinstance(change, IssueAllocation):
        known = reduce(register.evolve, histories[register.stream_id(c.region)], register.Register())
        contracted = register.is_contracted(known, change.provider_agb, change.product,
                                            Period(change.start, change.end), change.municipality)
        return decide_issue(change, state, local, ClientContext(contracted, facts.others))
    if isinstance(change, ExtendAllocation):
        return decide_extend(change, state, local, facts.others)
    if isinstance(change, ShortenAllocation):
        return decide_shorten(change, state, local)
    return decide_delete(change, state, local, facts.has_approved_lines)


def signed(decided: list[Event], by: str | None) -> list[Event]:
    """Who decided goes into each version event (`recorded_by`), so an allocation's history names
    them; the kernel's envelope has no place for it, and the version read from the event ignores it."""
    if by is None:
        return decided
    return [replace(e, event=replace(e.event, recorded_by=by)) for e in decided]


def published(stream: str, state: Allocation, decided: Sequence[Event]) -> list[Publish]:
    """Each new version publishes the effective version after it (IV013: a late older version
    publishes the newer one again), keyed by the allocation's stream."""
    found = []
    for event in decided:
        state = evolve(state, event)
        assert state.current is not None
        found.append(Publish(allocation_published(event.event, state.current), stream, event.tenant))
    return found
