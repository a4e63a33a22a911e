"""Finance decides a selection of held lines at once, with one reason (and, to reject, codes).

The selected lines of one declaration are decided in one transaction: its stream is read once,
their events appended together and the JW325 built once if the last held line was among them
(line by line, a 200-line selection re-read the growing stream and every line of the declaration
200 times). A line that is refused — another clerk has it in hand, it was decided already —
is reported and left out; the others go ahead. Should someone else write to the declaration at
the same moment, its lines are tried again one at a time, each in a transaction of its own, so
what can succeed does. Every line reports its own outcome, and has its own event and audit entry,
exactly as if decided alone."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from itertools import groupby
from typing import Any

from services.invoicing.context import Invoicing
from services.invoicing.domain import events as ev
from services.invoicing.domain import retourcodes as rc
from services.invoicing.domain.decisions import decide_held_rejected
from services.invoicing.domain.overrides import SameApprover
from services.invoicing.domain.policy import Status
from services.invoicing.handlers import queue
from shared.auth.principal import StaffPrincipal
from services.invoicing.ports import InvoicingPorts, LineState
from shared.persistence.ports import ConcurrencyError, Work
from shared.audit import Origin

CONFLICT = "HF-CONFLICT"
FOUR_EYES = "HF-FOUR-EYES"
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
    if selection.codes is not None and (unknown := [c for c in selection.codes if c not in rc.RULE_OF]):
        raise queue.QueueError(queue.UNKNOWN_CODE, f"unknown retourcodes {unknown}")  # before any line changes
    keys = list(dict.fromkeys(selection.keys))
    results: dict[LineKey, LineResult] = {}
    for _, group in groupby(sorted(keys, key=lambda k: k.declaration_id), key=lambda k: k.declaration_id):
        lines = list(group)
        try:
            results |= await _decide_declaration(inv, selection, lines)
        except ConcurrencyError:
            results |= {key: await _decide_one(inv, selection, key) for key in lines}
    return [results[key] for key in keys]


async def _decide_declaration(inv: Invoicing, s: Selection, keys: list[LineKey]) -> dict[LineKey, LineResult]:
    results: dict[LineKey, LineResult] = {}
    async with inv.store.unit_of_work() as work:
        decided: list[tuple[LineState, Any]] = []
        four_eyes_from = await work.ports.master.four_eyes_from() if s.codes is None else None
        for key in keys:
            row = await work.ports.declarations.held_line(key.declaration_id, key.reference, s.by.municipalities)
            results[key], event = _judged(s, key, row, four_eyes_from)
            if event is not None and row is not None:
                decided.append((row, event))
        if decided:
            await _record(inv, work, s, decided)
            await work.commit()
    return results


def _judged(s: Selection, key: LineKey, row: LineState | None, four_eyes_from: int | None) -> tuple[LineResult, Any]:
    """The line's result, and its event when it is decided (or first approved)."""
    if row is None:
        return LineResult(key, "not_found"), None
    try:
        queue.check_decidable(row, s.decision(key))
        event = (queue.override_event(row, s.by.username, s.reason, four_eyes_from) if s.codes is None
                 else decide_held_rejected(row.number, row.outcome, s.by.username, s.reason, s.codes))
    except queue.QueueError as refused:
        return LineResult(key, "refused", refused.rule, str(refused), refused.claimed_by), None
    except SameApprover as refused:
        return LineResult(key, "refused", FOUR_EYES, str(refused)), None
    except ValueError as refused:
        return LineResult(key, "refused", CODE_NEEDED, str(refused)), None
    return LineResult(key, _outcome(event)), event


def _outcome(event: Any) -> str:
    if isinstance(event, ev.HeldLineFirstApproved):
        return queue.FIRST_APPROVED
    return Status.APPROVED.value if isinstance(event, ev.HeldLineApproved) else Status.REJECTED.value


async def _record(inv: Invoicing, work: Work[InvoicingPorts], s: Selection,
                  decided: list[tuple[LineState, Any]]) -> None:
    first = decided[0][0]
    version = await queue.record_events(inv, work, first, [event for _, event in decided])
    for row, event in decided:
        await queue.audit(work, inv, s.decision(LineKey(row.declaration_id, row.reference)), row,
                          f"queue.{_outcome(event)}")
    await queue.answer_if_final(inv, work, first.declaration_id, version)


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
