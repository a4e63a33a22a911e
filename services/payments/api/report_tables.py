"""What the API adds to the domain's tables: every budget line's months in one table (one CSV),
the names beside the codes (municipality, budget line, provider, product: a controller reads
names, and a spreadsheet filters on them), and each ceiling's warning thresholds and the highest one reached."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from services.payments.domain.budget import BudgetReport
from services.payments.domain.ceilings import OVERDRAWN, Ceiling, reached
from services.payments.domain.report_tables import MONEY, MONTH, PERCENT, TEXT, Column, Table, budget_table

MONTHLY = (Column("municipality", TEXT), Column("budget line", TEXT), Column("month", MONTH),
           Column("realised", MONEY), Column("pending", MONEY), Column("committed", MONEY), Column("forecast to date", MONEY),
           Column("budget", MONEY))


@dataclass(frozen=True)
class Names:
    """Codes → names from the region file's sections; an unnamed code stands for itself."""

    municipalities: Mapping[str, str]
    budget_lines: Mapping[str, str]
    providers: Mapping[str, str]
    products: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, sections: Mapping[str, object]) -> Names:
        municipalities = sections.get("municipalities") or []
        providers = sections.get("providers") or []
        products = sections.get("products") or []
        return cls({m["code"]: m["name"] for m in municipalities},  # type: ignore[union-attr,index]
                   dict(sections.get("budget_lines") or {}),  # type: ignore[call-overload]
                   {p["agb"]: p["name"] for p in providers},  # type: ignore[union-attr,index]
                   {p["code"]: p["name"] for p in products if p.get("name")})  # type: ignore[union-attr,index]

    def municipality(self, code: str) -> str:
        return self.municipalities.get(code, code)


def monthly_table(reports: Iterable[BudgetReport], title: str) -> Table:
    rows = tuple((r.line.municipality, r.line.name, *row) for r in reports for row in budget_table(r).rows)
    return Table(title, MONTHLY, rows)


def with_names(table: Table, names: Names) -> Table:
    """`table` with a name column after each of its municipality, budget line, provider and
    product columns."""
    for code, named in (("municipality", names.municipalities), ("budget line", names.budget_lines),
                        ("provider", names.providers), ("product", names.products)):
        table = _named(table, code, named)
    return table


def with_thresholds(table: Table, ceilings: Iterable[Ceiling]) -> Table:
    """The ceiling usage table with each contract's warning thresholds ("80, 95") and the highest
    threshold its usage reached (100 when "op rood"), by the same exact comparison as the
    announcements, not the rounded percentage."""
    by_key = {(c.contract_id, c.year): c for c in ceilings}
    names = [c.name for c in table.columns]
    contract, year = names.index("contract"), names.index("year")
    rows = []
    for row in table.rows:
        c = by_key[(row[contract], row[year])]
        hit = [p for p in (*c.warn_at, OVERDRAWN) if c.amount > 0 and reached(c.used, c.amount, p)]
        rows.append((*row, ", ".join(str(p) for p in c.warn_at), max(hit, default=None)))
    return Table(table.title, (*table.columns, Column("warn at", TEXT), Column("threshold reached", PERCENT)),
                 tuple(rows))


def _named(table: Table, code: str, names: Mapping[str, str]) -> Table:
    columns = [c.name for c in table.columns]
    if code not in columns:
        return table
    at = columns.index(code) + 1
    rows = tuple((*row[:at], names.get(str(row[at - 1]), row[at - 1]), *row[at:]) for row in table.rows)
    return Table(table.title, (*table.columns[:at], Column(f"{code} name", TEXT), *table.columns[at:]), rows)
