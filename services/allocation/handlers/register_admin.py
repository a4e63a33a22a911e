"""Admin changes to the register of the region (role admin; design.md §8, issue 5).

The region file and the admin API are two doors to the same register: the same stream, the same
deciders, the same integration events (published through the region path's own mapping). Each
change is one transaction: load the register, decide, append, publish, audit. A change that is
already so decides nothing, so a repeated request appends nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import reduce
from typing import Any

from services.allocation.context import Allocations
from services.allocation.domain import register
from services.allocation.domain import register_decisions as rd
from services.allocation.domain.events import Event
from services.allocation.handlers.audit import Actor, audit
from services.allocation.handlers.publishing import retrying
# The region path's own publishing, so both doors publish alike; region.py should make it public.
from services.allocation.handlers.region import _publish as publish_register
from services.allocation.handlers.streams import StagedStreams

Change = (rd.DefineProduct | rd.ConcludeContract | rd.AmendContractTerms | rd.AgreeTariff
          | rd.SetBudgetCeiling | rd.SetMunicipalBudget)


@dataclass(frozen=True)
class Outcome:
    register: register.Register
    changed: bool


async def current(ctx: Allocations) -> register.Register:
    return reduce(register.evolve, await ctx.db.load(register.stream_id(ctx.region)), register.Register())


async def change(ctx: Allocations, command: Change, actor: Actor) -> Outcome:
    async def run() -> Outcome:
        async with ctx.store.unit_of_work() as work:
            streams = StagedStreams(work, register.evolve, register.Register())
            stream, now = register.stream_id(ctx.region), ctx.clock.now()
            after = streams.add(stream, decide(command, await streams.state(stream), now))
            appended = streams.append_all(now)
            publish_register(work, ctx, appended, after)
            await audit(work, ctx, actor, _ACTIONS[type(command)], described(command), None,
                        command.municipality if isinstance(command, rd.SetMunicipalBudget) else None)
            await work.commit()
            return Outcome(after, bool(appended))

    return await retrying(run)


def decide(command: Change, state: register.Register, now: datetime) -> list[Event]:
    if isinstance(command, rd.ConcludeContract):
        return _decide_conclude(command, state, now)
    return _DECIDERS[type(command)](command, state, now)  # type: ignore[no-any-return]


def _decide_conclude(command: rd.ConcludeContract, state: register.Register, now: datetime) -> list[Event]:
    """The same contract concluded again is already so; the same id for another contract is refused
    by the decider (HF-CONTRACT-ID). The region path amends instead: a file restates a contract,
    an admin who reuses an id more likely means another one."""
    known = state.contracts.get(command.contract_id)
    if known is not None and _terms(known) == (command.provider_agb, command.municipalities,
                                               command.payment_term_days, command.advance_per_month):
        return []
    return rd.decide_conclude_contract(command, state, now)


def _terms(contract: register.Contract) -> tuple[str, frozenset[str], int, int | None]:
    return contract.provider_agb, contract.municipalities, contract.payment_term_days, contract.advance_per_month


def described(command: Change) -> str:
    """What the audit entry names: the register item changed (never money, which the events hold)."""
    if isinstance(command, rd.DefineProduct):
        return f"product {command.category}/{command.code}"
    if isinstance(command, rd.SetMunicipalBudget):
        return f"budget {command.municipality}/{command.year}/{command.budget_line}"
    if isinstance(command, rd.AgreeTariff):
        return f"contract {command.contract_id} tariff {command.code} from {command.valid_from}"
    if isinstance(command, rd.SetBudgetCeiling):
        return f"contract {command.contract_id} ceiling {command.year}"
    return f"contract {command.contract_id}"


_DECIDERS: dict[type, Any] = {
    rd.DefineProduct: rd.decide_define_product,
    rd.AmendContractTerms: rd.decide_amend_terms,
    rd.AgreeTariff: rd.decide_agree_tariff,
    rd.SetBudgetCeiling: rd.decide_set_ceiling,
    rd.SetMunicipalBudget: rd.decide_set_municipal_budget,
}
_ACTIONS = {
    rd.DefineProduct: "register.define_product",
    rd.ConcludeContract: "register.conclude_contract",
    rd.AmendContractTerms: "register.amend_terms",
    rd.AgreeTariff: "register.agree_tariff",
    rd.SetBudgetCeiling: "register.set_ceiling",
    rd.SetMunicipalBudget: "register.set_budget",
}
