"""Client satisfaction and goal attainment as providers report them (issue 17, item 6), imported
per provider, product (optional) and period from a CSV file; a bad file is refused whole, every
problem named by its line.

The format (README, "Outcome indicators"): UTF-8 (a byte order mark allowed), `;` between fields,
a header row `aanbieder;product;periode;tevredenheid;doelrealisatie;respondenten`, then a row per
provider, product and period:
- aanbieder: the provider's AGB code (8 digits), a provider of the region;
- product: a product code of the region, or empty for all the provider's care;
- periode: a year (`2026`) or a quarter (`2026-K2`);
- tevredenheid: the mean satisfaction score, 1 to 10 with at most one decimal (`7,8`), or empty;
- doelrealisatie: the share of clients whose goals were met, 0 to 100 % with at most one
  decimal, or empty; at least one of the two (else HF-OUTCOME-NO-SCORE);
- respondenten: the number of clients the figures are about, a whole number of at least 1.
A (provider, product, period) appears once per file; a later import of the same one replaces
the earlier figures (a correction).
Values are kept in tenths (7,8 → 78; 82,5 % → 825): no binary floats.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass

from services.payments.domain.outcome_periods import Period, parse_period

HEADER = ("aanbieder", "product", "periode", "tevredenheid", "doelrealisatie", "respondenten")
_TENTHS = re.compile(r"^(\d{1,3})(?:[.,](\d))?$")
MAX_ROWS = 10_000


@dataclass(frozen=True)
class Score:
    provider: str
    code: str | None
    period: Period
    satisfaction: int | None
    """Tenths of a point (1,0–10,0 → 10–100)."""
    goal_attainment: int | None
    """Tenths of a percent (0–100 % → 0–1000)."""
    respondents: int


@dataclass(frozen=True)
class Problem:
    rule: str
    line: int
    field: str | None
    message: str
    value: str | None = None
    """The cell as the file gave it (cut to 40 characters), so the sender finds what to correct."""


def tenths(text: str) -> int | None:
    found = _TENTHS.match(text.strip())
    return None if not found else int(found.group(1)) * 10 + int(found.group(2) or 0)


def read_scores(text: str, providers: frozenset[str], products: frozenset[str]) -> tuple[tuple[Score, ...], tuple[Problem, ...]]:
    """The scores of a file, or every problem with it (then no scores)."""
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff")), delimiter=";"))
    if not rows or tuple(c.strip().lower() for c in rows[0]) != HEADER:
        return (), (Problem("HF-OUTCOME-HEADER", 1, None, "the first line must be " + ";".join(HEADER)),)
    if len(rows) - 1 > MAX_ROWS:
        return (), (Problem("HF-OUTCOME-SIZE", len(rows), None, f"at most {MAX_ROWS} rows per file"),)
    scores, problems, seen = [], [], {}
    for number, row in enumerate(rows[1:], start=2):
        if not any(cell.strip() for cell in row):
            continue
        score, found = _row(number, row, providers, products)
        problems += found
        if score is not None:
            key = (score.provider, score.code, score.period)
            if key in seen:
                problems.append(Problem("HF-OUTCOME-DUPLICATE", number, None,
                                        f"the same provider, product and period as line {seen[key]}"))
            seen.setdefault(key, number)
            scores.append(score)
    if not scores and not problems:
        problems.append(Problem("HF-OUTCOME-EMPTY", 2, None, "the file has no rows"))
    return (() if problems else tuple(scores)), tuple(problems)


def score_rows(scores: tuple[Score, ...]) -> tuple[dict, ...]:
    """The scores as OutcomeScoresImported carries them (domain/outcome_events.py)."""
    return tuple({"provider": s.provider, "code": s.code, "period": s.period.label, "satisfaction": s.satisfaction,
                  "goal_attainment": s.goal_attainment, "respondents": s.respondents} for s in scores)


def scores_of(rows: tuple[dict, ...]) -> list[Score]:
    """The scores an OutcomeScoresImported carries: what its projection keeps, and what a rebuild
    puts back."""
    found = []
    for r in rows:
        period = parse_period(r["period"])
        assert period is not None, "an imported score's period was checked when it was read"
        found.append(Score(r["provider"], r["code"] or None, period, r["satisfaction"], r["goal_attainment"],
                           r["respondents"]))
    return found


def _row(number: int, row: list[str], providers: frozenset[str], products: frozenset[str]) -> tuple[Score | None, list[Problem]]:
    if len(row) != len(HEADER):
        return None, [Problem("HF-OUTCOME-FORMAT", number, None, f"{len(HEADER)} fields expected, {len(row)} found")]
    agb, code, period_text, satisfaction_text, goal_text, respondents_text = (c.strip() for c in row)
    problems = []
    if agb not in providers:
        problems.append(Problem("HF-OUTCOME-PROVIDER", number, "aanbieder", "not a provider of the region", agb[:40]))
    if code and code not in products:
        problems.append(Problem("HF-OUTCOME-PRODUCT", number, "product", "not a product of the region", code[:40]))
    period = parse_period(period_text)
    if period is None:
        problems.append(Problem("HF-OUTCOME-PERIOD", number, "periode", "a year (2026) or a quarter (2026-K2)",
                                period_text[:40]))
    satisfaction = _value(number, "tevredenheid", satisfaction_text, 10, 100, "a score from 1 to 10", problems)
    goal = _value(number, "doelrealisatie", goal_text, 0, 1000, "a percentage from 0 to 100", problems)
    respondents = int(respondents_text) if respondents_text.isdigit() and len(respondents_text) <= 7 else 0
    if respondents < 1:
        problems.append(Problem("HF-OUTCOME-RANGE", number, "respondenten", "a whole number of at least 1",
                                respondents_text[:40]))
    if not satisfaction_text and not goal_text:
        problems.append(Problem("HF-OUTCOME-NO-SCORE", number, "tevredenheid",
                                "give tevredenheid, doelrealisatie or both"))
    if problems or period is None:
        return None, problems
    return Score(agb, code or None, period, satisfaction, goal, respondents), []


def _value(number: int, field: str, text: str, low: int, high: int, what: str, problems: list[Problem]) -> int | None:
    if not text:
        return None
    value = tenths(text)
    if value is None or not low <= value <= high:
        problems.append(Problem("HF-OUTCOME-RANGE", number, field, f"{what}, at most one decimal", text[:40]))
        return None
    return value
