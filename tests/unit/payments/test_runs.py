from datetime import date

import pytest

from services.payments.domain.book import CANCELLED, DUE, IN_RUN, PAID, fold
from services.payments.domain.commands import (
    ApprovePaymentRun, CancelPaymentRun, ConfirmPaymentRun, CreatePaymentRun, ExportPaymentRun,
)
from services.payments.domain.errors import NotAllowed, NothingDue, RunNotInStep, SameUser, UnknownRun
from services.payments.domain.events import PaymentRunReviewed
from services.payments.domain.payables import decide_book_approved_line
from services.payments.domain.runs import (
    decide_cancel_run, decide_confirm_run, decide_create_run, decide_export_run,
    decide_approve_run, transfers,
)

from tests.unit.payments.builders import (
    CONTROLLER, FINANCE, NOW, booked, confirm, create, export, given, line, paid_run, approve,
)

P1, P2 = "11111111", "22222222"


def cancel(run_id: str) -> CancelPaymentRun:
    return CancelPaymentRun(run_id, "wrong date", by="fin-1", roles=FINANCE)


def test_run_collects_items_due_up_to_its_date():
    book = booked(line("L1"), line("L2", answered_on=date(2026, 5, 20)))
    (event,) = decide_create_run(create("R1", up_to=date(2026, 5, 31)), book, NOW)
    assert event.item_ids == ("L1",)  # L2 is due on 19 June
    assert event.total == 10_000


def test_run_nets_credits_per_provider_into_one_transfer():
    book = booked(line("L1", provider=P1), line("L2", provider=P1, amount=2_500),
                  line("L3", provider=P1, amount=-1_000, credited_line_id="L0"))
    book = given(book, decide_create_run, create("R1"))
    (transfer,) = transfers(book, "R1")
    assert (transfer.provider, transfer.amount) == (P1, 11_500)
    assert book.runs["R1"].total == 11_500


def test_provider_with_negative_net_is_carried_forward():
    book = booked(line("L1", provider=P1, amount=1_000),
                  line("L2", provider=P1, amount=-3_000, credited_line_id="L0"),
                  line("L3", provider=P2))
    (event,) = decide_create_run(create("R1"), book, NOW)
    assert event.item_ids == ("L3",)
    assert event.carried_forward == (P1,)


def test_carried_forward_credit_nets_against_later_debits():
    book = booked(line("L1", provider=P1, amount=-3_000, credited_line_id="L0"),
                  line("L2", provider=P1, amount=5_000, answered_on=date(2026, 5, 1)))
    with pytest.raises(NothingDue):
        decide_create_run(create("R1", up_to=date(2026, 5, 1)), book, NOW)
    (event,) = decide_create_run(create("R2", up_to=date(2026, 5, 31)), book, NOW)
    assert set(event.item_ids) == {"L1", "L2"} and event.total == 2_000


def test_provider_netting_to_zero_is_settled_without_transfer():
    book = booked(line("L1", provider=P1, amount=3_000),
                  line("L2", provider=P1, amount=-3_000, credited_line_id="L1"),
                  line("L3", provider=P2))
    book = paid_run(book, "R1")
    assert [t.provider for t in transfers(book, "R1")] == [P2]
    assert book.items["L1"].status == book.items["L2"].status == PAID


def test_item_in_a_run_is_not_collected_by_another_run():
    book = given(booked(line("L1"), line("L2")), decide_create_run, create("R1"))
    book = given(book, decide_book_approved_line, line("L3"))
    (event,) = decide_create_run(create("R2"), book, NOW)
    assert event.item_ids == ("L3",)


def test_paid_items_are_never_collected_again():
    book = paid_run(booked(line("L1")), "R1")
    with pytest.raises(NothingDue):
        decide_create_run(create("R2"), book, NOW)


def test_run_steps_are_events_in_order():
    book = given(booked(line("L1")), decide_create_run, create("R1"))
    assert book.items["L1"].status == IN_RUN
    with pytest.raises(RunNotInStep):
        decide_export_run(export("R1"), book, NOW)  # not approved yet
    with pytest.raises(RunNotInStep):
        decide_confirm_run(confirm("R1"), book, NOW)  # not exported yet
    book = paid_run(booked(line("L1")), "R1")
    assert book.runs["R1"].status == "confirmed"
    assert book.runs["R1"].message_id == "MSG-R1"


def test_repeated_step_commands_change_nothing():
    book = given(booked(line("L1")), decide_create_run, create("R1"))
    assert decide_create_run(create("R1"), book, NOW) == []
    book = given(book, decide_approve_run, approve("R1"))
    assert decide_approve_run(approve("R1"), book, NOW) == []
    book = given(book, decide_export_run, export("R1"))
    assert decide_export_run(export("R1"), book, NOW) == []
    book = given(book, decide_confirm_run, confirm("R1"))
    assert decide_confirm_run(confirm("R1"), book, NOW) == []


def test_cancelled_run_returns_its_items_to_due():
    book = given(booked(line("L1")), decide_create_run, create("R1"))
    book = given(book, decide_cancel_run, cancel("R1"))
    assert book.runs["R1"].status == CANCELLED
    assert book.items["L1"].status == DUE and book.items["L1"].run_id is None
    (event,) = decide_create_run(create("R2"), book, NOW)
    assert event.item_ids == ("L1",)


def test_confirmed_run_cannot_be_cancelled():
    book = paid_run(booked(line("L1")), "R1")
    with pytest.raises(RunNotInStep):
        decide_cancel_run(cancel("R1"), book, NOW)


def test_run_cannot_be_confirmed_as_executed_in_the_future():
    book = given(booked(line("L1")), decide_create_run, create("R1"))
    book = given(given(book, decide_approve_run, approve("R1")), decide_export_run, export("R1"))
    later = ConfirmPaymentRun("R1", date(2026, 6, 2), by="fin-1", roles=FINANCE)
    with pytest.raises(RunNotInStep):
        decide_confirm_run(later, book, NOW)


def test_run_cannot_be_exported_for_execution_in_the_past():
    book = given(booked(line("L1")), decide_create_run, create("R1"))
    book = given(book, decide_approve_run, approve("R1"))
    past = ExportPaymentRun("R1", "MSG-R1", date(2026, 5, 31), by="fin-1", roles=FINANCE)
    with pytest.raises(RunNotInStep):
        decide_export_run(past, book, NOW)


def test_payment_runs_need_the_finance_role():
    book = booked(line("L1"))
    by_controller = CreatePaymentRun("R1", date(2026, 5, 31), by="ctl-1", roles=CONTROLLER)
    with pytest.raises(NotAllowed):
        decide_create_run(by_controller, book, NOW)


def test_unknown_run_is_refused():
    with pytest.raises(UnknownRun):
        decide_approve_run(approve("nope"), booked(), NOW)


def test_the_creator_cannot_approve_their_own_run():
    book = given(booked(line("L1")), decide_create_run, create("R1"))
    by_creator = ApprovePaymentRun("R1", by="fin-1", roles=FINANCE)
    with pytest.raises(SameUser, match="HF-FOUR-EYES"):
        decide_approve_run(by_creator, book, NOW)
    book = given(book, decide_approve_run, approve("R1"))
    assert (book.runs["R1"].status, book.runs["R1"].approved_by) == ("approved", "fin-2")
    with pytest.raises(SameUser):  # not even once another has approved it
        decide_approve_run(by_creator, book, NOW)


def test_only_an_approved_run_is_exported():
    book = given(booked(line("L1")), decide_create_run, create("R1"))
    with pytest.raises(RunNotInStep, match="not approved"):
        decide_export_run(export("R1"), book, NOW)


def test_a_review_stored_before_four_eyes_approves_only_when_another_user_gave_it():
    created = given(booked(line("L1")), decide_create_run, create("R1"))
    by_other = fold([PaymentRunReviewed("R1", by="fin-2")], created)
    assert (by_other.runs["R1"].status, by_other.runs["R1"].approved_by) == ("approved", "fin-2")
    by_creator = fold([PaymentRunReviewed("R1", by="fin-1")], created)
    assert (by_creator.runs["R1"].status, by_creator.runs["R1"].approved_by) == ("created", None)
    with pytest.raises(RunNotInStep):
        decide_export_run(export("R1"), by_creator, NOW)
    assert decide_approve_run(approve("R1"), by_creator, NOW)  # a second user approves it now
