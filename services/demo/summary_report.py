"""What the demo shows at the end: messages, lines by outcome and code, amounts, answers."""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass, field

import sqlalchemy as sa

from services.invoicing.adapters.tables import declarations, lines
from services.runtime import Runtime


@dataclass
class DemoSummary:
    messages: dict[str, int] = field(default_factory=dict)
    refused: int = 0
    lines: dict[str, int] = field(default_factory=dict)
    codes: dict[str, int] = field(default_factory=dict)
    amounts: dict[str, int] = field(default_factory=dict)
    declarations: dict[str, int] = field(default_factory=dict)
    payment_run: dict[str, object] = field(default_factory=dict)
    seconds: float = 0.0

    def as_json(self) -> dict[str, object]:
        return asdict(self)


async def collect(runtime: Runtime, summary: DemoSummary) -> DemoSummary:
    async with runtime.container("invoicing").db.engines.read.connect() as conn:
        rows = list(await conn.execute(sa.select(lines.c.status, lines.c.codes, lines.c.signed_amount)))
        statuses = list(await conn.execute(sa.select(declarations.c.status)))
    summary.lines = dict(Counter(r.status for r in rows)) | {"received": len(rows)}
    summary.codes = dict(sorted(Counter(c for r in rows if r.status == "rejected" for c in r.codes).items()))
    summary.amounts = {
        "declared": sum(r.signed_amount for r in rows),
        "approved": sum(r.signed_amount for r in rows if r.status == "approved"),
        "held": sum(r.signed_amount for r in rows if r.status == "held"),
    }
    summary.declarations = dict(Counter(s.status for s in statuses))
    return summary
