"""What an outcome clause measures over a period (issue 17, item 6): the indicator's value for the
contract's provider and the number of cases it rests on."""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

from services.payments.domain.outcome_clauses import Clause, Measurement
from services.payments.domain.outcome_scores import Score
from services.payments.domain.outcomes import Case, indicators, per_provider


def measure(clause: Clause, cases: Iterable[Case], scores: Iterable[Score]) -> Measurement:
    """Dropout and re-entry from the contract's cases; satisfaction (a score 1–10) and goal
    attainment (a percentage) from the provider's own figures for the period: its row for all
    its care when it gave one, else its products' rows weighted by their respondents."""
    if clause.indicator in ("dropout", "reentry"):
        found = [i for i in indicators(cases, per_provider) if i.key == (clause.provider,)]
        if not found:
            return Measurement(None, 0)
        if clause.indicator == "dropout":
            return Measurement(found[0].dropout_percent, found[0].stops)
        return Measurement(found[0].reentry_percent, found[0].reentry_known)
    return reported(clause.provider, clause.indicator, scores)


def reported(provider: str, indicator: str, scores: Iterable[Score]) -> Measurement:
    mine = [s for s in scores if s.provider == provider and _tenths(s, indicator) is not None]
    whole = [s for s in mine if s.code is None]
    rows = whole or mine
    respondents = sum(s.respondents for s in rows)
    if not respondents:
        return Measurement(None, 0)
    total = sum(_tenths(s, indicator) * s.respondents for s in rows)  # type: ignore[operator]
    return Measurement(Fraction(total, respondents * 10), respondents)


def _tenths(score: Score, indicator: str) -> int | None:
    return score.satisfaction if indicator == "satisfaction" else score.goal_attainment
