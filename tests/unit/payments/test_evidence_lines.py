"""A settled declaration's evidence is decided with typed lines (domain/evidence_lines.py) and must
be stored as the same bytes as the evidence stored so far — each line invoicing sent, as a JSON
object, without the BSN, the referrer filled in where the allocation named none — so stored
events still load and the lawfulness reports read what they read before."""

from __future__ import annotations

from datetime import date, time
from typing import Any

import msgspec

from services.payments.domain import events as ev
from services.payments.handlers import evidence
from services.payments.handlers.evidence import EvidenceContext, evidence_appends
from services.payments.handlers.settlements import settlement_consumer
from shared.events.envelope import Envelope, NewEvent
from shared.exchange import invoicing as xi
from tests.unit.payments.in_memory import consume, payments_in_memory

AT = date(2026, 4, 1)
REGISTRY = ev.registry()


def _evidence(number: int, referrer: str | None) -> xi.Evidence:
    return xi.Evidence("tolerance", xi.AllocationEvidence(number, date(2026, 1, 2), time(10, 0), referrer),
                       xi.TariffEvidence("45A01", "04", 5_000, date(2026, 1, 1)),
                       xi.CeilingEvidence("C1", 2026, 100_000, 90_000), ("0201",), ("amount",),
                       xi.OverrideEvidence("fin-1", "akkoord"))


def _settled() -> xi.DeclarationSettled:
    lines = (
        xi.SettledLine("A1", None, "999900006", 300201, "45", "45A01", date(2026, 3, 1), date(2026, 3, 28), 2, "04",
                       60_000, False, _evidence(300201, None)),
        xi.SettledLine("A2", None, "999900018", 300202, "45", "45A01", date(2026, 3, 1), date(2026, 3, 28), 1, "04",
                       40_000, True, _evidence(300202, "01")),
        xi.SettledLine("A3", "A0", "999900006", 300203, "45", "45A01", date(2026, 2, 1), date(2026, 2, 28), 1, "04",
                       -5_000, False, _evidence(300203, None)),
        xi.SettledLine("A4", None, "999900006", 300201, "45", "45A01", date(2026, 3, 1), date(2026, 3, 28), 1, "04",
                       30_000),
    )
    return xi.DeclarationSettled("D-1", "D1", "87654321", "0193", date(2026, 3, 31), AT, 0, 0, lines,
                                 (xi.SettledRejection("X1", date(2026, 3, 1), ("0200",), 4_000),), "answer-1",
                                 xi.Checks((xi.Check("0201", "tariff"),), (xi.Check("8001", "credit"),)))


def _as_stored_so_far(settled: xi.DeclarationSettled, referrers: dict[int, str]) -> ev.DeclarationEvidenceRecorded:
    """The evidence as payments recorded it before its lines were typed: invoicing's lines as
    dicts, the BSN deleted and a missing referrer set in place."""
    lines: list[dict[str, Any]] = []
    for line in msgspec.to_builtins(settled.approved):
        del line["bsn"]
        allocation = (line.get("evidence") or {}).get("allocation")
        if allocation and not allocation.get("referrer_type") and allocation["number"] in referrers:
            allocation["referrer_type"] = referrers[allocation["number"]]
        lines.append(line)
    return ev.DeclarationEvidenceRecorded(
        settled.declaration_id, settled.declaration_number, settled.provider, settled.municipality,
        settled.answered_on, settled.answer_id, msgspec.to_builtins(settled.checks), tuple(lines),
        tuple(msgspec.to_builtins(settled.rejected)))


def _stored_json(event: Any) -> bytes:
    return Envelope.of("evidence-D-1", 1, NewEvent.of(event, AT)).to_json()


def test_the_evidence_is_stored_as_the_same_bytes_as_before_and_reads_back_as_before():
    settled, referrers = _settled(), {300201: "02", 300203: "03"}
    [append] = evidence_appends(settled, EvidenceContext(False, referrers))
    [decided] = append.events
    before = _as_stored_so_far(settled, referrers)

    assert msgspec.json.encode(decided) == msgspec.json.encode(before)
    stored = Envelope.from_json(_stored_json(decided))
    assert stored.received_json() == Envelope.from_json(_stored_json(before)).received_json()
    assert REGISTRY.decode(stored) == REGISTRY.decode(Envelope.from_json(_stored_json(before)))
    read = REGISTRY.decode(stored)
    assert all(type(line) is dict and "bsn" not in line for line in read.lines)
    assert [line["evidence"] and line["evidence"]["allocation"]["referrer_type"] for line in read.lines] == [
        "02", "01", "03", None]
    assert b"999900006" not in bytes(stored.received_json())  # type: ignore[arg-type]


def test_lines_with_equal_evidence_share_the_one_with_the_referrer_filled():
    """Each received line has its own evidence object; the filled ones are not made once a line."""
    lines = tuple(xi.SettledLine(reference, None, "999900006", 300201, "45", "45A01", date(2026, 3, 1),
                                 date(2026, 3, 28), 2, "04", 60_000, False, _evidence(300201, None))
                  for reference in ("A1", "A2"))
    declaration = xi.DeclarationSettled("D-1", "D1", "87654321", "0193", date(2026, 3, 31), AT, 0, 0, lines)
    [append] = evidence_appends(declaration, EvidenceContext(False, {300201: "02"}))
    first, second = append.events[0].lines
    assert first.evidence is second.evidence
    assert first.evidence.allocation.referrer_type == "02"
    assert lines[0].evidence.allocation.referrer_type is None


async def test_a_declarations_evidence_recorded_in_parts_reads_back_as_one_in_memory(monkeypatch):
    monkeypatch.setattr(evidence, "PART", 1)
    ctx, store = await payments_in_memory()
    message = _settled()
    await consume(store, settlement_consumer(ctx), Envelope.from_json(_stored_json(message)))
    parts = [REGISTRY.decode(e) for e in await store.read_all() if e.type == ev.DeclarationEvidenceRecorded.TYPE]
    assert [len(p.lines) for p in parts] == [1, 1, 1, 1]
    recorded = (await ctx.queries.recorded.evidence("0193", date(2026, 12, 31)))["D-1"]
    assert [line["reference"] for line in recorded.lines] == ["A1", "A2", "A3", "A4"]
    assert [line["reference"] for line in recorded.rejected] == ["X1"]
    assert recorded.checks == msgspec.to_builtins(message.checks)
