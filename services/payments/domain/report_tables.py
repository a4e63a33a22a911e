"""Reports as plain tables (title, typed columns, rows) for the CSV and XLSX exports.

Cells stay typed — money as integer eurocents, dates as `date` — and each column says how to
show it, so the export adapters format money once and never through floats.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from services.payments.domain.advances import SettlementStatement
from services.payments.domain.budget import BudgetReport
from services.payments.domain.ceilings import CeilingUsage
from services.payments.domain.referrals import ReferralCount
from services.payments.domain.statements import OpenBalance, ProviderStatement

TEXT, INTEGER, MONEY, DATE, MONTH, PERCENT = "text", "integer", "money", "date", "month", "percent"
BASIS_POINTS = "basis_points"
"""A share as an integer of hundredths of a percent (2500 = 25,00 %): exact, never a float."""
TENTHS = "tenths"
"""An integer number of tenths shown with one decimal (a score 7,8; a percentage 12,5)."""
Cell = str | int | date | None


@dataclass(frozen=True)
class Column:
    name: str
    kind: str = TEXT


@dataclass(frozen=True)
class Table:
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Cell, ...], ...]


def _columns(*spec: tuple[str, str]) -> tuple[Column, ...]:
    return tuple(Column(name, kind) for name, kind in spec)


def budget_table(report: BudgetReport) -> Table:
    line = report.line
    columns = _columns(("month", MONTH), ("realised", MONEY), ("pending", MONEY), ("committed", MONEY),
                       ("forecast to date", MONEY), ("budget", MONEY))
    rows = tuple((m.month, m.realised, m.pending, m.committed, m.forecast_to_date, line.amount)
                 for m in report.months)
    return Table(f"budget {line.municipality} {line.year} {line.name}", columns, rows)


def exhaustion_table(reports: Iterable[BudgetReport], title: str) -> Table:
    """Budget exhaustion per municipality per year: one row per budget line."""
    columns = _columns(("municipality", TEXT), ("year", INTEGER), ("budget line", TEXT),
                       ("budget", MONEY), ("realised", MONEY), ("pending", MONEY), ("committed", MONEY),
                       ("forecast", MONEY), ("run rate", MONEY), ("remaining", MONEY),
                       ("exhaustion", PERCENT))
    rows = tuple(
        (r.line.municipality, r.line.year, r.line.name, r.line.amount, r.realised, r.pending, r.committed,
         r.forecast, r.run_rate, r.remaining, r.exhaustion_percent)
        for r in reports
    )
    return Table(title, columns, rows)


def ceiling_table(rows: Iterable[CeilingUsage], title: str = "ceiling usage") -> Table:
    columns = _columns(("provider", TEXT), ("contract", TEXT), ("year", INTEGER),
                       ("ceiling", MONEY), ("approved", MONEY), ("held", MONEY),
                       ("used", MONEY), ("used %", PERCENT), ("state", TEXT), ("exempt", MONEY))
    return Table(title, columns, tuple(
        (r.provider, r.contract_id, r.year, r.ceiling, r.approved, r.held, r.used, r.percent,
         r.state, r.exempt) for r in rows))


def statement_table(statement: ProviderStatement) -> Table:
    columns = _columns(("item", TEXT), ("kind", TEXT), ("declaration", TEXT),
                       ("municipality", TEXT), ("contract", TEXT), ("due on", DATE),
                       ("amount", MONEY), ("status", TEXT), ("run", TEXT))
    rows = tuple(
        (i.item_id, i.kind, i.declaration_id, i.municipality, i.contract_id, i.due_on, i.amount,
         i.status, i.run_id) for i in statement.items
    )
    return Table(f"statement {statement.provider} {statement.first} {statement.last}",
                 columns, rows)


def open_balances_table(balances: Iterable[OpenBalance], title: str = "open balances") -> Table:
    columns = _columns(("provider", TEXT), ("municipality", TEXT), ("due", MONEY),
                       ("in run", MONEY), ("offset against advances", MONEY))
    return Table(title, columns, tuple(
        (b.provider, b.municipality, b.due, b.in_run, b.offset) for b in balances))


def settlement_table(statements: Iterable[SettlementStatement], title: str) -> Table:
    columns = _columns(("provider", TEXT), ("contract", TEXT), ("year", INTEGER),
                       ("advances paid", MONEY), ("advances open", MONEY),
                       ("approved", MONEY), ("balance", MONEY))
    return Table(title, columns, tuple(
        (s.provider, s.contract_id, s.year, s.advances_paid, s.advances_open, s.approved,
         s.balance) for s in statements))


def referral_table(counts: Iterable[ReferralCount], title: str) -> Table:
    columns = _columns(("municipality", TEXT), ("referrer type", TEXT), ("referrer", TEXT),
                       ("allocations", INTEGER), ("share", PERCENT))
    return Table(title, columns, tuple(
        (c.municipality, c.referrer_type, c.label, c.allocations, c.percent) for c in counts))
