"""Four eyes on overrides (issue 15): approving a held line is a person overriding the matcher; at
or above the region's `four_eyes_from` (eurocents, the line's amount as declared) it takes two
finance users. The first approval is recorded and the line stays held; a second user's approval
completes it and names both. The same user twice is refused with the reason; rejecting a line
needs one user (it pays nothing).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from services.invoicing.domain import events as ev
from services.invoicing.domain.decisions import decide_held_approved
from services.invoicing.domain.outcome import LineOutcome


class SameApprover(ValueError):
    """HF-FOUR-EYES: the second approval of a line must come from another user than the first."""


@dataclass(frozen=True)
class FirstApproval:
    by: str
    reason: str


def needs_two(outcome: LineOutcome, four_eyes_from: int | None) -> bool:
    return four_eyes_from is not None and outcome.line.amount >= four_eyes_from


def decide_override(declaration_number: str, outcome: LineOutcome, by: str, reason: str, four_eyes_from: int | None,
                    first: FirstApproval | None) -> ev.HeldLineApproved | ev.HeldLineFirstApproved:
    """The approval event of a held line: the first of two, or the one that approves it."""
    approved = decide_held_approved(declaration_number, outcome, by, reason)  # refuses what is not held
    if first is not None and first.by == by:
        raise SameApprover(f"HF-FOUR-EYES: {by} gave the first approval of line {outcome.line.reference}: "
                           "a second finance user approves it")
    if first is None and needs_two(outcome, four_eyes_from):
        return ev.HeldLineFirstApproved(declaration_number, outcome.line.reference, by, reason)
    if first is None:
        return approved
    return replace(approved, first_approved_by=first.by, first_reason=first.reason)
