"""Staff commands on allocations (role access): issue, extend, shorten or revoke, delete. Each
is one transaction: decide, record, send the provider its JW301 (OP087), audit."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from functools import reduce
from typing import Any

from services.allocation.context import Allocations
from services.allocation.domain import register
from services.allocation.domain.allocation import Allocation, AllocationVersion
from services.allocation.domain.allocation_commands import (
    ClientContext,
    DeleteAllocation,
    ExtendAllocation,
    IssueAllocation,
    ShortenAllocation,
)
from services.allocation.domain.allocation_decisions import (
    decide_delete,
    decide_extend,
    decide_issue,
    decide_shorten,
)
from services.allocation.domain.events import Event
from services.allocation.domain.values import Period
from services.allocation.handlers.allocation_steps import Decide, decide_and_record, send_jw301
from services.allocation.handlers.audit import Actor, audit
from services.allocation.handlers.clients import record_client_details
from services.allocation.handlers.publishing import retrying
from services.allocation.ports import AllocationWork

Change = ExtendAllocation | ShortenAllocation | DeleteAllocation


async def issue(ctx: Allocations, make: Callable[[int], IssueAllocation], number: int | None,
                municipality: str, details: dict[str, Any] | None, actor: Actor) -> AllocationVersion:
    async def run() -> AllocationVersion:
        async with ctx.store.unit_of_work() as work:
            now, command = ctx.local_now(), make(number or await work.ports.allocations.next_number(municipality))
            if details is not None:
                await record_client_details(work, municipality, command.client_bsn, details, now)
            current = await issue_step(work, ctx, command, now, actor.username)
            await audit(work, ctx, actor, "allocation.issue", _name(current), current.client_bsn, municipality)
            await work.commit()
            return current

    return await retrying(run)


async def issue_step(work: AllocationWork, ctx: Allocations, command: IssueAllocation,
                     now: datetime, by: str | None) -> AllocationVersion:
    async def decide(state: Allocation, at: datetime) -> list[Event]:
        known = await load_register(work, ctx)
        contracted = register.is_contracted(known, command.provider_agb, command.product,
                                            Period(command.start, command.end), command.municipality)
        others = await work.ports.allocations.of_client_at(command.client_bsn, command.provider_agb)
        return decide_issue(command, state, at, ClientContext(contracted, others))

    current, _ = await decide_and_record(work, ctx, command.municipality, command.number, decide, now, by)
    assert current is not None
    await send_jw301(work, ctx, current, now)
    return current


async def change(ctx: Allocations, command: Change, actor: Actor) -> AllocationVersion:
    async def run() -> AllocationVersion:
        async with ctx.store.unit_of_work() as work:
            now = ctx.local_now()
            current, changed = await decide_and_record(work, ctx, command.municipality, command.number,
                                                       _decider(work, command), now, actor.username)
            assert current is not None
            if changed:
                await send_jw301(work, ctx, current, now)
            await audit(work, ctx, actor, _ACTIONS[type(command)], _name(current), current.client_bsn,
                        command.municipality)
            await work.commit()
            return current

    return await retrying(run)


def _decider(work: AllocationWork, command: Change) -> Decide:
    async def decide(state: Allocation, now: datetime) -> list[Event]:
        if isinstance(command, ExtendAllocation):
            return decide_extend(command, state, now, await _others(work, state))
        if isinstance(command, ShortenAllocation):
            return decide_shorten(command, state, now)
        blocked = await work.ports.region.has_approved_lines(command.municipality, command.number)
        return decide_delete(command, state, now, blocked)

    return decide


async def _others(work: AllocationWork, state: Allocation) -> tuple[AllocationVersion, ...]:
    if state.current is None:
        return ()
    return await work.ports.allocations.of_client_at(state.current.client_bsn, state.current.provider_agb)


async def load_register(work: AllocationWork, ctx: Allocations) -> register.Register:
    stored = await work.load(register.stream_id(ctx.region))
    return reduce(register.evolve, stored, register.Register())


def _name(version: AllocationVersion) -> str:
    return f"allocation {version.municipality}/{version.number}"


_ACTIONS = {ExtendAllocation: "allocation.extend", ShortenAllocation: "allocation.shorten",
            DeleteAllocation: "allocation.delete"}
