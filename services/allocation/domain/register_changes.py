"""Changes to the register of the region as one command: an admin's change, or every item of
the region file's sections not applied yet (design.md §8). Both doors decide with the same
deciders on the same stream and publish the same integration events; they differ in two ways.
A file restates what it holds, so a contract it names again is amended, and an item the register
refuses is skipped (a later, corrected file applies it) and reported. An admin who concludes a
contract with a known id for other terms more likely means another contract: refused
(HF-CONTRACT-ID); and a refusal refuses the change.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from functools import reduce
from typing import Any

from services.allocation.domain import register
from services.allocation.domain import register_decisions as rd
from services.allocation.domain.appends import appends
from services.allocation.domain.errors import DomainError
from services.allocation.domain.events import Event
from services.allocation.domain.integration import register_published
from shared.commands import Decision, History, Publish

Change = (rd.DefineProduct | rd.DefineBudgetLine | rd.ConcludeContract | rd.AmendContractTerms | rd.AgreeTariff
          | rd.SetBudgetCeiling | rd.SetMunicipalBudget)


@dataclass(frozen=True)
class ChangeRegister:
    region: str
    changes: tuple[Change, ...]
    from_file: bool = False
    audit: Any = None
    """The admin's audit entry (shared/audit.py's AuditEntry); none for a region file."""


@dataclass(frozen=True)
class Refused:
    change: Change
    reason: str


@dataclass(frozen=True)
class RegisterChanged:
    register: register.Register
    changed: bool
    refused: tuple[Refused, ...] = ()


def streams(c: ChangeRegister) -> list[str]:
    return [register.stream_id(c.region)]


def decide_register_changes(c: ChangeRegister, histories: Mapping[str, History], _: None,
                            now: datetime) -> Decision[RegisterChanged]:
    stream = register.stream_id(c.region)
    state = reduce(register.evolve, histories[stream], register.Register())
    decided: list[Event] = []
    refused: list[Refused] = []
    for change in c.changes:
        try:
            new = _decide(change, state, now, c.from_file)
        except DomainError as refusal:
            if not c.from_file:
                raise
            refused.append(Refused(change, str(refusal)))
            continue
        decided += new
        state = reduce(register.evolve, new, state)
    return Decision(RegisterChanged(state, bool(decided), tuple(refused)),
                    appends(stream, len(histories[stream]), decided), _published(stream, decided, state),
                    [c.audit] if c.audit is not None else [])


def _published(stream: str, decided: Sequence[Event], state: register.Register) -> list[Publish]:
    """Contract events publish the contract's whole current terms, so the final state serves all."""
    return [Publish(p, stream, e.tenant) for e in decided if (p := register_published(e.event, state)) is not None]


def _decide(change: Change, state: register.Register, now: datetime, from_file: bool) -> list[Event]:
    if isinstance(change, rd.ConcludeContract):
        return _conclude(change, state, now, from_file)
    return _DECIDERS[type(change)](change, state, now)  # type: ignore[no-any-return]


def _conclude(change: rd.ConcludeContract, state: register.Register, now: datetime, from_file: bool) -> list[Event]:
    known = state.contracts.get(change.contract_id)
    if known is None:
        return rd.decide_conclude_contract(change, state, now)
    if from_file:
        return rd.decide_amend_terms(rd.AmendContractTerms(change.contract_id, change.payment_term_days,
                                                           change.advance_per_month), state, now)
    if (known.provider_agb, known.municipalities, known.payment_term_days, known.advance_per_month) == (
            change.provider_agb, change.municipalities, change.payment_term_days, change.advance_per_month):
        return []
    return rd.decide_conclude_contract(change, state, now)


_DECIDERS: dict[type, Any] = {
    rd.DefineProduct: rd.decide_define_product,
    rd.DefineBudgetLine: rd.decide_define_budget_line,
    rd.AmendContractTerms: rd.decide_amend_terms,
    rd.AgreeTariff: rd.decide_agree_tariff,
    rd.SetBudgetCeiling: rd.decide_set_ceiling,
    rd.SetMunicipalBudget: rd.decide_set_municipal_budget,
}
