"""Events: explicit names and versions, and payloads that answer "why, against what"."""

import json
from datetime import UTC, date, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from services.invoicing.domain import events as ev
from services.invoicing.domain.answer import build_answer
from services.invoicing.domain.declaration import Client
from services.invoicing.domain.decisions import (decide_answer, decide_held_approved, decide_held_rejected,
                                                 decide_receipt, receipt_events, receipt_length)
from shared.events.envelope import Envelope, NewEvent
from shared.events.serializer import to_payload
from tests.unit.invoicing.builders import BSN, declaration, line, match

RECEIVED = date(2026, 5, 6)
REGISTRY = ev.registry()


def stored(event):
    """The event as a store gives it back: its payload through JSON."""
    new = NewEvent.of(event, datetime(2026, 5, 6, 9, 0, tzinfo=UTC))
    return Envelope.from_json(Envelope.of("declaration-1", 1, new).to_json())
HELD = line("R2", code="55A12", volume=1, amount=7500)


def receipt(decl):
    return decide_receipt(decl, match(decl), RECEIVED, margin_working_days=2)


def test_every_event_type_is_registered_with_an_explicit_name_and_version():
    registered = {(t.name, t.version) for t in ev.TYPES}
    assert registered >= {("invoicing.LineApproved", 1), ("invoicing.LineHeld", 1)}


def test_receipt_emits_declaration_received_with_the_answer_deadline():
    received = receipt(declaration())[0]
    assert isinstance(received, ev.DeclarationReceived)
    assert (received.answer_due, received.total) == (date(2026, 5, 21), 60000)  # Ascension Day skipped


def test_approved_line_records_allocation_version_and_tariff():
    approved = receipt(declaration())[1]
    basis = approved.basis
    assert isinstance(approved, ev.LineApproved)
    assert (basis.allocation_decided_on, basis.tariff_cents) == (date(2026, 4, 1), 7500)


def test_held_line_records_findings_and_auto_rejection_day():
    held = receipt(declaration(line("R1", volume=1, amount=7500), HELD))[2]
    assert isinstance(held, ev.LineHeld)
    assert (held.codes, held.auto_reject_on) == (("9340", "0611"), date(2026, 5, 19))


def test_rejected_line_payload_says_which_rule_failed_and_is_json():
    rejected = receipt(declaration(line(amount=1)))[1]
    data = json.loads(json.dumps(to_payload(rejected)))
    why = (data["codes"], data["findings"][0]["rule"], data["basis"]["allocation_number"])
    assert why == (["9346"], "TR346", 300201)


def test_level_2_failure_emits_declaration_rejected_with_the_violated_rules():
    refused = receipt(declaration(bsn="123456789"))[1]
    assert (refused.level, refused.codes, refused.violations) == ("message", ("0001",), ("CS002",))


OTHER_CLIENT = Client("111222333", (line("R9"),))  # not the allocation's client: 8187


@pytest.mark.parametrize("decl", [declaration(line("R1", volume=1, amount=7500), HELD),
                                  declaration(bsn="123456789"),
                                  declaration(clients=(Client(BSN, (line(),)), OTHER_CLIENT))],
                         ids=["lines", "refused", "client-rejected"])
def test_the_receipts_events_come_one_at_a_time_as_listed_and_their_number_is_known_before(decl):
    result = match(decl)
    made = receipt_events(decl, result, RECEIVED, margin_working_days=2)
    assert next(made) == receipt(decl)[0]
    assert [receipt(decl)[0], *made] == receipt(decl)
    assert receipt_length(result) == len(receipt(decl))


def test_a_client_rejected_is_in_the_receipt_between_its_declaration_and_its_lines():
    decl = declaration(clients=(Client(BSN, (line(),)), OTHER_CLIENT))
    kinds = [type(e) for e in receipt(decl)]
    assert kinds == [ev.DeclarationReceived, ev.ClientRejected, ev.LineApproved, ev.LineRejected]


def test_override_of_a_held_line_needs_a_reason():
    held = match(declaration(line("R1", volume=1, amount=7500), HELD)).lines[1]
    with pytest.raises(ValueError):
        decide_held_approved("DN001", held, "finance-1", " ")


def test_deadline_rejection_keeps_the_matchers_codes():
    held = match(declaration(line("R1", volume=1, amount=7500), HELD)).lines[1]
    assert decide_held_rejected("DN001", held, "deadline", "margin reached").codes == ("9340", "0611")


def test_declaration_answered_records_totals_and_rejected_references():
    decl = declaration(line("R1", volume=1, amount=7500), line("R2", code="55A12", amount=1))
    answered = decide_answer(decl, build_answer(decl, match(decl)), date(2026, 5, 7))
    assert (answered.granted, answered.rejected_references) == (7500, ("R2",))


def test_payload_holds_only_the_event_fields():
    received = to_payload(receipt(declaration())[0])
    assert "TYPE" not in received and received["received_on"] == "2026-05-06"


@given(st.builds(ev.LineRecord), st.builds(ev.Basis), st.tuples(st.builds(ev.FindingRecord)), st.dates())
def test_every_line_event_comes_back_from_its_payload_as_it_was(line, basis, findings, day):
    """The records of a line event are written out field by field: a field left out of the
    payload would be lost to a rebuild."""
    for event in (ev.LineApproved(line, basis, findings, ("9321 within 5%",)),
                  ev.LineRejected(line, basis, ("9346",), findings), ev.LineHeld(line, basis, ("9338",), findings, day)):
        assert REGISTRY.decode(stored(event)) == event
