"""The rules a provider's software runs on the JW325 we send."""

from dataclasses import replace
from datetime import date

from shared.ijw import check
from shared.ijw.model.basis import Amount, Period
from shared.ijw.model.declaration import DeclarationClient
from tests.ijw import story


def rules(message) -> list[str]:
    return sorted({f.rule for f in check(message)})


def answer(**changes):
    message = story.jw325()
    return replace(message, answer=replace(message.answer, **changes))


def returned(*lines):
    line_total = sum(line.amount.signed for line in lines)
    submitted = story.jw325().answer.total_submitted
    granted = Amount.from_signed(submitted.signed - line_total)
    return answer(codes=("0200",), total_granted=granted,
                  clients=(DeclarationClient(story.BSN, tuple(replace(x, codes=("9307",)) for x in lines), ("0200",)),))


def test_a_declaration_rejected_as_a_whole_that_grants_an_amount_fails_tr342():
    assert rules(answer(codes=("9333",))) == ["TR342"]


def test_a_returned_line_is_accounted_for():
    assert rules(returned(story.line())) == []


def test_a_returned_debet_with_previous_reference_fails_cd060():
    assert rules(returned(story.line(previous_reference="R050"))) == ["CD060"]


def test_a_returned_line_twice_fails_tr101():
    half = story.line(amount=Amount(30000))
    assert rules(returned(half, half)) == ["TR101"]


def test_a_returned_line_after_the_answer_date_fails_tr134_and_tr137():
    later = story.line(period=Period(date(2026, 5, 14), date(2026, 5, 31)))
    assert rules(returned(later)) == ["TR134", "TR137"]
