"""What the lawfulness evidence replays (domain/lawfulness.py) that is not in the payment book:
each settled declaration's evidence, and the region's budgets, products and policy as they
arrived — recorded as payments' own events in the consumer's transaction, once."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from services.payments.context import Payments, PaymentsWork
from services.payments.domain import events as ev
from services.payments.domain.evidence_lines import evidence_line
from services.payments.ports import PaymentsPorts
from shared.commands import Append, Command, Decision
from shared.events.serializer import to_payload
from shared.exchange.invoicing import LINES_PER_PART, DeclarationSettled, Evidence

RECORDED_SECTIONS = ("budgets", "products", "policy")


@dataclass(frozen=True)
class EvidenceContext:
    recorded: bool
    """One answer per declaration: its evidence is recorded once, each part of it once."""
    referrers: Mapping[int, str]
    """The referrer type payments knows per allocation of the declaration's lines."""


async def evidence_context(ports: PaymentsPorts, settled: DeclarationSettled) -> EvidenceContext:
    """Part n of a declaration in parts is recorded as the n-th event of its evidence (each part
    is one: `in_parts` and `PART` cut at the same size), so it is recorded once there are n; a
    whole declaration (part 1 of 1) once there is any."""
    if await ports.evidence.evidence_events(settled.declaration_id) >= settled.part:
        return EvidenceContext(True, {})
    numbers = list(dict.fromkeys(line.allocation_number for line in settled.approved))
    return EvidenceContext(False, await ports.reference.referrer_types(settled.municipality, numbers))


PART = LINES_PER_PART
"""Lines (and rejected lines) per evidence event: a declaration's evidence is one event up to
here, and more in its stream beyond it, each written on its own (`Append.chunk`): the evidence of
a 100,000-line declaration as one payload is some 50 MB of JSON, held more than once while the
commit wrote it: the commit raised the settlement's high-water mark by 140 MB (bench memory's
chain). The size of a settlement's part, so that a part's evidence is one event; a whole
declaration of version 1 is recorded in as many events as its parts would have been."""


def evidence_appends(settled: DeclarationSettled, known: EvidenceContext) -> list[Append]:
    """The declaration's evidence as payments' own events (domain/evidence_lines.py `joined`
    reads them as one), its lines as invoicing sent them (shared/exchange/invoicing.py
    `SettledLine`) without the client's BSN."""
    if known.recorded:
        return []
    if settled.parts > 1 and max(len(settled.approved), len(settled.rejected)) > PART:
        raise ValueError(f"part {settled.part} of declaration {settled.declaration_id} carries more than "
                         f"{PART} lines of a kind: its evidence would not be one event")
    filled: dict[Evidence, Evidence] = {}
    lines = tuple(evidence_line(line, known.referrers, filled) for line in settled.approved)
    checks = to_payload(settled.checks) if settled.checks else {}
    parts = [ev.DeclarationEvidenceRecorded(
        settled.declaration_id, settled.declaration_number, settled.provider, settled.municipality,
        settled.answered_on, settled.answer_id, checks, lines[start:start + PART],
        settled.rejected[start:start + PART])
        for start in range(0, max(len(lines), len(settled.rejected), 1), PART)]
    return [Append(f"evidence-{settled.declaration_id}", settled.part - 1, parts, settled.municipality,
                   1 if len(parts) > 1 else None)]


async def record_section(ctx: Payments, uow: PaymentsWork, name: str, content: Any) -> None:
    """Once per change: the same content again (a replay of the gateway's topic) records nothing."""
    if name in RECORDED_SECTIONS:
        await ctx.commands.within(uow, on_section(f"sections-{ctx.book.region}"), (name, content))


def on_section(stream: str) -> Command:
    """The region's sections as they arrived are one stream, read as recorded (`context`)."""
    async def recorded(ports: PaymentsPorts, given: tuple[str, Any]) -> list[tuple[str, Any]]:
        return await ports.evidence.recorded_sections()

    def decide(given: tuple[str, Any], _: Any, known: list[tuple[str, Any]], now: datetime) -> Decision[None]:
        name, content = given
        if next((c for section, c in reversed(known) if section == name), None) == content:
            return Decision(None)
        return Decision(None, appends=[Append(stream, len(known), [ev.RegionSectionRecorded(name, content)])])

    return Command(lambda _: [], decide, recorded)
