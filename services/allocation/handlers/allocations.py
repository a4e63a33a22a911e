"""Staff commands on allocations (role access): issue, extend, shorten or revoke, delete. Each
is one transaction through the command handler (domain/allocation_change.py): decide, record,
audit; then the provider's JW301 (OP087) in the same transaction."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from services.allocation.context import Allocations
from services.allocation.domain.allocation import AllocationVersion, stream_id
from services.allocation.domain.allocation_change import ChangeAllocation
from services.allocation.domain.allocation_commands import (
    DeleteAllocation,
    ExtendAllocation,
    IssueAllocation,
    ShortenAllocation,
)
from services.allocation.domain.client import RecordClientDetails
from services.allocation.handlers.allocation_steps import RECORD_DETAILS, change_and_announce, retrying
from services.allocation.handlers.audit import Actor, entry
from shared.events.envelope import Envelope

Change = ExtendAllocation | ShortenAllocation | DeleteAllocation


async def issue(ctx: Allocations, make: Callable[[int], IssueAllocation], number: int | None,
                municipality: str, details: dict[str, Any] | None, actor: Actor) -> AllocationVersion:
    async def run() -> AllocationVersion:
        async with ctx.store.unit_of_work() as work:
            command = make(number or await work.ports.allocations.next_number(municipality))
            if details is not None:
                await ctx.commands.within(work, RECORD_DETAILS,
                                          RecordClientDetails(municipality, command.client_bsn, details))
            audited = entry(actor, "allocation.issue", _name(command), None, municipality)
            current = await change_and_announce(work, ctx, ChangeAllocation(command, ctx.region, actor.username,
                                                                            audited))
            await work.commit()
            return current

    return await retrying(run)


async def change(ctx: Allocations, command: Change, actor: Actor) -> AllocationVersion:
    audited = entry(actor, _ACTIONS[type(command)], _name(command), None, command.municipality)

    async def run() -> AllocationVersion:
        async with ctx.store.unit_of_work() as work:
            current = await change_and_announce(work, ctx, ChangeAllocation(command, ctx.region, actor.username,
                                                                            audited))
            await work.commit()
            return current

    return await retrying(run)


async def history(ctx: Allocations, municipality: str, number: int) -> list[Envelope]:
    """An allocation's stored events as they are (who recorded them, when), for its history."""
    async with ctx.store.unit_of_work() as work:
        return await work.load(stream_id(municipality, number))


def _name(command: IssueAllocation | Change) -> str:
    return f"allocation {command.municipality}/{command.number}"


_ACTIONS = {ExtendAllocation: "allocation.extend", ShortenAllocation: "allocation.shorten",
            DeleteAllocation: "allocation.delete"}
