"""When the JW325 is due, and which held lines the deadline margin rejects (design.md §5).

OP090x4: the JW325 leaves within 10 working days of receipt; working days skip weekends and Dutch
public holidays (shared.working_days). Held lines still open once the margin is reached are
rejected with the matcher's own codes, so the answer can leave on time; a line held for its
budget ceiling alone has no code to be rejected with (iJw has none) and is approved instead
(domain/ceilings.py).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from shared.working_days import add_working_days
from services.invoicing.domain.outcome import LineOutcome
from services.invoicing.domain.policy import Status

ANSWER_WITHIN_WORKING_DAYS = 10


def answer_due(received_on: date) -> date:
    return add_working_days(received_on, ANSWER_WITHIN_WORKING_DAYS)


def auto_reject_on(received_on: date, margin_working_days: int) -> date:
    """The day held lines are rejected: `margin_working_days` working days before the due date."""
    if not 0 <= margin_working_days <= ANSWER_WITHIN_WORKING_DAYS:
        raise ValueError("the margin is 0 to 10 working days")
    return add_working_days(received_on, ANSWER_WITHIN_WORKING_DAYS - margin_working_days)


def at_deadline(outcome: LineOutcome) -> LineOutcome:
    """A held line still open at the margin: rejected with the matcher's codes, or approved when
    it has none (held for its budget ceiling alone)."""
    return outcome.rejected() if outcome.codes else outcome.approved()


def lines_to_auto_reject(outcomes: Iterable[LineOutcome], received_on: date, today: date,
                         margin_working_days: int) -> tuple[LineOutcome, ...]:
    """The held lines that must be settled on `today` (`at_deadline`)."""
    if today < auto_reject_on(received_on, margin_working_days):
        return ()
    return tuple(at_deadline(o) for o in outcomes if o.status is Status.HELD)
