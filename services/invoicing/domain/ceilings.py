"""Budget ceilings (budgetplafonds) at matching (design.md §6, issue 7 rule 4).

A contract may cap what its provider is paid per year of care. Usage is approved + held: every
line of the contract's municipalities whose care began in that year and that is approved or
still held (credits count negative). A debet the rules approved that would take usage beyond the
ceiling follows the region's policy: held for finance (the default), or approved anyway, in which
case only the payments service's "op rood" announcement marks the overrun.

Care the region marks exempt (the CS Jeugd model contract: crisis care, single allocations; the
policy's `ceiling_exempt`) is paid regardless of the ceiling: it is never held for it and does not
count under it.

iJw 3.2 has no retourcode for a contract ceiling, so no line is ever rejected for it by itself:
finance rejects a held line naming the code it chooses, or approves it; a line held for the
ceiling alone that is still open at the deadline margin is approved, so the JW325 leaves on time.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace

from services.invoicing.domain.declaration import Line
from services.invoicing.domain.outcome import CeilingCheck, LineOutcome
from services.invoicing.domain.policy import BeyondCeiling, Status


@dataclass(frozen=True)
class ContractCeiling:
    contract_id: str
    provider: str
    municipalities: frozenset[str] = frozenset()
    """Empty: the contract holds for every municipality of the region."""
    amounts: Mapping[int, int] = field(default_factory=dict)
    """Year of care → ceiling in eurocents."""

    def covers(self, provider: str, municipality: str) -> bool:
        return provider == self.provider and (not self.municipalities or municipality in self.municipalities)


def ceiling_for(ceilings: Iterable[ContractCeiling], provider: str, municipality: str) -> ContractCeiling | None:
    """The contract naming this municipality wins over a region-wide one of the same provider."""
    covering = [c for c in ceilings if c.covers(provider, municipality)]
    covering.sort(key=lambda c: (not c.municipalities, c.contract_id))
    return covering[0] if covering else None


def excluded_municipalities(ceilings: Iterable[ContractCeiling], ceiling: ContractCeiling) -> frozenset[str]:
    """The municipalities `ceiling` covers whose lines count under another contract of the same
    provider (the one `ceiling_for` chooses for them): a region-wide contract's usage leaves out
    the municipalities with a contract of their own, as payments' ceiling report does."""
    ceilings = list(ceilings)
    named = {m for c in ceilings if c.provider == ceiling.provider for m in c.municipalities}
    return frozenset(m for m in named if ceiling.covers(ceiling.provider, m)
                     and getattr(ceiling_for(ceilings, ceiling.provider, m), "contract_id", None) != ceiling.contract_id)


Exempt = Callable[[Line], bool]


def _none(line: Line) -> bool:
    return False


def apply_ceiling(outcomes: Iterable[LineOutcome], ceiling: ContractCeiling | None, used: Mapping[int, int],
                  beyond: BeyondCeiling, exempt: Exempt = _none) -> tuple[LineOutcome, ...]:
    """Walk the lines in processing order with the usage each year already has (`used`, approved
    + held before this declaration); approved and held lines add to it, rejected and exempt ones
    do not."""
    outcomes = tuple(replace(o, ceiling_exempt=True) if exempt(o.line) else o for o in outcomes)
    if ceiling is None or not ceiling.amounts:
        return outcomes
    running = dict(used)
    decided = []
    for outcome in outcomes:
        year = outcome.line.period.begin.year
        if year not in ceiling.amounts or outcome.status is Status.REJECTED or outcome.ceiling_exempt:
            decided.append(outcome)
            continue
        outcome = _measured(outcome, ceiling, year, running.get(year, 0), beyond)
        running[year] = running.get(year, 0) + outcome.line.signed_amount
        decided.append(outcome)
    return tuple(decided)


def recheck(outcome: LineOutcome, ceiling: ContractCeiling | None, used: Mapping[int, int],
            beyond: BeyondCeiling, exempt: Exempt = _none) -> LineOutcome:
    """A held line matched again: `used` already counts it (held), so it is measured against
    the usage without itself; an exempt line is not measured (and was never counted)."""
    if exempt(outcome.line):
        return replace(outcome, ceiling_exempt=True, ceiling=None)
    year = outcome.line.period.begin.year
    if ceiling is None or year not in ceiling.amounts or outcome.status is Status.REJECTED:
        return outcome
    return _measured(outcome, ceiling, year, used.get(year, 0) - outcome.line.signed_amount, beyond)


def _measured(outcome: LineOutcome, ceiling: ContractCeiling, year: int, before: int,
              beyond: BeyondCeiling) -> LineOutcome:
    line: Line = outcome.line
    check = CeilingCheck(ceiling.contract_id, year, ceiling.amounts[year], before + line.signed_amount)
    fits = line.is_credit or check.used <= check.ceiling
    if outcome.status is Status.APPROVED and not fits and beyond is BeyondCeiling.HOLD:
        return replace(outcome, status=Status.HELD, ceiling=check)
    return replace(outcome, ceiling=check if not fits else None)
