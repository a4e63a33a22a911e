"""A settled declaration larger than a chunk (handlers/settlements.py `CHUNK`) is booked, counted
under its ceiling, kept as evidence and in the budget exactly as one within a chunk: its events
are written and projected a chunk at a time in the one transaction, its lines' rows likewise."""

from __future__ import annotations

from services.payments.handlers import settlements
from tests.integration.payments.conftest import CONTROLLER, line, publish_settled, settled

AMOUNTS = [1_000_000, 2_000_000, 3_000_000, 4_000_000, -1_000_000]


async def test_a_declaration_of_several_chunks_is_settled_as_one(region, monkeypatch):
    runtime, client = region
    monkeypatch.setattr(settlements, "CHUNK", 2)
    lines = [line(f"D{n}", amount, code="54D01", previous="D1" if amount < 0 else None)
             for n, amount in enumerate(AMOUNTS, start=1)]
    await publish_settled(runtime, settled("98000005", "0193", lines, declaration_id="D-chunks"))

    stored = await runtime.container("payments").db.read_all(limit=10_000)
    booked = [e for e in stored if e.type == "payments.ApprovedLineBooked"]
    assert [e.payload["line_id"] for e in booked] == [f"98000005:D{n}" for n in range(1, 6)]
    assert [e.stream_version for e in booked] == list(range(booked[0].stream_version, booked[0].stream_version + 5))
    usages = [e for e in stored if e.type == "payments.CeilingUsageRecorded"]
    assert [e.payload["amount"] for e in usages] == AMOUNTS
    [evidence] = [e for e in stored if e.type == "payments.DeclarationEvidenceRecorded"]
    assert [entry["reference"] for entry in evidence.payload["lines"]] == [f"D{n}" for n in range(1, 6)]

    ceilings = (await client.get("/payments/v1/reports/ceilings", params={"year": 2026}, headers=CONTROLLER)).json()
    assert next(r for r in ceilings["rows"] if r["provider"] == "98000005")["used"] == sum(AMOUNTS)
    budget = (await client.get("/payments/v1/reports/budget", params={"year": 2026, "municipality": "0193"},
                               headers=CONTROLLER)).json()
    assert sum(r["realised"] for r in budget["rows"]) == sum(AMOUNTS)
