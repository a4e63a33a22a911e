"""Finance decides a selection of held lines at once, with one reason (and, to reject, codes).

Each line goes through the same handler as a decision on one line, in a transaction of its own:
a line that is refused — another clerk has it in hand, it was decided already, someone decided it
at the same moment — leaves the others as they are, and what succeeded stays done. Every line
reports its own outcome, so the clerk sees which ones still need attention and why."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from services.invoicing.context import Invoicing
from services.invoicing.domain import retourcodes as rc
from services.invoicing.handlers import queue
from shared.auth.principal import StaffPrincipal
from shared.persistence.ports import ConcurrencyError

CONFLICT = "HF-CONFLICT"
CODE_NEEDED = "HF-CODE-NEEDED"
"""The one decision the domain itself refuses of a held line with a reason: rejecting a line held
for its budget ceiling alone (it has no code of its own) without naming a code."""


@dataclass(frozen=True)
class LineKey:
    declaration_id: str
    reference: str


@dataclass(frozen=True)
class LineResult:
    key: LineKey
    outcome: str
    """"approved", "rejected", "refused" (with the rule and why) or "not_found"."""
    rule: str | None = None
    message: str | None = None
    claimed_by: str | None = None


@dataclass(frozen=True)
class Selection:
    keys: Sequence[LineKey]
    by: StaffPrincipal
    reason: str
    app: str
    codes: tuple[str, ...] | None = None
    """None approves; a tuple rejects (empty: each line with its own codes)."""


async def decide_all(inv: Invoicing, selection: Selection) -> list[LineResult]:
    """Every line of the selection once, in the order given."""
    if selection.codes is not None and (unknown := [c for c in selection.codes if c not in rc.RULE_OF]):
        raise queue.QueueError(queue.UNKNOWN_CODE, f"unknown retourcodes {unknown}")  # before any line changes
    return [await _decide_one(inv, selection, key) for key in dict.fromkeys(selection.keys)]


async def _decide_one(inv: Invoicing, s: Selection, key: LineKey) -> LineResult:
    decision = queue.Decision(key.declaration_id, key.reference, s.by, s.reason, s.app, s.codes or ())
    try:
        done = await (queue.approve(inv, decision) if s.codes is None else queue.reject(inv, decision))
    except queue.QueueError as refused:
        return LineResult(key, "refused", refused.rule, str(refused), refused.claimed_by)
    except ConcurrencyError:
        return LineResult(key, "refused", CONFLICT, "decided by someone else at the same moment")
    except ValueError as refused:
        return LineResult(key, "refused", CODE_NEEDED, str(refused))
    if not done:
        return LineResult(key, "not_found")
    return LineResult(key, "approved" if s.codes is None else "rejected")
