"""The integration events invoicing publishes (shared/exchange/invoicing.py): typed, in the
payload shape consumers have read since version 1, and older messages without the fields added
later still read, with the meaning those messages had."""

from datetime import UTC, date, datetime

from services.invoicing.domain.before_answer import DeclarationKey, lines_decided, lines_held
from services.invoicing.handlers.answer import AnswerDeclaration, decide, settled_event
from shared.events.envelope import Envelope, NewEvent
from shared.events.registry import EventRegistry
from shared.exchange import invoicing as xi
from shared.exchange.contract import MessageIssued
from tests.unit.invoicing.builders import declaration, line, match

REGISTRY = EventRegistry.of(xi.CLASSES, xi.UPCASTERS)
AT = datetime(2026, 5, 7, 9, 0, tzinfo=UTC)
KEY = DeclarationKey("M1", "DN001", "42420001", "0384")
HELD = line("R2", code="55A12", volume=1, amount=7500)


def sent(event):
    return Envelope.from_json(Envelope.of("declaration-M1", 1, NewEvent.of(event, AT)).to_json())


def test_a_settled_declaration_carries_its_lines_evidence_and_rejections_as_plain_json():
    decl = declaration(line("R1", volume=1, amount=7500), line("R2", code="55A12", amount=1))
    event = settled_event("M1", decl, match(decl), date(2026, 5, 6), date(2026, 5, 7), 7500, "A1")
    payload = sent(event).payload
    approved = payload["approved"][0]
    assert (payload["received_on"], payload["granted"], payload["answer_id"]) == ("2026-05-06", 7500, "A1")
    assert (approved["reference"], approved["period_begin"], approved["amount"]) == ("R1", "2026-04-01", 7500)
    assert approved["evidence"]["approval"] == "matched"
    assert approved["evidence"]["allocation"]["decided_at"] == "12:34:56"
    rejected = payload["rejected"][0]
    assert (rejected["reference"], rejected["period_begin"], rejected["amount"]) == ("R2", "2026-04-01", 1)
    assert "9346" in rejected["codes"]
    assert {"code": "9346", "rule": "TR346"} in payload["checks"]["debit"]
    assert REGISTRY.decode(sent(event)) == event


def test_a_settled_declaration_of_before_the_optional_fields_reads_with_their_old_meaning():
    old = {"declaration_id": "M1", "declaration_number": "DN001", "provider": "42420001", "municipality": "0384",
           "received_on": "2026-05-06", "answered_on": "2026-05-07", "submitted": 7500, "granted": 7500,
           "approved": [{"reference": "R1", "previous_reference": None, "bsn": "999900006",
                         "allocation_number": 300201, "category": "55", "code": "55A11",
                         "period_begin": "2026-04-01", "period_end": "2026-04-30", "volume": 1, "unit": "04",
                         "amount": 7500}]}
    envelope = Envelope.of("declaration-M1", 1, NewEvent(xi.DECLARATION_SETTLED, 1, old, AT))
    settled = REGISTRY.decode(envelope)
    assert (settled.rejected, settled.answer_id, settled.checks) == ((), None, None)
    assert (settled.approved[0].ceiling_exempt, settled.approved[0].evidence) == (False, None)
    assert settled.approved[0].period_end == date(2026, 4, 30)


def test_held_and_decided_lines_before_the_answer_name_their_product_and_no_client():
    decl = declaration(line("R1", volume=1, amount=7500), HELD)
    result = match(decl)
    held, decided = lines_held(KEY, result.lines), lines_decided(KEY, result.lines)
    assert [h["reference"] for h in sent(held).payload["held"]] == ["R2"]
    first = sent(held).payload["held"][0]
    assert (first["code"], first["volume"], first["amount"]) == ("55A12", 1, 7500)
    assert [a["reference"] for a in sent(decided).payload["approved"]] == ["R1"]
    assert "bsn" not in sent(decided).payload["approved"][0]
    assert REGISTRY.decode(sent(held)) == held and REGISTRY.decode(sent(decided)) == decided


def test_nothing_final_or_held_announces_nothing():
    assert lines_decided(KEY, ()) is None and lines_held(KEY, ()) is None


def test_a_big_settlement_follows_the_jw325_in_parts_in_order_under_the_declarations_key(monkeypatch):
    monkeypatch.setattr(xi, "LINES_PER_PART", 2)
    decl = declaration(line("R1", volume=1, amount=7500), line("R2", code="55A12", amount=1),
                       line("R3", allocation_number=999999, amount=2),
                       line("R4", code="45A03", category="45", amount=3))
    command = AnswerDeclaration("M1", decl, match(decl), date(2026, 5, 6), 4)
    published = decide(command, {}, None, AT).publish
    whole = settled_event("M1", decl, match(decl), date(2026, 5, 6), date(2026, 5, 7), 7500, command.answer_id)
    assert [type(p.event) for p in published] == [MessageIssued, xi.DeclarationSettled, xi.DeclarationSettled]
    assert {(p.key, p.version) for p in published} == {("declaration-M1", 5)}
    parts = [p.event for p in published[1:]]
    assert [(p.part, p.parts, p.granted, p.submitted) for p in parts] == [(1, 2, 7500, 7506), (2, 2, 7500, 7506)]
    assert [[a.reference for a in p.approved] for p in parts] == [["R1"], []]
    assert [[r.reference for r in p.rejected] for p in parts] == [["R2", "R3"], ["R4"]]
    assert [r for p in parts for r in p.rejected] == list(whole.rejected)
    assert all(p.checks == whole.checks and p.answer_id == whole.answer_id for p in parts)


def test_a_settled_declaration_of_version_1_reads_as_the_whole_declaration_part_1_of_1():
    decl = declaration(line("R1", volume=1, amount=7500))
    event = settled_event("M1", decl, match(decl), date(2026, 5, 6), date(2026, 5, 7), 7500, "A1")
    old = {k: v for k, v in sent(event).payload.items() if k not in ("part", "parts")}
    lifted = REGISTRY.decode(Envelope.of("declaration-M1", 1, NewEvent(xi.DECLARATION_SETTLED, 1, old, AT)))
    assert (lifted.part, lifted.parts) == (1, 1) and lifted == event
    assert xi.in_parts(event) == (event,)


def test_a_declaration_without_lines_still_settles_in_one_part():
    empty = xi.DeclarationSettled("M1", "DN001", "42420001", "0384", date(2026, 5, 6), date(2026, 5, 7), 0, 0, ())
    assert xi.in_parts(empty, 2) == (empty,)
