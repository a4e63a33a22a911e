"""The verdicts of the conditions and the misuse criterion on one paid item (lawfulness.py).

A verdict splits the item's amount into lawful, uncertain and unlawful parts and says why, by a
reason the report and the workbench name in words of their own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from services.payments.domain.book import ADVANCE, CREDIT, SETTLEMENT
from services.payments.domain.lawfulness_trace import Ledger, Traced

LAWFUL, UNCERTAIN, UNLAWFUL = "lawful", "uncertain", "unlawful"
DUPLICATES = ("9389", "8021")


@dataclass(frozen=True)
class Verdict:
    reason: str
    lawful: int = 0
    uncertain: int = 0
    unlawful: int = 0

    @property
    def status(self) -> str:
        return UNLAWFUL if self.unlawful else UNCERTAIN if self.uncertain else LAWFUL

    @staticmethod
    def whole(status: str, amount: int, reason: str) -> Verdict:
        """The whole amount one way; a negative amount (a credit) is never an error."""
        if amount <= 0 or status == LAWFUL:
            return Verdict(reason, lawful=amount)
        return Verdict(reason, uncertain=amount) if status == UNCERTAIN else Verdict(reason, unlawful=amount)


def conditions(t: Traced, advance_settled: bool) -> Verdict:
    amount, kind = t.item.amount, t.item.kind
    if kind == ADVANCE:
        return Verdict.whole(LAWFUL if advance_settled else UNCERTAIN, amount,
                             "advance_settled" if advance_settled else "advance_unsettled")
    if kind == SETTLEMENT:
        return Verdict.whole(LAWFUL, amount, "settlement")
    evidence = t.evidence
    if evidence is None:
        return Verdict.whole(UNCERTAIN, amount, "no_evidence")
    approval = evidence.get("approval")
    if approval == "override":
        return Verdict.whole(LAWFUL, amount, "override")
    if approval == "deadline":
        return Verdict.whole(UNCERTAIN, amount, "beyond_ceiling_at_deadline")
    if kind == CREDIT:
        return Verdict.whole(LAWFUL, amount, "credit")
    if evidence.get("allocation") is None or evidence.get("tariff") is None:
        return Verdict.whole(UNCERTAIN, amount, "no_allocation_or_tariff")
    return Verdict.whole(LAWFUL, amount, "tolerance" if approval == "tolerance" else "allocation_and_tariff")


def misuse(t: Traced, credits: Sequence[Any], ledger: Ledger) -> Verdict:
    amount, evidence = t.item.amount, t.evidence or {}
    if set(evidence.get("findings") or ()) & set(DUPLICATES):
        return Verdict.whole(UNLAWFUL, amount, "duplicate_paid")
    if t.item.kind == CREDIT and t.item.credited_line_id and ledger.paid(t.item.credited_line_id):
        return Verdict.whole(LAWFUL, amount, "credit_of_paid_line")
    open_credits = -sum(c.amount for c in credits if not ledger.paid(c.item_id))
    if open_credits > 0 and amount > 0:
        part = min(open_credits, amount)
        return Verdict("credited_not_recovered", lawful=amount - part, uncertain=part)
    return Verdict.whole(LAWFUL, amount, "none_found")
