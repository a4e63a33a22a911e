"""A staff change to an allocation as one command (domain/allocation_change.py): what it appends,
signed by whom, what it publishes, whom its audit names, and when its JW301 counts as made."""

from datetime import UTC, datetime

import pytest

from services.allocation.domain import register
from services.allocation.domain.allocation import stream_id
from services.allocation.domain.allocation_change import AllocationFacts, ChangeAllocation, decide_change, streams
from services.allocation.domain.allocation_commands import ExtendAllocation
from services.allocation.domain.errors import RuleViolation
from services.allocation.domain.events import AllocationExtended
from shared.audit import AuditEntry
from shared.exchange.allocation import AllocationPublished

from .given import CLIENT, ZWOLLE, issue, issued

STREAM = stream_id(ZWOLLE, 300201)
LATE_EVENING = datetime(2026, 5, 1, 22, 30, 15, 500, tzinfo=UTC)
"""Already 2 May, 00:30:15, in the Netherlands."""


def extend(end: str = "2026-09-30") -> ChangeAllocation:
    audit = AuditEntry("toegang", ("access",), "allocation.extend", object=f"allocation {ZWOLLE}/300201",
                       municipality=ZWOLLE)
    return ChangeAllocation(ExtendAllocation(ZWOLLE, 300201, datetime.fromisoformat(end).date()), "ijsselland",
                            "toegang", audit)


def test_an_extension_is_signed_published_as_the_effective_version_and_audited_naming_the_client():
    decision = decide_change(extend(), {STREAM: [issued().event]}, AllocationFacts(), LATE_EVENING)
    [append] = decision.appends
    assert (append.stream, append.expected, append.tenant) == (STREAM, 1, ZWOLLE)
    [event] = append.events
    assert isinstance(event, AllocationExtended) and event.recorded_by == "toegang"
    [published] = decision.publish
    assert isinstance(published.event, AllocationPublished) and published.key == STREAM
    assert (published.event.end.isoformat(), published.event.change) == ("2026-09-30", "extended")
    assert [(a.client_bsn, a.action) for a in decision.audit] == [(CLIENT, "allocation.extend")]
    result = decision.result
    assert result.changed and result.current.allocated_on.isoformat() == "2026-05-02"
    assert result.decided_at.replace(tzinfo=None) == datetime(2026, 5, 2, 0, 30, 15, 500)


def test_an_extension_that_does_not_move_the_end_later_is_refused():
    with pytest.raises(RuleViolation) as refused:
        decide_change(extend("2026-05-01"), {STREAM: [issued().event]}, AllocationFacts(), LATE_EVENING)
    assert refused.value.rule == "OP380"


def test_issuing_reads_the_register_stream_beside_the_allocations_own_and_refuses_what_is_not_contracted():
    command = ChangeAllocation(issue(), "ijsselland")
    assert streams(command) == [STREAM, register.stream_id("ijsselland")]
    with pytest.raises(RuleViolation) as refused:
        decide_change(command, {STREAM: [], register.stream_id("ijsselland"): []}, AllocationFacts(), LATE_EVENING)
    assert refused.value.rule == "HF-CONTRACT"
