"""Decided events as the command handler appends them (shared/commands.py): in order, one
`Append` per run of events of one tenant (the register's stream holds region-wide items and
municipal budgets), each expecting the version the one before it leaves."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from services.allocation.domain.events import Event
from shared.commands import Append


def appends(stream: str, expected: int, decided: Sequence[Event]) -> list[Append]:
    found = []
    for tenant, run in groupby(decided, key=lambda e: e.tenant):
        events = [e.event for e in run]
        found.append(Append(stream, expected, events, tenant))
        expected += len(events)
    return found
