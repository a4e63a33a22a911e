"""Read side of the exception queue: held lines with what the matcher found and compared them
against, filtered by the caller's municipalities; and a declaration's state and received JW323,
to re-match and answer it."""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from services.invoicing.adapters.records import basis_of, line_from_json
from services.invoicing.adapters.tables import allocation_versions, declaration_bodies, declarations, lines
from services.invoicing.domain import retourcodes as rc
from services.invoicing.domain.findings import Finding
from services.invoicing.domain.evidence import Approval
from services.invoicing.domain.outcome import LineOutcome, MatchResult
from services.invoicing.domain.policy import Status
from services.invoicing.ports import QueueFilter


ln, d = lines.c, declarations.c
# Every order ends on the line's key, so pages of one ordering never overlap or skip a line.
SORTS: dict[str, tuple[Any, ...]] = {
    "due": (ln.due_on, d.received_on),
    "-due": (ln.due_on.desc(), d.received_on.desc()),
    "amount": (ln.signed_amount,),
    "-amount": (ln.signed_amount.desc(),),
    "received": (d.received_on,),
    "-received": (d.received_on.desc(),),
    "municipality": (ln.municipality, ln.due_on),
    "provider": (ln.provider, ln.due_on),
}


LINE_COLUMNS = (ln.declaration_id, ln.reference, ln.provider, ln.municipality, ln.bsn, ln.allocation_number,
                ln.status, ln.codes, ln.signed_amount, ln.due_on, ln.line, ln.basis, ln.claimed_by, ln.comments,
                d.number, d.received_on, d.due_on.label("answer_due"), ln.first_approved_by, ln.first_reason)


def _scoped(municipalities: frozenset[str], *columns: Any) -> sa.Select[Any]:
    return (sa.select(*columns).join(declarations, d.declaration_id == ln.declaration_id)
            .where(ln.municipality.in_(sorted(municipalities))))


def _held(f: QueueFilter, *columns: Any) -> sa.Select[Any]:
    query = _scoped(f.municipalities, *columns).where(ln.status == Status.HELD.value)
    conditions = [
        (f.municipality, lambda: ln.municipality == f.municipality),
        (f.provider, lambda: ln.provider == f.provider),
        # codes are a JSON list of 4-character codes: '"9321"' matches one element exactly
        (f.code, lambda: sa.cast(ln.codes, sa.Text).contains(f'"{f.code}"', autoescape=True)),
        (f.received_before, lambda: d.received_on < f.received_before),
        (f.due_before, lambda: ln.due_on <= f.due_before),
        (f.min_amount, lambda: ln.signed_amount >= f.min_amount),
        (f.max_amount, lambda: ln.signed_amount <= f.max_amount),
    ]
    for value, condition in conditions:
        if value is not None:
            query = query.where(condition())
    return query


def queue_query(f: QueueFilter, sort: str = "due", limit: int | None = None, offset: int = 0) -> sa.Select[Any]:
    query = _held(f, *LINE_COLUMNS).order_by(*SORTS[sort], ln.declaration_id, ln.reference).offset(offset)
    return query if limit is None else query.limit(limit)


def count_query(f: QueueFilter) -> sa.Select[Any]:
    return _held(f, sa.func.count())


def deadlines_query(f: QueueFilter) -> sa.Select[Any]:
    """Held lines per day the deadline margin settles them: what needs attention first."""
    return _held(f, ln.due_on, sa.func.count().label("lines"), sa.func.sum(ln.signed_amount).label("amount")
                 ).group_by(ln.due_on).order_by(ln.due_on)


async def line_detail(conn: AsyncConnection, declaration_id: str, reference: str,
                      municipalities: frozenset[str]) -> tuple[Any, dict[str, Any] | None]:
    """One line in any status, and the allocation version it was compared with (None when it
    was compared with none)."""
    query = _scoped(municipalities, *LINE_COLUMNS).where(ln.declaration_id == declaration_id,
                                                         ln.reference == reference)
    row = (await conn.execute(query)).first()
    if row is None or not row.basis.get("allocation_decided_on"):
        return row, None
    v = allocation_versions.c
    version = await conn.scalar(sa.select(v.version).where(
        v.municipality == row.municipality, v.number == row.basis["allocation_number"],
        v.decided_on == date.fromisoformat(row.basis["allocation_decided_on"]),
        v.decided_at == row.basis["allocation_decided_at"]))
    return row, version


async def held_line(conn: AsyncConnection, declaration_id: str, reference: str,
                    municipalities: frozenset[str]) -> Any:
    query = sa.select(lines, declarations.c.number).join(
        declarations, declarations.c.declaration_id == lines.c.declaration_id).where(
        lines.c.declaration_id == declaration_id, lines.c.reference == reference,
        lines.c.municipality.in_(sorted(municipalities)))
    return (await conn.execute(query)).first()


def outcome_of(row: Any) -> LineOutcome:
    """The line's outcome as its row keeps it, with the allocation version, tariff and ceiling it
    was compared with (its basis) and how it was approved."""
    findings = tuple(Finding(code) for code in row.codes)
    allocation, tariff, ceiling = basis_of(row.basis)
    return LineOutcome(row.bsn, line_from_json(row.line), Status(row.status), findings, allocation, tariff,
                       ceiling=ceiling, ceiling_exempt=bool(row.ceiling_exempt),
                       approval=Approval.from_json(row.approval))


async def declaration_state(conn: AsyncConnection, declaration_id: str) -> tuple[Any, MatchResult]:
    """The declaration row and its lines as a MatchResult, for building the JW325 once all is final."""
    row = (await conn.execute(sa.select(declarations).where(declarations.c.declaration_id == declaration_id))).one()
    rows = list(await conn.execute(sa.select(lines).where(lines.c.declaration_id == declaration_id)))
    outcomes = tuple(outcome_of(r) for r in rows)
    refused = {o.bsn: rc.CLIENT_MISMATCH for o in outcomes if rc.NOT_ASSESSED in o.codes}
    return row, MatchResult(rejected_clients=refused, lines=outcomes)


async def declaration_xml(conn: AsyncConnection, declaration_id: str) -> bytes:
    """The JW323 as received."""
    b = declaration_bodies.c
    return bytes((await conn.execute(sa.select(b.xml).where(b.declaration_id == declaration_id))).scalar_one())
