"""A settled declaration larger than a chunk (handlers/settlements.py `CHUNK`) is booked, counted
under its ceiling, kept as evidence and in the budget exactly as one within a chunk: its events
are written and projected a chunk at a time in the one transaction, its lines' rows likewise, and
its evidence is recorded in parts (handlers/evidence.py `PART`) read back as one."""

from __future__ import annotations

from services.payments.handlers import evidence, settlements
from tests.integration.payments.conftest import CONTROLLER, TODAY, line, publish_settled, settled

AMOUNTS = [1_000_000, 2_000_000, 3_000_000, 4_000_000, -1_000_000]


async def test_a_declaration_of_several_chunks_is_settled_as_one(region, monkeypatch):
    runtime, client = region
    monkeypatch.setattr(settlements, "CHUNK", 2)
    monkeypatch.setattr(evidence, "PART", 2)
    lines = [line(f"D{n}", amount, code="54D01", previous="D1" if amount < 0 else None)
             for n, amount in enumerate(AMOUNTS, start=1)]
    message = settled("98000005", "0193", lines, declaration_id="D-chunks")
    message["rejected"] = [{"reference": f"R{n}", "period_begin": "2026-03-01", "codes": ["0200"], "amount": 100}
                           for n in range(1, 4)]
    await publish_settled(runtime, message)

    stored = await runtime.container("payments").db.read_all(limit=10_000)
    booked = [e for e in stored if e.type == "payments.ApprovedLineBooked"]
    assert [e.payload["line_id"] for e in booked] == [f"98000005:D{n}" for n in range(1, 6)]
    assert [e.stream_version for e in booked] == list(range(booked[0].stream_version, booked[0].stream_version + 5))
    usages = [e for e in stored if e.type == "payments.CeilingUsageRecorded"]
    assert [e.payload["amount"] for e in usages] == AMOUNTS
    parts = [e.payload for e in stored if e.type == "payments.DeclarationEvidenceRecorded"]
    assert [([x["reference"] for x in p["lines"]], [x["reference"] for x in p["rejected"]]) for p in parts] == [
        (["D1", "D2"], ["R1", "R2"]), (["D3", "D4"], ["R3"]), (["D5"], [])]
    recorded = (await runtime.container("payments").context.queries.recorded.evidence("0193", TODAY))["D-chunks"]
    assert [x["reference"] for x in recorded.lines] == [f"D{n}" for n in range(1, 6)]
    assert [x["reference"] for x in recorded.rejected] == ["R1", "R2", "R3"]
    assert "999900006" not in str(recorded.lines)

    ceilings = (await client.get("/payments/v1/reports/ceilings", params={"year": 2026}, headers=CONTROLLER)).json()
    assert next(r for r in ceilings["rows"] if r["provider"] == "98000005")["used"] == sum(AMOUNTS)
    budget = (await client.get("/payments/v1/reports/budget", params={"year": 2026, "municipality": "0193"},
                               headers=CONTROLLER)).json()
    assert sum(r["realised"] for r in budget["rows"]) == sum(AMOUNTS)
