"""Staff commands on allocations (role access): issue, extend, shorten or revoke, delete. Each
is one command through the command handler (handlers/allocation_steps.py): decide, record,
audit, and send the provider's JW301 (OP087), in one transaction."""

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
from services.allocation.handlers.allocation_steps import CHANGE_AND_ANNOUNCE, ChangeAndAnnounce, retrying
from services.allocation.handlers.audit import Actor, entry
from shared.events.envelope import Envelope

Change = ExtendAllocation | ShortenAllocation | DeleteAllocation


async def issue(ctx: Allocations, make: Callable[[int], IssueAllocation], number: int | None,
                municipality: str, details: dict[str, Any] | None, actor: Actor) -> AllocationVersion:
    """Without a number, the next free one is read in the transaction: a writer that took it first
    makes the whole transaction run again with the number after it (`retrying`)."""
    async def run() -> AllocationVersion:
        async with ctx.store.unit_of_work() as work:
            command = make(number or await work.ports.allocations.next_number(municipality))
            audited = entry(actor, "allocation.issue", _name(command), None, municipality)
            change = ChangeAllocation(command, ctx.region, actor.username, audited)
            current = await ctx.commands.within(work, CHANGE_AND_ANNOUNCE, ChangeAndAnnounce(change, details))
            await work.commit()
            return current

    return await retrying(run)


async def change(ctx: Allocations, command: Change, actor: Actor) -> AllocationVersion:
    audited = entry(actor, _ACTIONS[type(command)], _name(command), None, command.municipality)
    change = ChangeAllocation(command, ctx.region, actor.username, audited)
    return await ctx.commands(CHANGE_AND_ANNOUNCE, ChangeAndAnnounce(change))


async def history(ctx: Allocations, municipality: str, number: int) -> list[Envelope]:
    """An allocation's stored events as they are (who recorded them, when), for its history."""
    async with ctx.store.unit_of_work() as work:
        return await work.load(stream_id(municipality, number))


def _name(command: IssueAllocation | Change) -> str:
    return f"allocation {command.municipality}/{command.number}"


_ACTIONS = {ExtendAllocation: "allocation.extend", ShortenAllocation: "allocation.shorten",
            DeleteAllocation: "allocation.delete"}
