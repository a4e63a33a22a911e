"""Tables the API adds to the domain's: every budget line's months in one table (one CSV)."""

from __future__ import annotations

from collections.abc import Iterable

from services.payments.domain.budget import BudgetReport
from services.payments.domain.report_tables import MONEY, MONTH, TEXT, Column, Table, budget_table

MONTHLY = (Column("municipality", TEXT), Column("budget line", TEXT), Column("month", MONTH),
           Column("realised", MONEY), Column("committed", MONEY), Column("forecast to date", MONEY),
           Column("budget", MONEY))


def monthly_table(reports: Iterable[BudgetReport], title: str) -> Table:
    rows = tuple((r.line.municipality, r.line.name, *row) for r in reports for row in budget_table(r).rows)
    return Table(title, MONTHLY, rows)
