"""What the others learn of a declaration's lines before its JW325 (shared/exchange/invoicing.py):
`invoicing.LinesHeld` when lines wait for a person, `invoicing.LinesDecided` when lines are final
while the declaration is still open. A declaration with many held lines may wait ten working
days for its answer; its approved lines are owed from the moment they are final, and the budget
and ceiling figures must say so in the meantime (payments counts them from these events)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from services.invoicing.adapters.queue import outcome_of
from services.invoicing.adapters.tables import lines
from services.invoicing.domain.outcome import LineOutcome
from services.invoicing.domain.policy import Status


@dataclass(frozen=True)
class DeclarationKey:
    declaration_id: str
    number: str
    provider: str
    municipality: str

    def payload(self) -> dict[str, Any]:
        return {"declaration_id": self.declaration_id, "declaration_number": self.number,
                "provider": self.provider, "municipality": self.municipality}


def lines_held(key: DeclarationKey, outcomes: Iterable[LineOutcome]) -> dict[str, Any]:
    return {**key.payload(), "held": [
        {"reference": o.line.reference, "period_begin": o.line.period.begin.isoformat(),
         "amount": o.line.signed_amount, "ceiling_exempt": o.ceiling_exempt, **_product(o)}
        for o in outcomes if o.status is Status.HELD]}


def lines_decided(key: DeclarationKey, outcomes: Iterable[LineOutcome]) -> dict[str, Any] | None:
    """The final lines among `outcomes`; None when there are none."""
    outcomes = list(outcomes)
    approved = [_approved(o) for o in outcomes if o.status is Status.APPROVED]
    rejected = [{"reference": o.line.reference, "period_begin": o.line.period.begin.isoformat()}
                for o in outcomes if o.status is Status.REJECTED]
    return {**key.payload(), "approved": approved, "rejected": rejected} if approved or rejected else None


def _approved(o: LineOutcome) -> dict[str, Any]:
    return {"reference": o.line.reference, "previous_reference": o.line.previous_reference,
            "period_begin": o.line.period.begin.isoformat(), "period_end": o.line.period.end.isoformat(),
            "amount": o.line.signed_amount, "ceiling_exempt": o.ceiling_exempt, **_product(o)}


def _product(o: LineOutcome) -> dict[str, Any]:
    line = o.line
    return {"allocation_number": line.allocation_number, "category": line.category, "code": line.code,
            "unit": line.unit.value, "volume": line.volume}


async def line_outcomes(conn: AsyncConnection, declaration_id: str, references: Sequence[str]) -> list[LineOutcome]:
    """The lines of one declaration as they stand now, in the order of `references`."""
    found: dict[str, LineOutcome] = {}
    for start in range(0, len(references), 500):
        query = sa.select(lines).where(lines.c.declaration_id == declaration_id,
                                       lines.c.reference.in_(references[start:start + 500]))
        found |= {row.reference: outcome_of(row) for row in await conn.execute(query)}
    return [found[r] for r in references if r in found]
