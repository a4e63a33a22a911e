"""Deciders of held lines (the one command shape, shared/commands.py): a person approves (an
override; two people at or above the region's `four_eyes_from`, overrides.py) or rejects one or a
selection of held lines of one declaration, and a machine settles one — the deadline, or a new
match that approves, rejects or keeps it held with new findings. Each returns the events to append
to the declaration's stream, `invoicing.LinesDecided` for the lines it makes final (payments counts
them from the decision on, not from the JW325 that may be days away) and, for a person, one audit
entry per line decided. The JW325, once the last held line is final, is the handler's, in the
same transaction.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import datetime
from typing import Any

from services.invoicing.domain import events as ev
from services.invoicing.domain.before_answer import DeclarationKey, lines_decided
from services.invoicing.domain.decisions import basis_record, decide_held_approved, decide_held_rejected
from services.invoicing.domain.held_lines import (
    NOT_HELD,
    LineState,
    QueueError,
    declaration_stream,
    not_claimed_by_another,
)
from services.invoicing.domain.outcome import LineOutcome
from services.invoicing.domain.overrides import FirstApproval, SameApprover, decide_override
from services.invoicing.domain.policy import Status
from shared.audit import AuditEntry, Origin
from shared.auth.principal import StaffPrincipal
from shared.commands import Append, Decision, History, Publish

FIRST_APPROVED = "first_approved"
FOUR_EYES = "HF-FOUR-EYES"
CODE_NEEDED = "HF-CODE-NEEDED"
"""The one decision the domain itself refuses of a held line with a reason: rejecting a line held
for its budget ceiling alone (it has no code of its own) without naming a code."""


@dataclass(frozen=True)
class DecideHeldLines:
    """A person's decision on held lines of one declaration, with one reason: approve (`codes`
    None) or reject (a tuple; empty: each line with its own codes). `one` refuses by raising, as
    a decision on a single line does; a selection reports each refused line and decides the rest."""

    declaration_id: str
    references: tuple[str, ...]
    by: StaffPrincipal
    reason: str
    where: Origin
    codes: tuple[str, ...] | None = None
    one: bool = True


@dataclass(frozen=True)
class HeldFacts:
    """The lines as they stand (None: not found in the caller's municipalities) and, to approve,
    the region's four-eyes amount."""

    lines: Mapping[str, LineState | None]
    four_eyes_from: int | None = None


@dataclass(frozen=True)
class LineResult:
    reference: str
    outcome: str
    """"approved", "first_approved" (at or above the region's four-eyes amount: waiting for a second
    finance user), "rejected", "refused" (with the rule and why) or "not_found"."""
    rule: str | None = None
    message: str | None = None
    claimed_by: str | None = None


@dataclass(frozen=True)
class HeldDecided:
    results: tuple[LineResult, ...]
    decided: tuple[LineState, ...]
    """The lines an event was appended for."""
    version: int
    """The declaration stream's version after the events."""


def streams(c: DecideHeldLines | SettleLine) -> list[str]:
    return [declaration_stream(c.declaration_id)]


def decide_held_lines(c: DecideHeldLines, histories: Mapping[str, History], facts: HeldFacts,
                      now: datetime) -> Decision[HeldDecided]:
    results, decided, events, audit = [], [], [], []
    for reference in c.references:
        row = facts.lines.get(reference)
        result, event = _judged(c, reference, row, facts.four_eyes_from)
        results.append(result)
        if event is not None and row is not None:
            decided.append(row)
            events.append(event)
            audit.append(_entry(c, row, f"queue.{result.outcome}"))
    return _decision(c.declaration_id, histories, results, decided, events, [r.outcome for r in decided], audit)


def _judged(c: DecideHeldLines, reference: str, row: LineState | None,
            four_eyes_from: int | None) -> tuple[LineResult, Any]:
    """The line's result, and its event when it is decided (or first approved)."""
    if row is None:
        return LineResult(reference, "not_found"), None
    try:
        check_decidable(row, c.by.username)
        event = (_override(row, c.by.username, c.reason, four_eyes_from) if c.codes is None
                 else decide_held_rejected(row.number, row.outcome, c.by.username, c.reason, c.codes))
    except QueueError as refused:
        if c.one:
            raise
        return LineResult(reference, "refused", refused.rule, str(refused), refused.claimed_by), None
    except SameApprover as refused:
        if c.one:
            raise
        return LineResult(reference, "refused", FOUR_EYES, str(refused)), None
    except ValueError as refused:
        if c.one:
            raise
        return LineResult(reference, "refused", CODE_NEEDED, str(refused)), None
    return LineResult(reference, _outcome(event)), event


def check_decidable(row: LineState, username: str) -> None:
    """Only a held line is decided, and only by whoever has it in hand, if anyone has."""
    if row.status != Status.HELD.value:
        raise QueueError(NOT_HELD, f"line {row.reference} is {row.status}, not held")
    not_claimed_by_another(row, username)


def _override(row: LineState, by: str, reason: str,
              four_eyes_from: int | None) -> ev.HeldLineApproved | ev.HeldLineFirstApproved:
    """A person's approval of a held line: the first of two at or above `four_eyes_from`, or the one
    that approves it (SameApprover when the first approver tries again)."""
    first = FirstApproval(row.first_approved_by, row.first_reason or "") if row.first_approved_by else None
    return decide_override(row.number, row.outcome, by, reason, four_eyes_from, first)


def _outcome(event: Any) -> str:
    if isinstance(event, ev.HeldLineFirstApproved):
        return FIRST_APPROVED
    return Status.APPROVED.value if isinstance(event, ev.HeldLineApproved) else Status.REJECTED.value


def _entry(c: DecideHeldLines, row: LineState, action: str) -> AuditEntry:
    return AuditEntry.by_staff(c.by, c.where, action, object=f"{c.declaration_id}/{row.reference}",
                               municipality=row.municipality, client_bsn=row.bsn, reason=c.reason or None)


@dataclass(frozen=True)
class SettleLine:
    """A machine's verdict on one held line, read before: the deadline's or a new match's final
    status (`matched`: what the new match compared it with; else as first matched), or — status
    HELD — a new match that keeps it waiting with its new findings."""

    row: LineState
    status: Status
    by: str
    reason: str = ""
    codes: tuple[str, ...] = ()
    matched: LineOutcome | None = None

    @property
    def declaration_id(self) -> str:
        return self.row.declaration_id


def decide_settle(c: SettleLine, histories: Mapping[str, History], _: None, now: datetime) -> Decision[HeldDecided]:
    row = c.row
    outcome = row.outcome if c.matched is None else replace(c.matched, status=Status.HELD)
    if c.status is Status.HELD:
        event: Any = ev.HeldLineRematched(row.number, row.reference, c.by, outcome.codes, basis_record(outcome))
    else:
        event = (decide_held_approved(row.number, outcome, c.by, c.reason) if c.status is Status.APPROVED
                 else decide_held_rejected(row.number, outcome, c.by, c.reason, c.codes))
    return _decision(row.declaration_id, histories, [LineResult(row.reference, c.status.value)], [row], [event],
                     [outcome], [])


def _decision(declaration_id: str, histories: Mapping[str, History], results: list[LineResult],
              decided: list[LineState], events: list[Any], outcomes: list[LineOutcome],
              audit: list[AuditEntry]) -> Decision[HeldDecided]:
    stream = declaration_stream(declaration_id)
    version = len(histories[stream])
    if not events:
        return Decision(HeldDecided(tuple(results), (), version))
    return Decision(HeldDecided(tuple(results), tuple(decided), version + len(events)),
                    [Append(stream, version, events, decided[0].municipality)],
                    _announced(stream, decided[0], outcomes, events), audit)


def _announced(stream: str, row: LineState, outcomes: list[LineOutcome], events: list[Any]) -> list[Publish]:
    """The lines these events make final, as they stand once projected: the outcome they were
    decided on, with its final status."""
    final = {ev.HeldLineApproved: Status.APPROVED, ev.HeldLineRejected: Status.REJECTED}
    decided = lines_decided(DeclarationKey(row.declaration_id, row.number, row.provider, row.municipality),
                            [replace(o, status=final[type(e)]) for o, e in zip(outcomes, events) if type(e) in final])
    return [] if decided is None else [Publish(decided, stream, row.municipality)]
