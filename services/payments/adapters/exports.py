"""CSV and XLSX exports of the payments reports (design.md §6: controllers export and chart), for
Dutch staff who open them in Excel: Dutch column headings, the JSON's own names stay English.

CSV as Dutch Excel reads it when the file is opened by double-click: UTF-8 with a byte order
mark (without it Excel reads the file as Windows-1252 and garbles "ë", "é" and "–" in names),
`;` between fields (the list separator of the Dutch locale, where `,` is the decimal sign),
money in euros with a decimal comma and no thousands separator ("1234,56", "-0,05"), dates
dd-mm-yyyy, months "2026-01", percentages as whole numbers, basis points as a percentage with
two decimals ("12,34").

XLSX (openpyxl): one sheet per table, a bold header row that stays in view (frozen) with an
auto-filter on it, columns as wide as their contents; money as exact `Decimal` euros shown as
"€ 1.234,56", dates as dates, months as "januari 2026", basis points as exact `Decimal`
percentages ("12,34 %") — numbers, never text, so they sum.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable
from datetime import date
from decimal import Decimal

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from services.payments.adapters.region_labels import REGION_LABELS
from services.payments.domain.report_tables import (
    BASIS_POINTS, DATE, MONEY, MONTH, PERCENT, TENTHS, Cell, Column, Table,
)

BOM = "\ufeff"
_SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")
EURO_FORMAT = '"€" #,##0.00;-"€" #,##0.00'
_XLSX_FORMATS = {MONEY: EURO_FORMAT, DATE: "dd-mm-yyyy", MONTH: "mmmm yyyy", PERCENT: '0" %"', TENTHS: "0.0",
                 BASIS_POINTS: '0.00" %"'}
_WIDEST = 60
LABELS = {
    "municipality": "gemeentecode", "municipality name": "gemeente", "year": "jaar",
    "budget line": "percelcode", "budget line name": "perceel", "budget": "budget",
    "realised": "gerealiseerd", "pending": "in behandeling", "committed": "verplicht", "forecast": "prognose",
    "forecast to date": "prognose t/m maand", "run rate": "jaarprognose op huidig tempo",
    "remaining": "resterend", "exhaustion": "uitputting (%)", "month": "maand",
    "provider": "AGB-code", "provider name": "aanbieder", "contract": "contract", "ceiling": "plafond",
    "approved": "goedgekeurd", "held": "vastgehouden", "used": "gebruikt", "used %": "gebruikt (%)",
    "state": "stand", "warn at": "signaalgrenzen (%)", "threshold reached": "grens bereikt (%)",
    "item": "post", "kind": "soort", "declaration": "declaratie", "due on": "vervaldatum",
    "amount": "bedrag", "status": "status", "run": "betaalronde", "due": "te betalen",
    "in run": "in betaalronde", "offset against advances": "verrekend met voorschotten",
    "advances paid": "voorschotten betaald", "advances open": "voorschotten open",
    "balance": "saldo", "referrer type": "type verwijzer", "referrer": "verwijzer",
    "allocations": "toewijzingen", "share": "aandeel (%)", **REGION_LABELS,
    "contributions": "bijdragen", "care": "zorg", "lump sums": "vaste bedragen", "pgb": "pgb (SVB)",
    "spending": "uitgaven", "key share": "verdeelsleutel (%)", "cost share": "aandeel in de kosten",
    "equalisation": "verevening", "settlement": "afrekening", "schedule": "regeling",
    "lump sum paid": "vast bedrag betaald", "lump sum open": "vast bedrag open", "production": "productie",
    "lines": "regels", "rule": "afrekenregel", "corridor": "bandbreedte (%)", "clients in care": "cliënten in zorg",
    "starts": "starts",
}
"""The Dutch heading of each column the report tables have; an unknown column keeps its name."""


def heading(column: Column) -> str:
    return LABELS.get(column.name, column.name)


def euros(cents: int) -> str:
    """Integer eurocents as euros with a decimal comma, by integer arithmetic only."""
    sign = "-" if cents < 0 else ""
    whole, rest = divmod(abs(cents), 100)
    return f"{sign}{whole},{rest:02d}"


def csv_cell(value: Cell, kind: str) -> str:
    if value is None:
        return ""
    if kind in (MONEY, BASIS_POINTS) and isinstance(value, int):
        return euros(value)  # hundredths either way: of a euro, of a percent
    if kind == MONTH and isinstance(value, date):
        return value.strftime("%Y-%m")
    if kind == TENTHS and isinstance(value, int):
        return f"{'-' if value < 0 else ''}{abs(value) // 10},{abs(value) % 10}"
    if isinstance(value, date):
        return value.strftime("%d-%m-%Y")
    return str(value)


def to_csv(table: Table) -> str:
    """The table as Dutch Excel opens it; encode as UTF-8 (the BOM is the text's first character)."""
    out = io.StringIO()
    out.write(BOM)
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n")
    writer.writerow([heading(c) for c in table.columns])
    for row in table.rows:
        writer.writerow([csv_cell(v, c.kind) for v, c in zip(row, table.columns, strict=True)])
    return out.getvalue()


def xlsx_cell(value: Cell, kind: str) -> Cell | Decimal:
    if kind in (MONEY, BASIS_POINTS) and isinstance(value, int):
        return Decimal(value).scaleb(-2)
    if kind == TENTHS and isinstance(value, int):
        return Decimal(value).scaleb(-1)
    return value


def sheet_title(title: str, taken: set[str]) -> str:
    base = _SHEET_FORBIDDEN.sub("-", title)[:31] or "blad"
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


def _write_sheet(sheet: Worksheet, table: Table) -> None:
    sheet.append([heading(c) for c in table.columns])
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    for row in table.rows:
        sheet.append([xlsx_cell(v, c.kind) for v, c in zip(row, table.columns, strict=True)])
    for index, column in enumerate(table.columns, start=1):
        number_format = _XLSX_FORMATS.get(column.kind)
        if number_format:
            for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
                cell.number_format = number_format
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = _width(column, (row[index - 1] for row in table.rows))
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = f"A1:{get_column_letter(max(1, len(table.columns)))}{len(table.rows) + 1}"


def _width(column: Column, values: Iterable[Cell]) -> float:
    """Characters wide enough for the heading (and its filter button) and the longest value as
    shown: money as '€ 12.345.678,90', a month as 'september 2026'."""
    shown = [len(heading(column)) + 3]
    for value in values:
        if column.kind == MONEY and isinstance(value, int):
            shown.append(len(euros(value)) + 2 + len(str(abs(value) // 100)) // 3)
        elif column.kind == MONTH:
            shown.append(14)
        elif value is not None:
            shown.append(len(csv_cell(value, column.kind)))
    return min(_WIDEST, max(shown) + 2)
