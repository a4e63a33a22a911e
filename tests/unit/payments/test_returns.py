"""An exported run is final; only a transfer the bank returned makes its items owed again."""

from datetime import date

import pytest

from services.payments.domain.book import DUE, IN_RUN, PAID
from services.payments.domain.commands import CancelPaymentRun
from services.payments.domain.errors import (
    NotAllowed, ReturnRefused, RunExported, RunNotInStep, UnknownTransfer,
)
from services.payments.domain.payables import decide_book_approved_line
from services.payments.domain.returns import decide_return_transfer
from services.payments.domain.runs import (
    decide_cancel_run, decide_confirm_run, decide_create_run, decide_approve_run, transfers,
)

from tests.unit.payments.builders import (
    CONTROLLER, LATER, NOW, booked, confirm, create, exported_run, given, line, paid_run, returned,
    approve,
)

P1, P2 = "11111111", "22222222"


def two_providers():
    return booked(line("L1", provider=P1), line("L2", provider=P1, amount=2_000), line("L3", provider=P2))


def test_an_exported_run_cannot_be_cancelled():
    book = exported_run(two_providers(), "R1")
    with pytest.raises(RunExported, match="HF-RUN-EXPORTED"):
        decide_cancel_run(CancelPaymentRun("R1", "oops", by="fin-1", roles=frozenset({"finance"})), book, NOW)
    assert {book.items[i].status for i in ("L1", "L2", "L3")} == {IN_RUN}


def test_a_returned_transfer_makes_exactly_its_items_due_again():
    book = exported_run(two_providers(), "R1")
    book = given(book, decide_return_transfer, returned("R1", P1, 12_000), LATER)
    assert (book.items["L1"].status, book.items["L2"].status, book.items["L3"].status) == (DUE, DUE, IN_RUN)
    (event,) = decide_create_run(create("R2"), book, LATER)
    assert set(event.item_ids) == {"L1", "L2"}


def test_a_transfer_is_returned_once():
    book = exported_run(two_providers(), "R1")
    book = given(book, decide_return_transfer, returned("R1", P1, 12_000), LATER)
    book = given(book, decide_create_run, create("R2"), LATER)
    assert decide_return_transfer(returned("R1", P1, 12_000), book, LATER) == []
    assert book.items["L1"].run_id == "R2"


def test_confirming_after_a_return_pays_only_the_transfers_that_stand():
    book = exported_run(two_providers(), "R1")
    book = given(book, decide_return_transfer, returned("R1", P1, 12_000), LATER)
    book = given(book, decide_create_run, create("R2"), LATER)
    book = given(book, decide_confirm_run, confirm("R1"), LATER)
    assert (book.items["L1"].status, book.items["L3"].status) == (IN_RUN, PAID)


def test_a_return_after_the_confirmation_makes_paid_items_due_again():
    book = paid_run(two_providers(), "R1")
    book = given(book, decide_return_transfer, returned("R1", P2, 10_000), LATER)
    assert (book.items["L1"].status, book.items["L3"].status) == (PAID, DUE)


def test_the_returned_runs_file_keeps_its_transfers():
    book = exported_run(two_providers(), "R1")
    before = transfers(book, "R1")
    book = given(book, decide_return_transfer, returned("R1", P1, 12_000), LATER)
    book = given(book, decide_create_run, create("R2"), LATER)
    assert transfers(book, "R1") == before
    assert [(r.provider, r.reason) for r in book.runs["R1"].returns] == [(P1, "AC04")]


def test_only_an_exported_runs_transfer_can_be_returned():
    book = given(two_providers(), decide_create_run, create("R1"))
    book = given(book, decide_approve_run, approve("R1"))
    with pytest.raises(RunNotInStep):
        decide_return_transfer(returned("R1", P1, 12_000), book, LATER)


def test_a_provider_without_a_transfer_in_the_run_has_nothing_to_return():
    book = booked(line("L1", provider=P1, amount=3_000), line("L2", provider=P1, amount=-3_000,
                                                              credited_line_id="L1"), line("L3", provider=P2))
    book = exported_run(book, "R1")
    with pytest.raises(UnknownTransfer):
        decide_return_transfer(returned("R1", P1, 0), book, LATER)


@pytest.mark.parametrize("command", [
    returned("R1", P1, 11_999),
    returned("R1", P1, 12_000, reason="account closed"),
    returned("R1", P1, 12_000, on=date(2026, 6, 1)),
    returned("R1", P1, 12_000, on=date(2026, 6, 9)),
], ids=["partial amount", "no reason code", "before the execution date", "in the future"])
def test_a_return_that_cannot_be_this_transfers_return_is_refused(command):
    book = exported_run(two_providers(), "R1")
    with pytest.raises(ReturnRefused):
        decide_return_transfer(command, book, LATER)


def test_returns_need_the_finance_role():
    book = exported_run(two_providers(), "R1")
    with pytest.raises(NotAllowed):
        decide_return_transfer(returned("R1", P1, 12_000, roles=CONTROLLER), book, LATER)


def test_a_new_line_arriving_while_a_run_is_exported_goes_to_the_next_run_only():
    book = exported_run(two_providers(), "R1")
    book = given(book, decide_book_approved_line, line("L4", provider=P1))
    (event,) = decide_create_run(create("R2"), book, LATER)
    assert event.item_ids == ("L4",)
