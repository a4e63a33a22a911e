import io
from datetime import date
from decimal import Decimal
from types import MappingProxyType

from openpyxl import load_workbook

from services.payments.adapters.exports import euros, to_csv, to_xlsx
from services.payments.domain.budget import BudgetLine, Realised, budget_report
from services.payments.domain.ceilings import Ceiling, usage_report
from services.payments.domain.payables import decide_book_approved_line
from services.payments.domain.referrals import Referral, referrals_by_type
from services.payments.domain.report_tables import (
    budget_table, ceiling_table, exhaustion_table, open_balances_table, referral_table,
    statement_table,
)
from services.payments.domain.statements import open_balances, provider_statement

from tests.unit.payments.builders import booked, given, line, paid_run

LINE = BudgetLine("0193", 2026, "ambulant", 10_000_000)
REPORT = budget_report(LINE, [Realised("0193", "ambulant", date(2026, 1, 1), 123_405),
                              Realised("0193", "ambulant", date(2026, 2, 1), -5)], [],
                       as_of=date(2026, 3, 10))


def test_euros_are_formatted_from_integer_cents():
    assert [euros(c) for c in (0, 5, -5, 100, 123_405, -123_405)] == [
        "0.00", "0.05", "-0.05", "1.00", "1234.05", "-1234.05"]


def test_budget_report_as_csv():
    lines = to_csv(budget_table(REPORT)).splitlines()
    assert lines[0] == "month,realised,committed,forecast to date,budget"
    assert lines[1] == "2026-01,1234.05,0.00,1234.05,100000.00"
    assert lines[2] == "2026-02,-0.05,0.00,1234.00,100000.00"
    assert len(lines) == 13


def test_exhaustion_as_xlsx_keeps_exact_euros_and_one_sheet_per_table():
    tables = [budget_table(REPORT), exhaustion_table([REPORT], "exhaustion 0193 2026")]
    workbook = load_workbook(io.BytesIO(to_xlsx(tables)))
    assert workbook.sheetnames == ["budget 0193 2026 ambulant", "exhaustion 0193 2026"]
    sheet = workbook["exhaustion 0193 2026"]
    assert [c.value for c in sheet[1]][:5] == ["municipality", "year", "budget line", "budget",
                                              "realised"]
    assert Decimal(str(sheet["E2"].value)) == Decimal("1234.00")
    assert sheet["E2"].number_format == "#,##0.00"


def test_every_report_table_exports_to_csv_and_xlsx():
    book = paid_run(booked(line("L1"), line("L2", amount=-500, credited_line_id="L0")), "R1")
    book = given(book, decide_book_approved_line, line("L3"))
    ceiling = Ceiling("C1", "87654321", 2026, 1_000,
                      usage=MappingProxyType({"L1": ("approved", 900)}))
    year = (date(2026, 1, 1), date(2026, 12, 31))
    tables = [
        ceiling_table(usage_report([ceiling])),
        statement_table(provider_statement(book, "87654321", *year)),
        open_balances_table(open_balances(book)),
        referral_table(referrals_by_type([Referral("0193", "A1", "02", date(2026, 1, 5))], 2026),
                       "referrals 2026"),
    ]
    assert [len(to_csv(t).splitlines()) for t in tables] == [2, 4, 2, 2]
    assert len(load_workbook(io.BytesIO(to_xlsx(tables))).sheetnames) == 4
