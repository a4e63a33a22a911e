"""CSV and XLSX exports of the payments reports (design.md §6: controllers export and chart).

CSV: UTF-8, comma-separated, a header row; money in euros with a decimal point and two decimals
("1234.56", "-0.05"), dates ISO, months "YYYY-MM", percentages as whole numbers. XLSX (openpyxl):
one sheet per table; money as exact `Decimal` euros formatted "#,##0.00", dates as dates.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from openpyxl import Workbook

from services.payments.domain.report_tables import DATE, MONEY, MONTH, PERCENT, Cell, Table

_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
_XLSX_FORMATS = {MONEY: "#,##0.00", DATE: "yyyy-mm-dd", MONTH: "yyyy-mm", PERCENT: '0"%"'}


def euros(cents: int) -> str:
    """Integer eurocents as a euro string, by integer arithmetic only."""
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    return f"{sign}{whole}.{rest:02d}"


def csv_cell(value: Cell, kind: str) -> str:
    if value is None:
        return ""
    if kind == MONEY:
        return euros(value)
    if kind == MONTH and isinstance(value, date):
        return value.strftime("%Y-%m")
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def to_csv(table: Table) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([c.name for c in table.columns])
    for row in table.rows:
        writer.writerow([csv_cell(v, c.kind) for v, c in zip(row, table.columns, strict=True)])
    return out.getvalue()


def xlsx_cell(value: Cell, kind: str) -> Cell | Decimal:
    if kind == MONEY and isinstance(value, int):
        return Decimal(value).scaleb(-2)
    return value


def sheet_title(title: str, taken: set[str]) -> str:
    base = _SHEET_FORBIDDEN.sub("-", title)[:31] or "sheet"
    candidate, n = base, 1
    while candidate.lower() in taken:
        n += 1
        candidate = f"{base[:28]}-{n}"
    taken.add(candidate.lower())
    return candidate


def to_xlsx(tables: Iterable[Table]) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    taken: set[str] = set()
    for table in tables:
        _write_sheet(workbook.create_sheet(sheet_title(table.title, taken)), table)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def _write_sheet(sheet, table: Table) -> None:
    sheet.append([c.name for c in table.columns])
    for row in table.rows:
        sheet.append([xlsx_cell(v, c.kind) for v, c in zip(row, table.columns, strict=True)])
    for index, column in enumerate(table.columns, start=1):
        number_format = _XLSX_FORMATS.get(column.kind)
        if number_format:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = number_format
    sheet.freeze_panes = "A2"
