"""The lawfulness evidence (rechtmatigheid) of one municipality's youth-care payments in one year,
as of a date: every euro paid (lawfulness_trace.py) judged per criterion of the statement the
municipal executive signs, and the errors and uncertainties compared with the reporting threshold
the council set (the region file's policy).

- budget: paid within the municipality's budget line for the product (perceel); advances and
  settlements, which name no product, within the municipality's whole budget. What goes beyond is
  unlawful; what has no budget to be measured against is uncertain.
- conditions: paid on a valid allocation and contract tariff (every rule passed, or a visible
  tolerance), or on an override with its reason and approvers (lawful, listed); an advance is
  uncertain until its year is settled against approved declarations; a line paid beyond its
  contract's ceiling at the deadline, or booked without evidence, is uncertain.
- misuse and improper use: a paid line the rules found a duplicate of (9389) or a reused reference
  (8021) is unlawful; a paid line the provider credited afterwards is uncertain until the credit
  is recovered, and the recovered credit is listed; duplicates refused before payment are listed.

Each criterion splits every line's amount into lawful, uncertain and unlawful; the report's errors
and uncertainties count each euro once, however many criteria it fails.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from services.payments.domain.book import ADVANCE, CREDIT, Book
from services.payments.domain.lawfulness_budget import BudgetCheck
from services.payments.domain.lawfulness_trace import Ledger, Traced
from services.payments.domain.lawfulness_verdicts import Verdict, conditions, misuse
from services.payments.domain.reporting_threshold import Threshold, threshold_of

BUDGET, CONDITIONS, MISUSE = "budget", "conditions", "misuse"
CRITERIA = (BUDGET, CONDITIONS, MISUSE)
FOUND_BEFORE_PAYMENT = ("9389", "8021")
"""Duplicate claim (TR389) and reused reference (TR314): refused lines listed under misuse."""


@dataclass(frozen=True)
class AssessedLine:
    traced: Traced
    budget_line: str
    verdicts: Mapping[str, Verdict]

    @property
    def unlawful(self) -> int:
        return max(v.unlawful for v in self.verdicts.values())

    @property
    def uncertain(self) -> int:
        return max(v.unlawful + v.uncertain for v in self.verdicts.values()) - self.unlawful


@dataclass(frozen=True)
class CriterionTotal:
    criterion: str
    lawful: int
    uncertain: int
    unlawful: int
    lines: int
    by_reason: Mapping[str, int]


@dataclass(frozen=True)
class LawfulnessReport:
    municipality: str
    year: int
    as_of: date
    lines: tuple[AssessedLine, ...]
    totals: tuple[CriterionTotal, ...]
    refused: tuple[Mapping[str, Any], ...]
    """Lines found a duplicate or a reused reference and refused: nothing paid, listed under misuse."""
    threshold: Threshold | None

    @property
    def paid(self) -> int:
        return sum(line.traced.item.amount for line in self.lines)

    @property
    def unlawful(self) -> int:
        return sum(line.unlawful for line in self.lines)

    @property
    def uncertain(self) -> int:
        return sum(line.uncertain for line in self.lines)

    @property
    def above_threshold(self) -> bool | None:
        """Errors and uncertainties together reach the threshold: the statement must name them."""
        return None if self.threshold is None else self.unlawful + self.uncertain >= self.threshold.amount


@dataclass(frozen=True)
class Facts:
    """What the report reads besides the traced items, as of its date."""

    ledger: Ledger
    budgets: Mapping[str, Any]
    """municipality → year → budget line → eurocents (the region file's budgets section)."""
    products: Mapping[str, Mapping[str, Any]]
    """product code → {category, budget_line, …}."""
    policy: Mapping[str, Any]


def assess(traced: Sequence[Traced], facts: Facts, municipality: str, year: int, as_of: date,
           refused: Sequence[Mapping[str, Any]]) -> LawfulnessReport:
    budget = BudgetCheck.of(facts.budgets, facts.products, municipality, year)
    book = facts.ledger.book
    credits = _credits_by_line(book)
    lines = tuple(AssessedLine(t, budget.line_of(t), {
        BUDGET: budget.judge(t), CONDITIONS: conditions(t, _settled(book, t)),
        MISUSE: misuse(t, credits.get(t.item.item_id, []), facts.ledger)}) for t in traced)
    totals = tuple(_total(criterion, lines) for criterion in CRITERIA)
    paid = sum(t.item.amount for t in traced)
    refused_found = tuple(r for r in refused if set(r.get("codes") or ()) & set(FOUND_BEFORE_PAYMENT))
    return LawfulnessReport(municipality, year, as_of, lines, totals, refused_found,
                            threshold_of(facts.policy, municipality, paid))


def _settled(book: Book, t: Traced) -> bool:
    return t.item.kind != ADVANCE or (t.item.contract_id, t.item.period_start.year) in book.settled


def _credits_by_line(book: Book) -> dict[str, list[Any]]:
    """The credits that cancel each line, once for the whole book (not once per line)."""
    found: dict[str, list[Any]] = {}
    for item in book.items.values():
        if item.kind == CREDIT and item.credited_line_id:
            found.setdefault(item.credited_line_id, []).append(item)
    return found


def _total(criterion: str, lines: Sequence[AssessedLine]) -> CriterionTotal:
    verdicts = [line.verdicts[criterion] for line in lines]
    by_reason: dict[str, int] = {}
    for v in verdicts:
        by_reason[v.reason] = by_reason.get(v.reason, 0) + v.lawful + v.uncertain + v.unlawful
    return CriterionTotal(criterion, sum(v.lawful for v in verdicts), sum(v.uncertain for v in verdicts),
                          sum(v.unlawful for v in verdicts), len(verdicts), by_reason)

