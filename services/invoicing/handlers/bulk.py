"""Finance decides a selection of held lines at once, with one reason (and, to reject, codes).

The selected lines of one declaration are decided in one transaction, one command
(domain/held_decisions.py): its stream is read once, their events appended together and the
JW325 built once if the last held line was among them (line by line, a 200-line selection re-read
the growing stream and every line of the declaration 200 times). A line that is refused — another
clerk has it in hand, it was decided already — is reported and left out; the others go ahead.
Should someone else write to the declaration at the same moment, its lines are tried again one at
a time, each in a transaction of its own, so what can succeed does. Every line reports its own
outcome, and has its own event and audit entry, exactly as if decided alone."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby

from services.invoicing.context import Invoicing
from services.invoicing.domain.held_decisions import CODE_NEEDED, FOUR_EYES, DecideHeldLines
from services.invoicing.domain.overrides import SameApprover
from services.invoicing.domain.policy import Status
from services.invoicing.handlers import queue
from shared.audit import Origin
from shared.auth.principal import StaffPrincipal
from shared.persistence.ports import ConcurrencyError

CONFLICT = "HF-CONFLICT"


@dataclass(frozen=True)
class LineKey:
    declaration_id: str
    reference: str


@dataclass(frozen=True)
class LineResult:
    key: LineKey
    outcome: str
    """"approved", "first_approved" (at or above the region's four-eyes amount: waiting for a second
    finance user), "rejected", "refused" (with the rule and why) or "not_found"."""
    rule: str | None = None
    message: str | None = None
    claimed_by: str | None = None


@dataclass(frozen=True)
class Selection:
    keys: Sequence[LineKey]
    by: StaffPrincipal
    reason: str
    where: Origin
    codes: tuple[str, ...] | None = None
    """None approves; a tuple rejects (empty: each line with its own codes)."""

    @property
    def status(self) -> Status:
        return Status.APPROVED if self.codes is None else Status.REJECTED

    def decision(self, key: LineKey) -> queue.Decision:
        return queue.Decision(key.declaration_id, key.reference, self.by, self.reason, self.where, self.codes or ())


async def decide_all(inv: Invoicing, selection: Selection) -> list[LineResult]:
    """Every line of the selection once, reported in the order given."""
    if selection.codes is not None:
        queue.check_codes(selection.codes)  # before any line changes
    keys = list(dict.fromkeys(selection.keys))
    results: dict[LineKey, LineResult] = {}
    for declaration_id, group in groupby(sorted(keys, key=lambda k: k.declaration_id), key=lambda k: k.declaration_id):
        lines = list(group)
        command = DecideHeldLines(declaration_id, tuple(k.reference for k in lines), selection.by, selection.reason,
                                  selection.where, selection.codes, one=False)
        try:
            results |= {LineKey(declaration_id, r.reference): LineResult(
                LineKey(declaration_id, r.reference), r.outcome, r.rule, r.message, r.claimed_by)
                for r in await queue.decide(inv, command)}
        except ConcurrencyError:
            results |= {key: await _decide_one(inv, selection, key) for key in lines}
    return [results[key] for key in keys]


async def _decide_one(inv: Invoicing, s: Selection, key: LineKey) -> LineResult:
    """One line in a transaction of its own, through the handler of a decision on one line."""
    decision = s.decision(key)
    try:
        done = await (queue.approve(inv, decision) if s.codes is None else queue.reject(inv, decision))
    except queue.QueueError as refused:
        return LineResult(key, "refused", refused.rule, str(refused), refused.claimed_by)
    except ConcurrencyError:
        return LineResult(key, "refused", CONFLICT, "decided by someone else at the same moment")
    except SameApprover as refused:
        return LineResult(key, "refused", FOUR_EYES, str(refused))
    except ValueError as refused:
        return LineResult(key, "refused", CODE_NEEDED, str(refused))
    if not done:
        return LineResult(key, "not_found")
    return LineResult(key, queue.FIRST_APPROVED if done == queue.FIRST_APPROVED else s.status.value)
