"""JW315/JW317 requests: the work list, JW319 answers and their deadlines."""

from dataclasses import replace
from datetime import date, datetime
from functools import reduce

import pytest

from services.allocation.domain import request as req
from services.allocation.domain.errors import RuleViolation
from services.allocation.domain.events import (
    ALLOCATION_REQUESTED, CHANGE_REQUESTED, REQUEST_HONOURED, REQUEST_REJECTED,
    REQUEST_UNDER_INVESTIGATION)
from services.allocation.domain.request import Request, work_list
from services.allocation.domain.request_decisions import (
    HonourRequest, PutRequestUnderInvestigation, ReceiveAllocationRequest, ReceiveChangeRequest,
    RecordRequestReceipt, RejectRequest, decide_honour, decide_investigate, decide_receive_allocation_request,
    decide_receive_change_request, decide_record_receipt, decide_reject, issue_command_for)
from services.allocation.domain.request_details import (
    ProductChange, Referrer, RequestedAllocation, RequestedChange)

from .given import AMBULANT, CLIENT, DEVENTER, PROVIDER, WEEKLY_HOURS, ZWOLLE

MONDAY = date(2026, 11, 2)
NOW = datetime(2026, 11, 3, 10, 0)
GP = Referrer("02", "Dr. Jansen")
VOT = ReceiveAllocationRequest(ZWOLLE, PROVIDER, "VOT-1", CLIENT, MONDAY, RequestedAllocation(
    AMBULANT, date(2026, 11, 16), GP, date(2027, 2, 28), WEEKLY_HOURS))
VOW = ReceiveChangeRequest(ZWOLLE, PROVIDER, "VOW-1", CLIENT, MONDAY, RequestedChange(
    "1", unchanged=(300201,), changes=(ProductChange(300202, date(2026, 12, 1), extent=WEEKLY_HOURS),)))


INVESTIGATE = PutRequestUnderInvestigation(PROVIDER, "VOT-1")


def investigated() -> Request:
    return received(*decide_investigate(INVESTIGATE, received(), NOW))


def received(*more) -> Request:
    events = decide_receive_allocation_request(VOT, Request(), NOW, open_request_for_client=False)
    return reduce(req.evolve, [*events, *more], Request())


def test_jw315_is_received_with_referrer_and_deadlines():
    [event] = decide_receive_allocation_request(VOT, Request(), NOW, open_request_for_client=False)
    assert event.type == ALLOCATION_REQUESTED
    assert event.payload["requested"]["referrer"] == {"type": "02", "name": "Dr. Jansen", "agb_code": None}
    assert event.payload["deadlines"] == {"receipt_due": "2026-11-05", "answer_due": "2026-11-09",
                                          "woonplaatsbeginsel_due": "2026-11-16"}


def test_tr347_reference_aanbieder_is_unique_per_provider():
    with pytest.raises(RuleViolation) as refused:
        decide_receive_allocation_request(VOT, received(), NOW, open_request_for_client=False)
    assert (refused.value.rule, refused.value.code) == ("TR347", "9347")


def test_tr374_only_one_open_request_per_client_per_provider():
    with pytest.raises(RuleViolation) as refused:
        decide_receive_allocation_request(VOT, Request(), NOW, open_request_for_client=True)
    assert (refused.value.rule, refused.value.code) == ("TR374", "9374")


def test_jw317_listing_every_current_allocation_is_received():
    events = decide_receive_change_request(VOW, Request(), NOW, False, frozenset({300201, 300202}))
    assert [e.type for e in events] == [CHANGE_REQUESTED]


def test_tr349_a_change_request_must_list_every_current_allocation():
    with pytest.raises(RuleViolation) as refused:
        decide_receive_change_request(VOW, Request(), NOW, False, frozenset({300201, 300202, 300203}))
    assert refused.value.code == "9349"


def test_tr351_a_product_to_change_must_be_a_current_allocation():
    with pytest.raises(RuleViolation) as refused:
        decide_receive_change_request(VOW, Request(), NOW, False, frozenset({300201}))
    assert refused.value.code == "9351"


def test_jw316_receipt_is_due_within_three_working_days():
    friday = RecordRequestReceipt(PROVIDER, "VOT-1", date(2026, 11, 6))
    events = decide_record_receipt(friday, received(), NOW)
    assert events[0].payload["late"] is True
    assert req.receipt_overdue(received(), date(2026, 11, 6))


def test_honouring_records_the_allocation_numbers_and_referrer_type():
    [event] = decide_honour(HonourRequest(PROVIDER, "VOT-1", (300500,)), received(), NOW)
    assert (event.type, event.payload["allocation_numbers"], event.payload["referrer_type"]) == (
        REQUEST_HONOURED, [300500], "02")


def test_iv097_the_allocation_honouring_a_jw315_carries_the_referentie_aanbieder():
    command = issue_command_for(received(), 300500)
    assert (command.provider_reference, command.referrer_type) == ("VOT-1", "02")
    assert (command.product, command.start) == (AMBULANT, date(2026, 11, 16))


def test_jw319_rejection_carries_reden_afwijzing_verzoek():
    [event] = decide_reject(RejectRequest(PROVIDER, "VOT-1", "3"), received(), NOW)
    assert (event.type, event.payload["answer"], event.payload["reason"]) == (REQUEST_REJECTED, "1", "3")


def test_op359_woonplaatsbeginsel_rejection_names_the_responsible_municipality():
    [event] = decide_reject(RejectRequest(PROVIDER, "VOT-1", "8", DEVENTER), received(), NOW)
    assert event.payload["responsible_municipality"] == DEVENTER
    with pytest.raises(RuleViolation, match="HF-WOONPLAATSBEGINSEL"):
        decide_reject(RejectRequest(PROVIDER, "VOT-1", "8"), received(), NOW)


def test_op359_woonplaatsbeginsel_rejection_only_within_two_weeks():
    with pytest.raises(RuleViolation, match="OP359"):
        decide_reject(RejectRequest(PROVIDER, "VOT-1", "8", DEVENTER), received(),
                      datetime(2026, 11, 17, 9, 0))


def test_in_onderzoek_sets_the_final_answer_due_within_eight_weeks():
    [event] = decide_investigate(INVESTIGATE, received(), NOW)
    assert (event.type, event.payload["answer"], event.payload["final_answer_due"]) == (
        REQUEST_UNDER_INVESTIGATION, "2", "2026-12-28")


def test_tr360_in_onderzoek_only_as_the_first_answer():
    with pytest.raises(RuleViolation) as refused:
        decide_investigate(INVESTIGATE, investigated(), NOW)
    assert refused.value.code == "9360"


def test_a_request_in_onderzoek_can_still_be_rejected():
    assert decide_reject(RejectRequest(PROVIDER, "VOT-1", "7"), investigated(), NOW)


def test_tr365_a_rejected_request_cannot_be_rejected_again():
    rejected = received(*decide_reject(RejectRequest(PROVIDER, "VOT-1", "7"), received(), NOW))
    with pytest.raises(RuleViolation) as refused:
        decide_reject(RejectRequest(PROVIDER, "VOT-1", "7"), rejected, NOW)
    assert refused.value.code == "9365"


def test_tr359_no_jw319_after_the_request_was_honoured():
    honoured = received(*decide_honour(HonourRequest(PROVIDER, "VOT-1", (300500,)), received(), NOW))
    with pytest.raises(RuleViolation) as refused:
        decide_reject(RejectRequest(PROVIDER, "VOT-1", "7"), honoured, NOW)
    assert refused.value.code == "9359"


def test_work_list_shows_open_requests_most_urgent_first_and_flags_overdue():
    fresh = replace(received(), reference="VOT-2")
    honoured = received(*decide_honour(HonourRequest(PROVIDER, "VOT-1", (1,)), received(), NOW))
    items = work_list([investigated(), fresh, honoured], date(2026, 11, 10))
    assert [(i.reference, i.due, i.overdue) for i in items] == [
        ("VOT-2", date(2026, 11, 9), True), ("VOT-1", date(2026, 12, 28), False)]
