"""Projections of the payments events into their read models, in the writer's transaction.

One function per event type (a literal table, style.md principle 5). Every projection is a
function of the events alone, so `rebuild` can replay the store into empty tables.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from datetime import date, datetime
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from shared.persistence.bulk import insert_rows
from services.payments.adapters.tables import bank_statements, ceiling_usage, ceilings, items, outcome_scores, runs
from services.payments.domain import book as books
from services.payments.domain import events as ev
from services.payments.domain.outcome_scores import scores_of

Projector = Callable[[AsyncConnection, Any, datetime], Awaitable[None]]


async def project(conn: AsyncConnection, decided: Sequence[Any], at: datetime) -> None:
    """New items and ceiling usages are inserted in bulk (one statement per row of events of one
    type: the statement, not the row, is what costs); the rest one event at a time."""
    rows: list[dict[str, Any]] = []
    usages: list[ev.CeilingUsageRecorded] = []
    for event in decided:
        if type(event) in ITEM_ROWS:
            rows.append(ITEM_ROWS[type(event)](event))
        elif isinstance(event, ev.CeilingUsageRecorded):
            usages.append(event)
        else:
            await _flush(conn, rows, usages)
            rows, usages = [], []
            await PROJECTORS[event.TYPE](conn, event, at)
    await _flush(conn, rows, usages)


async def _flush(conn: AsyncConnection, rows: list[dict[str, Any]], usages: list[ev.CeilingUsageRecorded]) -> None:
    await insert_rows(conn, items, rows)
    if usages:
        await _usages_recorded(conn, usages)


def _line_row(e: ev.ApprovedLineBooked) -> dict[str, Any]:
    kind = books.CREDIT if e.amount < 0 else books.LINE
    status = books.INFORMATION if e.lump_sum else books.OFFSET if e.against_advance else books.DUE
    return item_row(e.line_id, kind, e, e.amount, e.period_start, status, e.declaration_id)


def _advance_row(e: ev.AdvanceScheduled) -> dict[str, Any]:
    return item_row(e.item_id, books.ADVANCE, e, e.amount, e.period_start, books.DUE)


def _settlement_row(e: ev.AdvancesSettled) -> dict[str, Any]:
    return item_row(e.item_id, books.SETTLEMENT, e, e.balance, date(e.year, 1, 1), books.DUE)


def item_row(item_id: str, kind: str, e: Any, amount: int, period_start: date, status: str,
              declaration_id: str | None = None) -> dict[str, Any]:
    return {"item_id": item_id, "kind": kind, "provider": e.provider, "municipality": e.municipality,
            "contract_id": e.contract_id, "declaration_id": declaration_id, "amount": amount,
            "period_start": period_start, "due_on": e.due_on, "status": status, "run_id": None}


def _lump_sum_row(e: ev.LumpSumScheduled) -> dict[str, Any]:
    return item_row(e.item_id, books.LUMP_SUM, e, e.amount, e.period_start, books.DUE)


def _pgb_row(e: ev.PgbTransferBooked) -> dict[str, Any]:
    return item_row(e.item_id, books.PGB, e, e.amount, e.period_start, books.DUE)


async def _outcome_settled(conn: AsyncConnection, e: ev.OutcomeSettled, at: datetime) -> None:
    """A clause settled at 0 is recorded in the book's stream only: there is nothing to pay."""
    if e.amount:
        kind = books.BONUS if e.amount > 0 else books.MALUS
        await conn.execute(sa.insert(items), [item_row(e.item_id, kind, e, e.amount, e.period_start, books.DUE)])


async def _scores_imported(conn: AsyncConnection, e: ev.OutcomeScoresImported, at: datetime) -> None:
    """A row replaces an earlier one of the same provider, product and period."""
    t = outcome_scores
    for s in scores_of(e.rows):
        await conn.execute(sa.delete(t).where(t.c.provider == s.provider, t.c.code == (s.code or ""),
                                              t.c.period == s.period.label))
        await conn.execute(sa.insert(t).values(
            provider=s.provider, code=s.code or "", period=s.period.label, satisfaction=s.satisfaction,
            goal_attainment=s.goal_attainment, respondents=s.respondents))


ITEM_ROWS: dict[type, Callable[[Any], dict[str, Any]]] = {
    ev.ApprovedLineBooked: _line_row, ev.AdvanceScheduled: _advance_row, ev.AdvancesSettled: _settlement_row,
    ev.LumpSumScheduled: _lump_sum_row, ev.PgbTransferBooked: _pgb_row,
}


async def _lump_sum_settled(conn: AsyncConnection, e: ev.LumpSumSettled, at: datetime) -> None:
    """A settlement with nothing to pay or claim books no item (as `book.evolve`)."""
    if e.balance:
        await conn.execute(sa.insert(items).values(
            item_row(e.item_id, books.LUMP_SETTLEMENT, e, e.balance, date(e.year, 12, 1), books.DUE)))


async def _run_created(conn: AsyncConnection, e: ev.PaymentRunCreated, at: datetime) -> None:
    await conn.execute(sa.insert(runs).values(
        run_id=e.run_id, status=books.CREATED, due_up_to=e.due_up_to, total=e.total,
        carried_forward=list(e.carried_forward), created_by=e.by))
    ids = list(e.item_ids)
    for start in range(0, len(ids), 500):
        await conn.execute(sa.update(items).where(items.c.item_id.in_(ids[start:start + 500]))
                           .values(run_id=e.run_id, status=books.IN_RUN))


async def _run_approved(conn: AsyncConnection, e: ev.PaymentRunApproved, at: datetime) -> None:
    await _run_step(conn, e.run_id, status=books.APPROVED, approved_by=e.by)


async def _run_reviewed(conn: AsyncConnection, e: ev.PaymentRunReviewed, at: datetime) -> None:
    """A review stored before four eyes approves only when someone else than the creator gave it."""
    await conn.execute(sa.update(runs).where(runs.c.run_id == e.run_id, runs.c.created_by != e.by)
                       .values(status=books.APPROVED, approved_by=e.by))


async def _run_exported(conn: AsyncConnection, e: ev.PaymentRunExported, at: datetime) -> None:
    await _run_step(conn, e.run_id, status=books.EXPORTED, message_id=e.message_id,
                    execution_date=e.execution_date, exported_at=at)


async def _run_confirmed(conn: AsyncConnection, e: ev.PaymentRunConfirmed, at: datetime) -> None:
    await _run_step(conn, e.run_id, status=books.CONFIRMED, executed_on=e.executed_on)
    await conn.execute(sa.update(items).where(items.c.run_id == e.run_id).values(status=books.PAID))


async def _run_cancelled(conn: AsyncConnection, e: ev.PaymentRunCancelled, at: datetime) -> None:
    await _run_step(conn, e.run_id, status=books.CANCELLED)
    await conn.execute(sa.update(items).where(items.c.run_id == e.run_id)
                       .values(run_id=None, status=books.DUE))


async def _transfer_returned(conn: AsyncConnection, e: ev.TransferReturned, at: datetime) -> None:
    """The run's row keeps its status and total: its file was sent as it was."""
    ids = list(e.item_ids)
    for start in range(0, len(ids), 500):
        await conn.execute(sa.update(items).where(items.c.item_id.in_(ids[start:start + 500]),
                                                  items.c.run_id == e.run_id)
                           .values(run_id=None, status=books.DUE))


async def _statement_imported(conn: AsyncConnection, e: ev.BankStatementImported, at: datetime) -> None:
    await conn.execute(sa.insert(bank_statements).values(
        account=e.account, statement_id=e.statement_id, message_id=e.message_id, entries=e.entries,
        matched=e.matched, imported_by=e.by, imported_at=at))


async def _transfer_booked(conn: AsyncConnection, e: ev.TransferBooked, at: datetime) -> None:
    """Nothing to change in a table: the run is confirmed (its items paid) once every transfer is
    booked or returned, by its own event."""


async def _run_step(conn: AsyncConnection, run_id: str, **values: Any) -> None:
    await conn.execute(sa.update(runs).where(runs.c.run_id == run_id).values(**values))


async def _ceiling_set(conn: AsyncConnection, e: ev.CeilingSet, at: datetime) -> None:
    key = (ceilings.c.contract_id == e.contract_id, ceilings.c.year == e.year)
    values = {"provider": e.provider, "amount": e.amount, "warn_at": list(e.warn_at)}
    if (await conn.execute(sa.update(ceilings).where(*key).values(**values))).rowcount == 0:
        await conn.execute(sa.insert(ceilings).values(contract_id=e.contract_id, year=e.year,
                                                      announced=[], **values))


async def _usages_recorded(conn: AsyncConnection, usages: list[ev.CeilingUsageRecorded]) -> None:
    """The last usage of a line wins (a held line approved, a held line released)."""
    latest = {(e.contract_id, e.year, e.line_id): e for e in usages}
    u = ceiling_usage.c
    for (contract_id, year), lines in _by_ceiling(latest).items():
        for start in range(0, len(lines), 500):
            await conn.execute(sa.delete(ceiling_usage).where(
                u.contract_id == contract_id, u.year == year, u.line_id.in_(lines[start:start + 500])))
    await insert_rows(conn, ceiling_usage, [
        {"contract_id": e.contract_id, "year": e.year, "line_id": e.line_id, "status": e.status, "amount": e.amount}
        for e in latest.values()])


def _by_ceiling(latest: dict[tuple[str, int, str], Any]) -> dict[tuple[str, int], list[str]]:
    grouped: dict[tuple[str, int], list[str]] = {}
    for contract_id, year, line_id in latest:
        grouped.setdefault((contract_id, year), []).append(line_id)
    return grouped


async def _announced(conn: AsyncConnection, e: Any, at: datetime) -> None:
    percent = getattr(e, "percent", 100)
    key = (ceilings.c.contract_id == e.contract_id, ceilings.c.year == e.year)
    known = await conn.scalar(sa.select(ceilings.c.announced).where(*key))
    if known is not None:
        await conn.execute(sa.update(ceilings).where(*key).values(announced=sorted({*known, percent})))


async def _recorded_only(conn: AsyncConnection, event: Any, at: datetime) -> None:
    """The lawfulness evidence reads these events themselves (adapters/sql/recorded.py)."""


PROJECTORS: dict[str, Projector] = {
    ev.OutcomeSettled.TYPE: _outcome_settled,
    ev.OutcomeScoresImported.TYPE: _scores_imported,
    ev.PaymentRunCreated.TYPE: _run_created,
    ev.PaymentRunReviewed.TYPE: _run_reviewed,
    ev.PaymentRunApproved.TYPE: _run_approved,
    ev.PaymentRunExported.TYPE: _run_exported,
    ev.PaymentRunConfirmed.TYPE: _run_confirmed,
    ev.PaymentRunCancelled.TYPE: _run_cancelled,
    ev.TransferReturned.TYPE: _transfer_returned,
    ev.TransferBooked.TYPE: _transfer_booked,
    ev.BankStatementImported.TYPE: _statement_imported,
    ev.CeilingSet.TYPE: _ceiling_set,
    ev.CeilingThresholdCrossed.TYPE: _announced,
    ev.CeilingOverdrawn.TYPE: _announced,
    ev.LumpSumSettled.TYPE: _lump_sum_settled,
    ev.DeclarationEvidenceRecorded.TYPE: _recorded_only,
    ev.RegionSectionRecorded.TYPE: _recorded_only,
}
