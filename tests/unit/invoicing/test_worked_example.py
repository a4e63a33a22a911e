"""The worked example of ijw-3.2.md §12.9, end to end through the matcher and the JW325 builder."""

from datetime import date

from services.invoicing.domain.answer import build_answer
from services.invoicing.domain.declaration import Period
from services.invoicing.domain.policy import Status
from tests.unit.invoicing.builders import (JULY, MAY, approved, context, credit_of, declaration, line,
                                           match)

JUNE_3 = date(2026, 6, 3)


def test_april_declaration_is_fully_approved_with_8001():
    decl = declaration(line("R100"))
    answer = build_answer(decl, match(decl)).declaration
    assert (answer.codes, answer.submitted, answer.granted) == (("8001",), 60000, 60000)
    assert answer.clients == ()


def test_credit_and_replacement_for_april_pass_with_the_may_lines():
    r100 = line("R100")
    lines = (credit_of(r100, "R101"), line("R102", volume=7, amount=52500),
             line("R103", period=MAY, volume=10, amount=75000))
    decl = declaration(*lines, period=MAY, number="DN002", message_id="M2", dated=JUNE_3)
    result = match(decl, context(history=approved(r100), received_on=JUNE_3))
    assert {o.status for o in result.lines} == {Status.APPROVED}
    assert build_answer(decl, result).declaration.granted == 67500


def test_may_line_of_eleven_hours_gets_9321():
    decl = declaration(line("R103", period=MAY, volume=11, amount=82500), period=MAY, dated=JUNE_3)
    assert match(decl, context(received_on=JUNE_3)).lines[0].codes == ("9321",)


def test_full_july_line_gets_9308_and_9388():
    august_5 = date(2026, 8, 5)
    decl = declaration(line("R104", period=JULY, volume=6, amount=45000), period=JULY, dated=august_5)
    assert match(decl, context(received_on=august_5)).lines[0].codes == ("9308", "9388")


def test_july_line_ending_on_allocation_end_passes():
    august_5 = date(2026, 8, 5)
    july = line("R104", period=Period(JULY.begin, date(2026, 7, 14)), volume=6, amount=45000)
    decl = declaration(july, period=JULY, dated=august_5)
    assert match(decl, context(received_on=august_5)).lines[0].codes == ()
