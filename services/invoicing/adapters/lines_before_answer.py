"""The lines of a declaration as they stand now, for `invoicing.LinesDecided`
(domain/before_answer.py)."""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from services.invoicing.adapters.queue import outcome_of
from services.invoicing.adapters.tables import lines
from services.invoicing.domain.outcome import LineOutcome


async def line_outcomes(conn: AsyncConnection, declaration_id: str, references: Sequence[str]) -> list[LineOutcome]:
    """The lines of one declaration as they stand now, in the order of `references`."""
    found: dict[str, LineOutcome] = {}
    for start in range(0, len(references), 500):
        query = sa.select(lines).where(lines.c.declaration_id == declaration_id,
                                       lines.c.reference.in_(references[start:start + 500]))
        found |= {row.reference: outcome_of(row) for row in await conn.execute(query)}
    return [found[r] for r in references if r in found]
