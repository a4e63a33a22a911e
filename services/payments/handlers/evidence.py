"""What the lawfulness evidence replays (domain/lawfulness.py) that is not in the payment book:
each settled declaration's evidence, and the region's budgets, products and policy as they
arrived — recorded as payments' own events in the consumer's transaction, once."""

from __future__ import annotations

from datetime import date
from typing import Any

from services.payments.adapters.book_store import new_events
from services.payments.context import Payments, PaymentsWork
from services.payments.domain import events as ev

RECORDED_SECTIONS = ("budgets", "products", "policy")


async def record_evidence(ctx: Payments, uow: PaymentsWork, settled: dict[str, Any]) -> None:
    ports = uow.ports
    if await ports.evidence.evidence_recorded(settled["declaration_id"]):
        return  # one answer per declaration: recorded already
    referrers = await ports.reference.referrer_types(settled["municipality"],
                                                     [line["allocation_number"] for line in settled["approved"]])
    event = ev.DeclarationEvidenceRecorded(
        settled["declaration_id"], settled["declaration_number"], settled["provider"], settled["municipality"],
        date.fromisoformat(settled["answered_on"]), settled.get("answer_id"), settled.get("checks") or {},
        tuple(_line(line, referrers) for line in settled["approved"]), tuple(settled.get("rejected") or ()))
    now = ctx.clock.now()
    uow.append(f"evidence-{event.declaration_id}", 0, new_events([event], now))
    await ports.projections.project([event], now)


def _line(line: dict[str, Any], referrers: dict[int, str]) -> dict[str, Any]:
    """The line without the client's BSN; an allocation whose version named no referrer (a JW301
    carries none) takes the referrer payments knows for it (the JW315 it honoured)."""
    kept = {k: v for k, v in line.items() if k != "bsn"}
    allocation = (kept.get("evidence") or {}).get("allocation")
    if allocation and not allocation.get("referrer_type") and allocation["number"] in referrers:
        evidence = {**kept["evidence"], "allocation": {**allocation, "referrer_type": referrers[allocation["number"]]}}
        kept = {**kept, "evidence": evidence}
    return kept


async def record_section(ctx: Payments, uow: PaymentsWork, name: str, content: Any) -> None:
    """Once per change: the same content again (a replay of the gateway's topic) records nothing."""
    if name not in RECORDED_SECTIONS:
        return
    ports = uow.ports
    recorded = await ports.evidence.recorded_sections()
    if next((c for section, c in reversed(recorded) if section == name), None) == content:
        return
    event, now = ev.RegionSectionRecorded(name, content), ctx.clock.now()
    uow.append(f"sections-{ctx.book.region}", len(recorded), new_events([event], now))
    await ports.projections.project([event], now)
