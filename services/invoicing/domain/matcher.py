"""The matcher: one pure function from a JW323 and what the gemeente knows to a MatchResult.

Order (ijw-3.2.md §12, design.md §5): level 2 → header → declaration → client → lines, every
credit before every debet (OP366), each line checked against every rule (it gets every code it
fails). Approved lines move the running totals the next lines are checked against.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from datetime import date

from services.invoicing.domain import allocation_rules as ar
from services.invoicing.domain import claim_rules as cr
from services.invoicing.domain import retourcodes as rc
from services.invoicing.domain.admission import client_mismatch, declaration_codes, header_codes
from services.invoicing.domain.allocation import AllocationView
from services.invoicing.domain.ceilings import ContractCeiling, apply_ceiling, recheck
from services.invoicing.domain.contract import ContractView
from services.invoicing.domain.declaration import Client, Declaration, Line
from services.invoicing.domain.history import History
from services.invoicing.domain.ledger import Ledger
from services.invoicing.domain.message_rules import message_violations
from services.invoicing.domain.outcome import NOT_ASSESSED_FINDINGS, LineOutcome, MatchResult
from services.invoicing.domain.policy import MatchPolicy, Status

DEBIT_RULES = (
    ar.category_matches, ar.code_matches, ar.code_in_category, ar.unit_matches,
    ar.starts_in_allocation, ar.ends_in_allocation, ar.starts_on_month_start, ar.ends_on_month_end,
    ar.within_declaration_period, cr.not_claimed_before, cr.reference_unused,
    cr.within_period_volume, cr.within_total_volume, cr.within_budget, cr.contract_tariff,
    cr.amount_computed,
)
# IV085: a credit may only be refused on technical grounds, never on policy (volume, tariff, ...).
CREDIT_RULES = (cr.reference_unused, cr.credits_approved_debit, cr.not_credited_before)


@dataclass(frozen=True)
class MatchContext:
    received_on: date
    allocations: Mapping[int, AllocationView]
    """This gemeente's allocations by ToewijzingNummer, every version as received."""
    contract: ContractView
    history: History
    gemeenten: frozenset[str]
    """CBS gemeentecodes that exist (TR378)."""
    ceiling: ContractCeiling | None = None
    """The budget ceiling of the contract this provider declares to this gemeente under."""
    ceiling_used: Mapping[int, int] = field(default_factory=dict)
    """Year of care → approved + held under that ceiling before this match."""


def match_declaration(declaration: Declaration, context: MatchContext, policy: MatchPolicy) -> MatchResult:
    violations = message_violations(declaration)
    if violations:
        return MatchResult((rc.TECHNICAL,), violations)
    header = header_codes(declaration, context.history, context.received_on, context.gemeenten)
    if header:
        return MatchResult(header)
    codes = declaration_codes(declaration, context.history)
    if codes:
        return MatchResult(declaration_codes=codes)
    mismatched = {c.bsn: rc.CLIENT_MISMATCH for c in declaration.clients
                  if client_mismatch(c, context.allocations, declaration)}
    ledger = Ledger.start(declaration, context.allocations, context.contract, context.history)
    outcomes = _decide_all(ledger, _credits_first(declaration), policy, mismatched)
    outcomes = apply_ceiling(outcomes, context.ceiling, context.ceiling_used, policy.beyond_ceiling,
                             _exempt(policy, declaration))
    return MatchResult(rejected_clients=mismatched, lines=outcomes)


def rematch_line(declaration: Declaration, bsn: str, line: Line, context: MatchContext,
                 policy: MatchPolicy) -> LineOutcome:
    """Match one held line again after master data changed. `context.history` must hold every
    line approved since, including this declaration's; the line's own reference does not count
    as reused; `context.ceiling_used` counts the line itself, as held."""
    ledger = Ledger.start(declaration, context.allocations, context.contract, context.history)
    ledger.used_references.discard(line.reference)
    outcome = ledger.decide(bsn, line, policy, CREDIT_RULES if line.is_credit else DEBIT_RULES)
    return recheck(outcome, context.ceiling, context.ceiling_used, policy.beyond_ceiling, _exempt(policy, declaration))


def _exempt(policy: MatchPolicy, declaration: Declaration) -> Callable[[Line], bool]:
    municipality = declaration.header.addressee_gemeente
    return lambda line: policy.ceiling_exempt.covers(municipality, line)


def _credits_first(declaration: Declaration) -> list[tuple[Client, Line]]:
    pairs = declaration.lines()
    return [p for p in pairs if p[1].is_credit] + [p for p in pairs if not p[1].is_credit]  # OP366


def _decide_all(ledger: Ledger, pairs: list[tuple[Client, Line]], policy: MatchPolicy,
                mismatched: Mapping[str, str]) -> list[LineOutcome]:
    """Every line in processing order. An allocation is released from the ledger after the last
    debet naming it: the credits all come first, and a credit books against the allocation of the
    debet it cancels, which a debet after it may name."""
    debets_left = Counter(line.allocation_number for _, line in pairs if not line.is_credit)
    outcomes = []
    for client, line in pairs:
        outcomes.append(_decide(ledger, client, line, policy, mismatched))
        if not line.is_credit:
            number = line.allocation_number
            debets_left[number] -= 1
            if not debets_left[number]:
                ledger.release(number)
    return outcomes


def _decide(ledger: Ledger, client: Client, line: Line, policy: MatchPolicy,
            mismatched: Mapping[str, str]) -> LineOutcome:
    if client.bsn in mismatched:  # TR304: the whole client is refused, its lines not assessed
        ledger.used_references.add(line.reference)
        return LineOutcome(client.bsn, line, Status.REJECTED, NOT_ASSESSED_FINDINGS)
    return ledger.decide(client.bsn, line, policy, CREDIT_RULES if line.is_credit else DEBIT_RULES)
