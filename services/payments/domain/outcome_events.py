"""Events of the outcome part of payments (issue 17, item 6): scores imported from a provider's
CSV (stream `outcome-scores`), and an outcome clause settled for a closed period (the payment
book: a bonus or malus becomes a payable item of its own kind, booked once per clause and period).
Registered with the others in events.py."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

SCORES_STREAM = "outcome-scores"


@dataclass(frozen=True)
class OutcomeScoresImported:
    """Rows: [{provider, code, period ("2026", "2026-K2"), satisfaction, goal_attainment (tenths
    or None), respondents}]; a row replaces an earlier one of the same provider, code and period."""

    TYPE: ClassVar[str] = "payments.OutcomeScoresImported"
    VERSION: ClassVar[int] = 1
    import_id: str
    filename: str
    by: str
    rows: tuple[dict, ...]


@dataclass(frozen=True)
class OutcomeSettled:
    """A clause measured over a closed period. `amount` > 0 a bonus, < 0 a malus (a deduction from
    the provider's next transfer), 0 when the threshold gave neither or the cases were too few: it
    is settled all the same, so a later settlement of the period changes nothing."""

    TYPE: ClassVar[str] = "payments.OutcomeSettled"
    VERSION: ClassVar[int] = 1
    item_id: str
    contract_id: str
    clause_id: str
    indicator: str
    provider: str
    municipality: str
    period_start: date
    period_end: date
    measured: str | None
    """The indicator's value as a decimal string ("12.5"), None without data."""
    threshold: str
    cases: int
    amount: int
    due_on: date
    by: str
