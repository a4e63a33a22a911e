"""Builders for the allocation domain tests: valid defaults, override what the test is about."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time
from functools import reduce

from services.allocation.domain import allocation as agg
from services.allocation.domain.allocation import Allocation, AllocationVersion, version_event
from services.allocation.domain.allocation_commands import IssueAllocation
from services.allocation.domain.events import AllocationIssued, Event
from services.allocation.domain.values import Extent, Product

ZWOLLE = "0193"
DEVENTER = "0150"
PROVIDER = "12345678"
OTHER_PROVIDER = "87654321"
CLIENT = "999900006"
OTHER_CLIENT = "999900018"
NOW = datetime(2026, 4, 1, 12, 34, 56)
WEEKLY_HOURS = Extent(2, "04", "2")
TOTAL_HOURS = Extent(40, "04", "6")
AMBULANT = Product("45", "45A03")


def issue(**changes: object) -> IssueAllocation:
    base = IssueAllocation(ZWOLLE, 300201, CLIENT, PROVIDER, AMBULANT, date(2026, 4, 1),
                           date(2026, 7, 14), WEEKLY_HOURS, referrer_type="01")
    return replace(base, **changes)


def version(**changes: object) -> AllocationVersion:
    base = AllocationVersion(ZWOLLE, 300201, CLIENT, PROVIDER, AMBULANT, date(2026, 4, 1),
                             date(2026, 7, 14), WEEKLY_HOURS, None, None, date(2026, 4, 1),
                             time(12, 34, 56), "01")
    return replace(base, **changes)


def issued(**changes: object) -> Event:
    return Event(version_event(AllocationIssued, version(**changes)), tenant=ZWOLLE)


def state_of(*events: Event) -> Allocation:
    return reduce(agg.evolve, events, Allocation())
