"""Message (level 2), header, declaration and client rules: each refuses more than one line."""

from dataclasses import replace
from datetime import date

from services.invoicing.domain.declaration import Client, DebitCredit, Period
from services.invoicing.domain.history import History
from services.invoicing.domain.policy import Status
from tests.unit.invoicing.builders import (APRIL, OTHER_BSN, context, declaration, line,
                                           match)


def test_bsn_failing_eleven_test_rejects_message_with_0001():
    result = match(declaration(bsn="123456789"))
    assert (result.header_codes, result.violations, result.lines) == (("0001",), ("CS002",), ())


def test_total_not_the_signed_sum_rejects_message_with_0001():
    result = match(replace(declaration(), total_amount=1))
    assert (result.header_codes, result.violations) == (("0001",), ("TR358",))


def test_declaration_period_not_a_calendar_month_rejects_message_with_0001():
    result = match(declaration(period=Period(date(2026, 4, 1), date(2026, 4, 29))))
    assert result.violations == ("CS340",)


def test_credit_without_previous_reference_rejects_message_with_0001():
    result = match(declaration(line(debit_credit=DebitCredit.CREDIT, amount=0, volume=0), line("R2")))
    assert "CD060" in result.violations


def test_two_debets_for_one_allocation_period_and_product_reject_message_with_0001():
    assert match(declaration(line("R1"), line("R2"))).violations == ("TR416",)


def test_any_xsd_version_of_the_form_n_n_n_is_accepted():
    decl = declaration()
    decl = replace(decl, header=replace(decl.header, xsd_version=("9.12.0", "3.2.1")))
    assert match(decl).header_codes == ()


def test_message_id_used_before_gets_9056():
    assert match(ctx=context(history=History(message_ids=frozenset({"M1"})))).header_codes == ("9056",)


def test_message_dated_after_receipt_gets_8848():
    assert match(ctx=context(received_on=date(2026, 5, 5))).header_codes == ("8848",)


def test_unknown_gemeente_gets_s300():
    ctx = replace(context(), gemeenten=frozenset({"0363"}))
    assert match(ctx=ctx).header_codes == ("S300",)


def test_declaration_number_used_before_gets_9333():
    result = match(ctx=context(history=History(declaration_numbers=frozenset({"DN001"}))))
    assert (result.declaration_codes, result.lines) == (("9333",), ())


def test_period_before_last_declared_period_gets_8214():
    history = History(last_period_begin=date(2026, 5, 1))
    assert match(ctx=context(history=history)).declaration_codes == ("8214",)


def test_repeating_the_last_declared_period_is_allowed():
    history = History(last_period_begin=APRIL.begin)
    assert match(ctx=context(history=history)).declaration_codes == ()


def test_client_not_the_allocations_client_gets_8187_and_its_lines_0233():
    result = match(declaration(clients=(Client(OTHER_BSN, (line(),)),)))
    outcome = result.lines[0]
    assert result.rejected_clients == {OTHER_BSN: "8187"}
    assert (outcome.status, outcome.codes) == (Status.REJECTED, ("0233",))
