"""The reports of the region's financing (issue 17) as plain tables for JSON, CSV and XLSX."""

from __future__ import annotations

from collections.abc import Iterable
from fractions import Fraction

from services.payments.domain.ledger import EqualisationStatement, LedgerMonth
from services.payments.domain.lump_sums import LumpSumStatement
from services.payments.domain.monitoring import MonitoringMonth
from services.payments.domain.report_tables import (
    BASIS_POINTS, INTEGER, MONEY, MONTH, PERCENT, TEXT, Column, Table,
)
from services.payments.domain.rounding import round_half_up


def _columns(*spec: tuple[str, str]) -> tuple[Column, ...]:
    return tuple(Column(name, kind) for name, kind in spec)


def ledger_table(months: Iterable[LedgerMonth], title: str) -> Table:
    columns = _columns(("municipality", TEXT), ("month", MONTH), ("contributions", MONEY), ("care", MONEY),
                       ("lump sums", MONEY), ("pgb", MONEY), ("spending", MONEY), ("balance", MONEY))
    return Table(title, columns, tuple((m.municipality, m.month, m.contributions, m.care, m.lump_sums, m.pgb,
                                        m.spending, m.balance) for m in months))


def equalisation_table(statements: Iterable[EqualisationStatement], title: str) -> Table:
    columns = _columns(("municipality", TEXT), ("contributions", MONEY), ("spending", MONEY),
                       ("key share", BASIS_POINTS), ("cost share", MONEY), ("equalisation", MONEY),
                       ("settlement", MONEY))
    return Table(title, columns, tuple(
        (s.municipality, s.contributions, s.spending, basis_points(s.share), s.cost_share, s.equalisation, s.settlement)
        for s in statements))


def lump_sum_table(statements: Iterable[LumpSumStatement], title: str) -> Table:
    columns = _columns(("schedule", TEXT), ("contract", TEXT), ("provider", TEXT), ("year", INTEGER),
                       ("lump sum paid", MONEY), ("lump sum open", MONEY), ("production", MONEY),
                       ("lines", INTEGER), ("rule", TEXT), ("corridor", PERCENT), ("balance", MONEY))
    return Table(title, columns, tuple(
        (s.schedule_id, s.contract_id, s.provider, s.year, s.lump_sum_paid, s.lump_sum_open, s.production, s.lines,
         s.rule, s.corridor_percent, s.balance) for s in statements))


def monitoring_table(months: Iterable[MonitoringMonth], title: str) -> Table:
    columns = _columns(("month", MONTH), ("clients in care", INTEGER), ("starts", INTEGER), ("stops", INTEGER),
                       ("lines", INTEGER), ("production", MONEY))
    return Table(title, columns, tuple((m.month, m.clients, m.starts, m.stops, m.lines, m.production) for m in months))


def basis_points(share: Fraction) -> int:
    """A fraction of 1 in hundredths of a percent, rounded half up (a population key's exact
    share is shown, not computed with: the cost share is split from the exact fraction)."""
    return round_half_up(share * 10_000)
