import io
from datetime import date
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType

from openpyxl import load_workbook

from services.payments.adapters.exports import EURO_FORMAT, euros, to_csv, to_xlsx
from services.payments.domain.budget import BudgetLine, Realised, budget_report
from services.payments.domain.ceilings import Ceiling, usage_report
from services.payments.domain.financing_tables import equalisation_table
from services.payments.domain.ledger import EqualisationStatement
from services.payments.domain.payables import decide_book_approved_line
from services.payments.domain.referrals import Referral, referrals_by_type
from services.payments.domain.report_tables import (
    DATE, Column, Table, budget_table, ceiling_table, exhaustion_table, open_balances_table, referral_table,
    statement_table,
)
from services.payments.domain.statements import open_balances, provider_statement

from tests.unit.payments.builders import booked, given, line, paid_run

LINE = BudgetLine("0193", 2026, "ambulant", 10_000_000)
REPORT = budget_report(LINE, [Realised("0193", "ambulant", date(2026, 1, 1), 123_405),
                              Realised("0193", "ambulant", date(2026, 2, 1), -5)], [],
                       as_of=date(2026, 3, 10))


def test_euros_are_formatted_from_integer_cents_with_a_decimal_comma():
    assert [euros(c) for c in (0, 5, -5, 100, 123_405, -123_405)] == [
        "0,00", "0,05", "-0,05", "1,00", "1234,05", "-1234,05"]


def test_budget_report_as_csv_for_dutch_excel():
    """UTF-8 with a byte order mark, `;` between fields, a decimal comma: what Dutch Excel opens
    by double-click as columns of numbers."""
    text = to_csv(budget_table(REPORT))
    assert text.startswith("\ufeff") and text.encode("utf-8").startswith(b"\xef\xbb\xbf")
    lines = text.removeprefix("\ufeff").splitlines()
    assert lines[0] == "maand;gerealiseerd;in behandeling;verplicht;prognose t/m maand;budget"
    assert lines[1] == "2026-01;1234,05;0,00;0,00;1234,05;100000,00"
    assert lines[2] == "2026-02;-0,05;0,00;0,00;1234,00;100000,00"
    assert len(lines) == 13


def test_csv_dates_are_dutch_and_a_field_with_the_separator_is_quoted():
    table = Table("t", (Column("name"), Column("due on", DATE)), (("Jeugd; ggz", date(2026, 12, 6)),))
    assert to_csv(table).splitlines()[1] == '"Jeugd; ggz";06-12-2026'


def test_exhaustion_as_xlsx_keeps_exact_euros_and_one_sheet_per_table():
    tables = [budget_table(REPORT), exhaustion_table([REPORT], "exhaustion 0193 2026")]
    workbook = load_workbook(io.BytesIO(to_xlsx(tables)))
    assert workbook.sheetnames == ["budget 0193 2026 ambulant", "exhaustion 0193 2026"]
    sheet = workbook["exhaustion 0193 2026"]
    assert [c.value for c in sheet[1]][:5] == ["gemeentecode", "jaar", "percelcode", "budget", "gerealiseerd"]
    assert Decimal(str(sheet["E2"].value)) == Decimal("1234.00")
    assert sheet["E2"].number_format == EURO_FORMAT and "€" in EURO_FORMAT


def test_an_xlsx_sheet_has_a_frozen_filtered_bold_header_and_columns_as_wide_as_their_contents():
    workbook = load_workbook(io.BytesIO(to_xlsx([exhaustion_table([REPORT], "exhaustion")])))
    sheet = workbook.active
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref == "A1:K2"
    assert all(cell.font.b for cell in sheet[1])
    widths = {letter: sheet.column_dimensions[letter].width for letter in "BDK"}
    assert widths["D"] >= len("€ 100.000,00") and widths["K"] >= len("uitputting (%)")
    assert widths["B"] < widths["D"] <= 60
    months = load_workbook(io.BytesIO(to_xlsx([budget_table(REPORT)]))).active
    assert months["A2"].is_date and months["A2"].number_format == "mmmm yyyy"


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


def test_a_key_share_is_an_integer_of_basis_points_shown_as_a_dutch_percentage_in_csv_and_xlsx():
    statement = EqualisationStatement("0193", 2026, 1_000, 900, Fraction(23_000, 184_000), 800)
    table = equalisation_table([statement], "verevening")
    assert table.rows[0][3] == 1250 and table.columns[3].kind == "basis_points"  # 12,5 %
    assert to_csv(table).splitlines()[1].split(";")[3] == "12,50"
    sheet = load_workbook(io.BytesIO(to_xlsx([table]))).active
    assert sheet["D2"].value == Decimal("12.5") and sheet["D2"].number_format == '0.00" %"'
    thirds = equalisation_table([EqualisationStatement("0193", 2026, 0, 0, Fraction(1, 3), 0)], "v")
    assert thirds.rows[0][3] == 3333  # rounded half up from the exact fraction
