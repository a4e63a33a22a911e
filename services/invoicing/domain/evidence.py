"""The evidence behind every approved line, for the lawfulness statement (rechtmatigheid): how it
came to be approved, against which allocation version (with its referrer) and contract tariff,
what the rules found, and — for an override — the reason and both approvers. It travels with the
settled declaration to payments, which traces every euro paid back to it.

How a line is approved: `matched` (every rule passed, or passed when matched again after master
data changed), `tolerance` (the region's visible tolerance approved what a rule found), `override`
(finance staff approved a held line with a reason; two of them at or above `four_eyes_from`),
`deadline` (held only for the contract's ceiling, which no retourcode refuses: approved at the
deadline margin so the JW325 leaves on time).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from services.invoicing.domain import events as ev
from services.invoicing.domain import retourcodes as rc
from shared.exchange import invoicing as xi

MATCHED, TOLERANCE, OVERRIDE, DEADLINE = "matched", "tolerance", "override", "deadline"
SYSTEM_APPROVERS = {"rematch": MATCHED, "deadline": DEADLINE}
"""`by` of a HeldLineApproved that no person gave."""

CREDIT_CHECKS = (rc.REFERENCE_REUSED, rc.CREDIT_WITHOUT_DEBIT, rc.ALREADY_CREDITED)
DEBIT_CHECKS = tuple(code for code in rc.LINE_ORDER if code not in (rc.CREDIT_WITHOUT_DEBIT, rc.ALREADY_CREDITED))
"""The rules a debit and a credit line are checked against (matcher.py), by retourcode: a line's
verdict per rule is `passed` unless its findings name the code."""


@dataclass(frozen=True)
class Approval:
    kind: str
    by: str | None = None
    reason: str | None = None
    first_by: str | None = None
    first_reason: str | None = None
    overridden: tuple[str, ...] = ()
    """The codes the rules found that this approval went past."""

    def to_json(self) -> dict[str, Any]:
        return {"kind": self.kind, "by": self.by, "reason": self.reason, "first_by": self.first_by,
                "first_reason": self.first_reason, "overridden": list(self.overridden)}

    @staticmethod
    def from_json(raw: dict[str, Any] | None) -> Approval | None:
        if not raw:
            return None
        return Approval(raw["kind"], raw.get("by"), raw.get("reason"), raw.get("first_by"), raw.get("first_reason"),
                        tuple(raw.get("overridden") or ()))


BY_RULES = Approval(MATCHED)
"""Every rule passed: one value for all such lines (an Approval is immutable)."""


def approved_by_rules(codes: tuple[str, ...], tolerances: tuple[str, ...]) -> Approval:
    return Approval(TOLERANCE, overridden=codes) if tolerances or codes else BY_RULES


def approved_when_held(e: ev.HeldLineApproved, held_codes: tuple[str, ...]) -> Approval:
    kind = SYSTEM_APPROVERS.get(e.by, OVERRIDE)
    if kind == MATCHED:
        return Approval(MATCHED)
    return Approval(kind, e.by if kind == OVERRIDE else None, e.reason, e.first_approved_by, e.first_reason,
                    held_codes)


def checks() -> xi.Checks:
    """The rules of each kind of line, as the settled declaration names them once."""
    return xi.Checks(*(tuple(xi.Check(code, rc.RULE_OF.get(code, "")) for code in codes)
                       for codes in (DEBIT_CHECKS, CREDIT_CHECKS)))


def line_evidence(basis: ev.Basis, approval: Approval, tolerances: tuple[str, ...]) -> xi.Evidence:
    """One approved line's evidence, as `DeclarationSettled` carries it (positionally: once per line)."""
    return xi.Evidence(
        approval.kind,
        None if basis.allocation_decided_on is None else xi.AllocationEvidence(
            basis.allocation_number, basis.allocation_decided_on, basis.allocation_decided_at,
            basis.allocation_referrer_type),
        None if basis.tariff_cents is None else xi.TariffEvidence(
            basis.tariff_code, basis.tariff_unit, basis.tariff_cents, basis.tariff_valid_from),
        None if basis.ceiling_contract is None else xi.CeilingEvidence(
            basis.ceiling_contract, basis.ceiling_year, basis.ceiling_amount, basis.ceiling_used),
        approval.overridden,  # findings
        tolerances,
        None if approval.kind != OVERRIDE else xi.OverrideEvidence(
            approval.by, approval.reason, approval.first_by, approval.first_reason),
    )
