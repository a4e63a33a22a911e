"""Admin changes to the register of the region (role admin; design.md §8, issue 5).

The region file and the admin API are two doors to the same register: one command
(domain/register_changes.py) on the same stream, with the same deciders and integration events.
Each change is one transaction: load the register, decide, append, publish, audit. A change that
is already so decides nothing, so a repeated request appends nothing.
"""

from __future__ import annotations

from services.allocation.context import Allocations
from services.allocation.domain import register
from services.allocation.domain import register_decisions as rd
from services.allocation.domain.register_changes import ChangeRegister, RegisterChanged, decide_register_changes, streams
from services.allocation.handlers.audit import Actor, entry
from shared.commands import Command

Change = (rd.DefineProduct | rd.ConcludeContract | rd.AmendContractTerms | rd.AgreeTariff
          | rd.SetBudgetCeiling | rd.SetMunicipalBudget)
Outcome = RegisterChanged
CHANGE_REGISTER: Command = Command(streams, decide_register_changes)


async def current(ctx: Allocations) -> register.Register:
    """The register as it is: the command with no changes decides nothing, appends nothing."""
    return (await ctx.commands(CHANGE_REGISTER, ChangeRegister(ctx.region, ()))).register


async def change(ctx: Allocations, command: Change, actor: Actor) -> Outcome:
    municipality = command.municipality if isinstance(command, rd.SetMunicipalBudget) else None
    audited = entry(actor, _ACTIONS[type(command)], described(command), None, municipality)
    return await ctx.commands(CHANGE_REGISTER, ChangeRegister(ctx.region, (command,), audit=audited))


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


_ACTIONS = {
    rd.DefineProduct: "register.define_product",
    rd.ConcludeContract: "register.conclude_contract",
    rd.AmendContractTerms: "register.amend_terms",
    rd.AgreeTariff: "register.agree_tariff",
    rd.SetBudgetCeiling: "register.set_ceiling",
    rd.SetMunicipalBudget: "register.set_budget",
}
