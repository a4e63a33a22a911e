"""Rejecting or investigating a request as one command (domain/request_answer.py): what it
appends, after which version, and whom its audit entry names."""

from datetime import UTC, datetime

import pytest

from services.allocation.domain.errors import RuleViolation
from services.allocation.domain.events import RequestRejected, RequestUnderInvestigation
from services.allocation.domain.request import REJECTED, UNDER_INVESTIGATION, Request, stream_id
from services.allocation.domain.request_answer import AnswerRequest, decide_answer
from services.allocation.domain.request_decisions import (
    PutRequestUnderInvestigation, RejectRequest, decide_receive_allocation_request)
from shared.audit import AuditEntry

from .given import CLIENT, PROVIDER, ZWOLLE
from .test_requests import NOW, VOT

STREAM = stream_id(PROVIDER, "VOT-1")
LATE_EVENING = datetime(2026, 11, 3, 23, 30, tzinfo=UTC)
"""Already 4 November in the Netherlands."""


def stored() -> dict[str, list[object]]:
    decided = decide_receive_allocation_request(VOT, Request(), NOW, open_request_for_client=False)
    return {STREAM: [e.event for e in decided]}


def test_a_rejection_is_appended_after_the_request_and_audited_naming_its_client():
    audit = AuditEntry("toegang", ("access",), "request.reject", object=f"request {PROVIDER}/VOT-1")
    decision = decide_answer(AnswerRequest(RejectRequest(PROVIDER, "VOT-1", "2", None), audit), stored(), None,
                             LATE_EVENING)
    [append] = decision.appends
    assert (append.stream, append.expected, append.tenant) == (STREAM, 1, ZWOLLE)
    assert [type(e) for e in append.events] == [RequestRejected]
    assert append.events[0].answered_on.isoformat() == "2026-11-04"
    assert decision.result.status == REJECTED
    assert [(a.client_bsn, a.municipality, a.action) for a in decision.audit] == [(CLIENT, ZWOLLE, "request.reject")]


def test_investigating_twice_is_refused_by_the_decider():
    first = decide_answer(AnswerRequest(PutRequestUnderInvestigation(PROVIDER, "VOT-1")), stored(), None, LATE_EVENING)
    assert first.result.status == UNDER_INVESTIGATION
    assert [type(e) for e in first.appends[0].events] == [RequestUnderInvestigation]
    histories = {STREAM: [*stored()[STREAM], *first.appends[0].events]}
    with pytest.raises(RuleViolation) as refused:
        decide_answer(AnswerRequest(PutRequestUnderInvestigation(PROVIDER, "VOT-1")), histories, None, LATE_EVENING)
    assert refused.value.rule == "TR360"
