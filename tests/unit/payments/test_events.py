import json
import uuid
from datetime import UTC, date, datetime

import pytest

from services.payments.domain import events as ev
from shared.events.envelope import Envelope
from shared.events.serializer import MalformedEvent, from_payload, to_payload

SAMPLES = [
    ev.ApprovedLineBooked("L1", "87654321", "0193", "C1", "D1", -100, date(2026, 1, 1),
                          date(2026, 2, 1), credited_line_id="L0"),
    ev.AdvanceScheduled("advance:C1:2026-01-01", "C1", "87654321", "0193", date(2026, 1, 1),
                        date(2026, 1, 31), 50_000, date(2026, 1, 1)),
    ev.AdvancesSettled("settlement:C1:2026", "C1", "87654321", "0193", 2026, 10, 20, 10,
                       date(2027, 3, 1), "fin-1"),
    ev.PaymentRunCreated("R1", date(2026, 5, 31), ("L1", "L2"), 100, ("11111111",), "fin-1"),
    ev.PaymentRunReviewed("R1", "fin-2", "ok"),
    ev.PaymentRunApproved("R1", "fin-2", "checked"),
    ev.PaymentRunExported("R1", "MSG-R1", date(2026, 6, 2), 100, 1, "fin-1"),
    ev.PaymentRunConfirmed("R1", date(2026, 6, 3), "fin-1"),
    ev.PaymentRunCancelled("R1", "wrong", "fin-1"),
    ev.TransferReturned("R1", "87654321", ("L1", "L2"), 100, "AC04", date(2026, 6, 4), "fin-1", "STMT-1"),
    ev.TransferBooked("R1", "87654321", 100, date(2026, 6, 3), "STMT-1", "fin-1"),
    ev.BankStatementImported("STMT-1", "MSG-1", "NL67INGB0006543210", 12, 2, "fin-1"),
    ev.CeilingSet("C1", "87654321", 2026, 100_000, (80, 95)),
    ev.CeilingUsageRecorded("C1", 2026, "L1", "held", 100),
    ev.CeilingThresholdCrossed("C1", "87654321", 2026, 80, 80_000, 100_000),
    ev.CeilingOverdrawn("C1", "87654321", 2026, 100_000, 100_000),
    ev.LumpSumScheduled("lumpsum:l:2026-01-01", "l", "C1", "87654321", "regio", date(2026, 1, 1),
                        date(2026, 1, 31), 300, date(2026, 1, 1), {"0193": 200, "0150": 100}),
    ev.LumpSumSettled("lumpsettle:l:2026", "l", "C1", "87654321", "regio", 2026, 3_600, 4_000, 400,
                      "difference", date(2027, 3, 1), {"0193": 267, "0150": 133}, "fin-1"),
    ev.PgbTransferBooked("pgb:0193:2026-03:SVB-1", "SVB", "0193", "SVB", date(2026, 3, 1), 12_345,
                         date(2026, 3, 15), "SVB-1", "fin-1"),
    ev.DeclarationEvidenceRecorded("D1", "2026-041", "87654321", "0193", date(2026, 5, 2), "A1",
                                   {"debit": [{"code": "9321", "rule": "TR321"}], "credit": []},
                                   ({"reference": "L1", "evidence": {"approval": "matched"}},),
                                   ({"reference": "L2", "codes": ["9389"]},)),
    ev.RegionSectionRecorded("budgets", {"0193": {"2026": {"jeugd-ggz": 100}}}),
    ev.OutcomeScoresImported("I1", "scores.csv", "controller", ({"provider": "87654321", "code": None,
                                                                  "period": "2026", "satisfaction": 78,
                                                                  "goal_attainment": None, "respondents": 41},)),
    ev.OutcomeSettled("outcome-C1-uitval-2026", "C1", "uitval", "dropout", "87654321", "regio", date(2026, 1, 1),
                      date(2026, 12, 31), "20.0", "15", 5, -500_000, date(2027, 1, 10), "fin-1"),
]


def test_every_event_type_is_registered_with_an_explicit_version():
    registry = ev.registry()
    assert len(ev.TYPES) == len(SAMPLES) == len(registry.classes)
    assert {type(sample) for sample in SAMPLES} == set(registry.classes)
    for sample in SAMPLES:
        assert sample.TYPE.startswith("payments.") and sample.TYPE in registry
        assert registry.current_version(sample.TYPE) == sample.VERSION == 1


def test_every_event_survives_a_json_round_trip():
    for sample in SAMPLES:
        payload = json.loads(json.dumps(to_payload(sample)))
        assert from_payload(type(sample), payload) == sample


def _stored(type_name: str, payload: dict) -> Envelope:
    return Envelope(uuid.uuid4(), type_name, 1, "book-regio", 1, datetime(2026, 6, 1, tzinfo=UTC), payload)


def test_events_stored_by_the_earlier_serializer_still_load():
    """Payloads exactly as payments stored them before the one serializer: dates as ISO strings,
    tuples as lists, and the fields added after version 1 absent."""
    registry = ev.registry()
    line = registry.decode(_stored(ev.ApprovedLineBooked.TYPE, {
        "line_id": "L1", "provider": "87654321", "municipality": "0193", "contract_id": "C1",
        "declaration_id": "D1", "amount": 12_345, "period_start": "2026-01-01", "due_on": "2026-02-01",
        "credited_line_id": None, "against_advance": False}))
    assert line == ev.ApprovedLineBooked("L1", "87654321", "0193", "C1", "D1", 12_345, date(2026, 1, 1),
                                         date(2026, 2, 1))
    run = registry.decode(_stored(ev.PaymentRunCreated.TYPE, {
        "run_id": "R1", "due_up_to": "2026-05-31", "item_ids": ["L1", "L2"], "total": 100,
        "carried_forward": [], "by": "fin-1"}))
    assert run.item_ids == ("L1", "L2") and run.due_up_to == date(2026, 5, 31) and run.carried_forward == ()
    returned = registry.decode(_stored(ev.TransferReturned.TYPE, {
        "run_id": "R1", "provider": "87654321", "item_ids": ["L1"], "amount": 100, "reason": "AC04",
        "returned_on": "2026-06-04", "by": "fin-1"}))
    assert returned.statement_id is None and returned.item_ids == ("L1",)


def test_a_stored_payload_that_does_not_fit_its_event_is_refused():
    registry = ev.registry()
    with pytest.raises(MalformedEvent, match="payments.CeilingSet"):
        registry.decode(_stored(ev.CeilingSet.TYPE, {"contract_id": "C1", "provider": "87654321", "year": 2026,
                                                     "amount": "a lot", "warn_at": [80]}))
