"""Credits and corrections (ijw-3.2.md §12.7): credits before debets, 8017, 9390."""

from dataclasses import replace
from datetime import date

from services.invoicing.domain.contract import ContractView
from services.invoicing.domain.history import History, PriorLine

from services.invoicing.domain.policy import Status
from tests.unit.invoicing.builders import (MAY, approved, codes, context, credit_of, declaration,
                                           line, match)

JUNE_3 = date(2026, 6, 3)
R100 = line("R100")


def correction(*lines):
    return declaration(*lines, period=MAY, number="DN002", message_id="M2", dated=JUNE_3)


def test_credits_before_debets_op366_lets_the_replacement_pass_9389():
    replacement = line("R102", volume=7, amount=52500)
    ctx = context(history=approved(R100), received_on=JUNE_3)
    result = match(correction(replacement, credit_of(R100, "R101")), ctx)
    assert [(o.line.reference, o.status) for o in result.lines] == [
        ("R101", Status.APPROVED), ("R102", Status.APPROVED)]


def test_credit_without_approved_debet_gets_8017():
    lonely = credit_of(line("R050"), "R101")
    assert codes(correction(lonely), context(history=approved(R100), received_on=JUNE_3)) == ("8017",)


def test_iv085_a_credit_of_a_debet_whose_jw325_has_not_gone_out_gets_8017():
    """The debet's declaration still waits for a held line: the provider cannot know it was approved."""
    unanswered = History.of((PriorLine(R100, answered=False),))
    assert codes(correction(credit_of(R100, "R101")), context(history=unanswered, received_on=JUNE_3)) == ("8017",)


def test_credit_not_repeating_its_debet_gets_8017():
    different = credit_of(line("R100", volume=7, amount=52500), "R101")
    assert codes(correction(different), context(history=approved(R100), received_on=JUNE_3)) == ("8017",)


def test_credit_of_a_credited_debet_gets_9390():
    history = approved(R100, credited=("R100",))
    ctx = context(history=history, received_on=JUNE_3)
    assert codes(correction(credit_of(R100, "R101")), ctx) == ("9390",)


def test_credit_is_not_refused_on_policy_grounds_such_as_tariff():
    no_contract = replace(context(history=approved(R100), received_on=JUNE_3), contract=ContractView())
    assert codes(correction(credit_of(R100, "R101")), no_contract) == ()
