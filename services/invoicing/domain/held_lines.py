"""Deciders of what a person does with a line in the exception queue without deciding it: claim
it, release it, comment on it (the one command shape, shared/commands.py). Each returns the event
to append to the declaration's stream, if any, and the audit entry the action leaves whatever it
changed; a line outside the caller's municipalities is not found."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from services.invoicing.domain import events as ev
from services.invoicing.domain.outcome import LineOutcome
from services.invoicing.domain.policy import Status
from shared.audit import AuditEntry, Origin
from shared.auth.principal import StaffPrincipal
from shared.commands import Append, Decision, History

CLAIMED = "HF-CLAIMED"
"""A line another person has in hand is theirs to decide, until they (or anyone) release it."""
NOT_HELD = "HF-NOT-HELD"
UNKNOWN_CODE = "HF-UNKNOWN-CODE"


class QueueError(ValueError):
    """A decision the queue refuses, with the rule that refused it (HF-…, our own)."""

    def __init__(self, rule: str, message: str, claimed_by: str | None = None) -> None:
        super().__init__(message)
        self.rule = rule
        self.claimed_by = claimed_by


@dataclass(frozen=True)
class LineState:
    """One declared line as it stands, with its declaration's number and what it was decided on."""

    declaration_id: str
    reference: str
    number: str
    provider: str
    municipality: str
    bsn: str
    status: str
    claimed_by: str | None
    first_approved_by: str | None
    first_reason: str | None
    outcome: LineOutcome
    received_on: date | None = None


@dataclass(frozen=True)
class LineAction:
    declaration_id: str
    reference: str
    by: StaffPrincipal
    where: Origin
    take: bool = True
    """Claim (True) or release (False)."""
    text: str = ""
    """A comment's text."""


def declaration_stream(declaration_id: str) -> str:
    return f"declaration-{declaration_id}"


def not_claimed_by_another(line: LineState, username: str) -> None:
    if line.claimed_by not in (None, username):
        raise QueueError(CLAIMED, f"claimed by {line.claimed_by}", line.claimed_by)


def decide_claim(c: LineAction, histories: Mapping[str, History], line: LineState | None,
                 now: datetime) -> Decision[bool]:
    """Claiming a line one has already, or releasing a free one, records nothing new but the audit."""
    if line is None or line.status != Status.HELD.value:
        return Decision(False)
    if c.take:
        not_claimed_by_another(line, c.by.username)
    audit = [_entry(c, line, "queue.claim" if c.take else "queue.release")]
    if line.claimed_by == (c.by.username if c.take else None):
        return Decision(True, audit=audit)
    event = (ev.HeldLineClaimed if c.take else ev.HeldLineReleased)(line.number, c.reference, c.by.username)
    return Decision(True, [_append(histories, line, event)], audit=audit)


def decide_comment(c: LineAction, histories: Mapping[str, History], line: LineState | None,
                   now: datetime) -> Decision[bool]:
    if line is None:
        return Decision(False)
    event = ev.HeldLineCommented(line.number, c.reference, c.by.username, c.text)
    return Decision(True, [_append(histories, line, event)], audit=[_entry(c, line, "queue.comment")])


def _append(histories: Mapping[str, History], line: LineState, event: ev.Event) -> Append:
    stream = declaration_stream(line.declaration_id)
    return Append(stream, len(histories[stream]), [event], line.municipality)


def _entry(c: LineAction, line: LineState, action: str) -> AuditEntry:
    return AuditEntry.by_staff(c.by, c.where, action, object=f"{c.declaration_id}/{c.reference}",
                               municipality=line.municipality, client_bsn=line.bsn, reason=c.text or None)
