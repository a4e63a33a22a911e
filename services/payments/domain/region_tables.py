"""The region's procurement and outcome reports (issue 17) as plain tables for JSON, CSV and XLSX
(report_tables.py): typed cells, money in eurocents, fractions in tenths."""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

from services.payments.domain.harmonisation import ProductHarmonisation, TariffInForce, total
from services.payments.domain.lots import LotExhaustion
from services.payments.domain.outcome_events import OutcomeSettled
from services.payments.domain.outcome_scores import Score
from services.payments.domain.outcomes import Case, Indicators
from services.payments.domain.report_tables import (DATE, INTEGER, MONEY, PERCENT, TENTHS, TEXT, Column, Table)
from services.payments.domain.rounding import round_half_up
from services.payments.domain.subcontracting import ContractorSpending, per_main


def _columns(*spec: tuple[str, str]) -> tuple[Column, ...]:
    return tuple(Column(name, kind) for name, kind in spec)


def tenths(value: Fraction | None) -> int | None:
    return None if value is None else round_half_up(value * 10)


def contractor_table(rows: Iterable[ContractorSpending], title: str) -> Table:
    columns = _columns(("provider", TEXT), ("subcontractor", TEXT), ("subcontractor name", TEXT),
                       ("municipality", TEXT), ("realised", MONEY), ("pending", MONEY))
    return Table(title, columns, tuple((r.main, r.deliverer, r.deliverer_name, r.municipality, r.realised, r.pending)
                                       for r in rows))


def main_contractor_table(rows: Iterable[ContractorSpending], title: str) -> Table:
    columns = _columns(("provider", TEXT), ("realised", MONEY), ("own care", MONEY), ("subcontracted", MONEY))
    return Table(title, columns, per_main(rows))


def lot_table(rows: Iterable[LotExhaustion], title: str) -> Table:
    columns = _columns(("budget line", TEXT), ("year", INTEGER), ("municipality count", INTEGER), ("budget", MONEY),
                       ("realised", MONEY), ("pending", MONEY), ("committed", MONEY), ("forecast", MONEY),
                       ("remaining", MONEY), ("exhaustion", PERCENT), ("contracts", TEXT))
    return Table(title, columns, tuple(
        (r.lot, r.year, r.municipalities, r.budget, r.realised, r.pending, r.committed, r.forecast, r.remaining,
         r.exhaustion_percent, ", ".join(r.contracts)) for r in rows))


def harmonisation_table(rows: Iterable[ProductHarmonisation], title: str) -> Table:
    """One row per product and a last row with the month's total."""
    rows = list(rows)
    columns = _columns(("product", TEXT), ("unit", TEXT), ("tariffs", INTEGER), ("lowest", MONEY), ("median", MONEY),
                       ("highest", MONEY), ("regional tariff", MONEY), ("source", TEXT), ("approved", MONEY),
                       ("at regional tariff", MONEY), ("difference", MONEY), ("unpriced", MONEY))
    body = tuple((r.code, r.unit, r.tariffs, r.lowest, r.median, r.highest, r.regional, r.source, r.actual,
                  r.at_regional, r.difference, r.unpriced) for r in rows)
    actual, at_regional = total(rows)
    last = ("totaal", None, sum(r.tariffs for r in rows), None, None, None, None, None, actual, at_regional,
            at_regional - actual, sum(r.unpriced for r in rows))
    return Table(title, columns, (*body, last))


def tariffs_in_force_table(tariffs: Iterable[TariffInForce], title: str) -> Table:
    columns = _columns(("product", TEXT), ("contract", TEXT), ("provider", TEXT), ("municipalities", TEXT),
                       ("tariff", MONEY), ("unit", TEXT))
    return Table(title, columns, tuple(
        (t.code, t.contract_id, t.provider, ", ".join(sorted(t.municipalities)) or "hele regio", t.cents, t.unit)
        for t in sorted(tariffs, key=lambda t: (t.code, t.cents, t.contract_id))))


def indicator_table(rows: Iterable[Indicators], key: tuple[str, ...], scores: dict[tuple[str, ...], tuple[int | None, int | None, int]],
                    title: str) -> Table:
    """Per (provider, product) or per municipality; `scores` by the same key: satisfaction and goal
    attainment in tenths, and respondents."""
    columns = _columns(*((k, TEXT) for k in key), ("stops", INTEGER), ("dropouts", INTEGER), ("dropout %", TENTHS),
                       ("mean days", INTEGER), ("median days", INTEGER), ("re-entries", INTEGER),
                       ("re-entry known", INTEGER), ("re-entry %", TENTHS), ("satisfaction", TENTHS),
                       ("goal attainment", TENTHS), ("respondents", INTEGER))
    out = []
    for r in rows:
        satisfaction, goal, respondents = scores.get(r.key, (None, None, 0))
        middle = r.durations[len(r.durations) // 2] if r.durations else None
        out.append((*r.key, r.stops, r.dropouts, tenths(r.dropout_percent),
                    None if r.mean_days is None else round_half_up(r.mean_days), middle, r.reentries,
                    r.reentry_known, tenths(r.reentry_percent), satisfaction, goal, respondents or None))
    return Table(title, columns, tuple(out))


def case_table(rows: Iterable[Case], title: str) -> Table:
    """Case level: a trajectory per row, the client by pseudonym only."""
    columns = _columns(("municipality", TEXT), ("allocation", INTEGER), ("client", TEXT), ("provider", TEXT),
                       ("product", TEXT), ("begin", DATE), ("end", DATE), ("reason", TEXT), ("days", INTEGER),
                       ("dropout", TEXT), ("re-entry", TEXT))
    return Table(title, columns, tuple(
        (c.trajectory.municipality, c.trajectory.allocation_number, c.trajectory.client, c.trajectory.provider,
         c.trajectory.code, c.trajectory.begin, c.trajectory.end, c.trajectory.reason, c.days,
         "ja" if c.dropout else "nee", {True: "ja", False: "nee", None: "nog open"}[c.reentry])
        for c in sorted(rows, key=lambda c: (c.trajectory.end, c.trajectory.municipality,
                                             c.trajectory.allocation_number))))


def score_table(rows: Iterable[Score], title: str) -> Table:
    columns = _columns(("provider", TEXT), ("product", TEXT), ("period", TEXT), ("satisfaction", TENTHS),
                       ("goal attainment", TENTHS), ("respondents", INTEGER))
    return Table(title, columns, tuple((s.provider, s.code, s.period.label, s.satisfaction, s.goal_attainment,
                                        s.respondents) for s in sorted(rows, key=lambda s: (s.provider, s.code or ""))))


def settlement_table(rows: Iterable[OutcomeSettled], statuses: dict[str, str], title: str) -> Table:
    columns = _columns(("contract", TEXT), ("provider", TEXT), ("clause", TEXT), ("indicator", TEXT),
                       ("period", TEXT), ("measured", TEXT), ("threshold", TEXT), ("cases", INTEGER),
                       ("amount", MONEY), ("status", TEXT))
    return Table(title, columns, tuple(
        (e.contract_id, e.provider, e.clause_id, e.indicator, f"{e.period_start:%Y-%m-%d}/{e.period_end:%Y-%m-%d}",
         e.measured, e.threshold, e.cases, e.amount, statuses.get(e.item_id, "geen post")) for e in rows))
