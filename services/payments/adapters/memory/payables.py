"""The payable items, payment runs and bank statements projected in memory, row for row as
adapters/projections.py writes them in SQL (the same item rows), and payments' own events kept
with the moment they were recorded (ports/reads.py)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import date, datetime
from typing import Any

from services.payments.adapters.memory.state import PaymentsState
from services.payments.adapters.projections import ITEM_ROWS, item_row
from services.payments.domain import book as books
from services.payments.domain import events as ev
from services.payments.domain.outcome_scores import scores_of
from shared.events.serializer import from_payload, to_payload

RECORDED = ev.BookEvent | ev.DeclarationEvidenceRecorded | ev.RegionSectionRecorded


def project_rows(state: PaymentsState, decided: Sequence[Any], at: datetime) -> None:
    for event in decided:
        if isinstance(event, RECORDED):
            state.recorded.events.append((at, _as_stored(event)))
        if type(event) in ITEM_ROWS:
            row = ITEM_ROWS[type(event)](event)
            state.items[row["item_id"]] = row
        elif type(event) in PROJECTORS:
            PROJECTORS[type(event)](state, event, at)


def _as_stored(event: Any) -> Any:
    """The event as the SQL store reads it back: a declaration's evidence lines are decided typed
    and read as the JSON objects they were stored as (domain/events.py)."""
    if isinstance(event, ev.DeclarationEvidenceRecorded):
        return from_payload(ev.DeclarationEvidenceRecorded, to_payload(event))
    return event


def _outcome_settled(state: PaymentsState, e: ev.OutcomeSettled, at: datetime) -> None:
    if e.amount:
        kind = books.BONUS if e.amount > 0 else books.MALUS
        state.items[e.item_id] = item_row(e.item_id, kind, e, e.amount, e.period_start, books.DUE)


def _lump_sum_settled(state: PaymentsState, e: ev.LumpSumSettled, at: datetime) -> None:
    if e.balance:
        state.items[e.item_id] = item_row(e.item_id, books.LUMP_SETTLEMENT, e, e.balance, date(e.year, 12, 1),
                                          books.DUE)


def _run_created(state: PaymentsState, e: ev.PaymentRunCreated, at: datetime) -> None:
    state.runs[e.run_id] = {
        "run_id": e.run_id, "status": books.CREATED, "due_up_to": e.due_up_to, "total": e.total,
        "carried_forward": tuple(e.carried_forward), "created_by": e.by, "approved_by": None, "message_id": None,
        "execution_date": None, "exported_at": None, "executed_on": None}
    _set_items(state, e.item_ids, lambda item: True, run_id=e.run_id, status=books.IN_RUN)


def _run_approved(state: PaymentsState, e: ev.PaymentRunApproved, at: datetime) -> None:
    _run_step(state, e.run_id, status=books.APPROVED, approved_by=e.by)


def _run_reviewed(state: PaymentsState, e: ev.PaymentRunReviewed, at: datetime) -> None:
    run = state.runs.get(e.run_id)
    if run is not None and run["created_by"] != e.by:
        run.update(status=books.APPROVED, approved_by=e.by)


def _run_exported(state: PaymentsState, e: ev.PaymentRunExported, at: datetime) -> None:
    _run_step(state, e.run_id, status=books.EXPORTED, message_id=e.message_id, execution_date=e.execution_date,
              exported_at=at)


def _run_confirmed(state: PaymentsState, e: ev.PaymentRunConfirmed, at: datetime) -> None:
    _run_step(state, e.run_id, status=books.CONFIRMED, executed_on=e.executed_on)
    _set_items(state, state.items, lambda item: item["run_id"] == e.run_id, status=books.PAID)


def _run_cancelled(state: PaymentsState, e: ev.PaymentRunCancelled, at: datetime) -> None:
    _run_step(state, e.run_id, status=books.CANCELLED)
    _set_items(state, state.items, lambda item: item["run_id"] == e.run_id, run_id=None, status=books.DUE)


def _transfer_returned(state: PaymentsState, e: ev.TransferReturned, at: datetime) -> None:
    _set_items(state, e.item_ids, lambda item: item["run_id"] == e.run_id, run_id=None, status=books.DUE)


def _statement_imported(state: PaymentsState, e: ev.BankStatementImported, at: datetime) -> None:
    state.statements.append({"account": e.account, "statement_id": e.statement_id, "message_id": e.message_id,
                             "entries": e.entries, "matched": e.matched, "imported_by": e.by, "imported_at": at})


def _run_step(state: PaymentsState, run_id: str, **values: Any) -> None:
    if run_id in state.runs:
        state.runs[run_id].update(values)


def _set_items(state: PaymentsState, item_ids: Any, which: Callable[[dict[str, Any]], bool], **values: Any) -> None:
    for item_id in list(item_ids):
        item = state.items.get(item_id)
        if item is not None and which(item):
            item.update(values)


def _scores_imported(state: PaymentsState, e: ev.OutcomeScoresImported, at: datetime) -> None:
    for s in scores_of(e.rows):
        state.facts.score_rows[(s.provider, s.code or "", s.period.label)] = s


PROJECTORS: dict[type, Callable[[PaymentsState, Any, datetime], None]] = {
    ev.OutcomeSettled: _outcome_settled,
    ev.OutcomeScoresImported: _scores_imported,
    ev.LumpSumSettled: _lump_sum_settled,
    ev.PaymentRunCreated: _run_created,
    ev.PaymentRunReviewed: _run_reviewed,
    ev.PaymentRunApproved: _run_approved,
    ev.PaymentRunExported: _run_exported,
    ev.PaymentRunConfirmed: _run_confirmed,
    ev.PaymentRunCancelled: _run_cancelled,
    ev.TransferReturned: _transfer_returned,
    ev.BankStatementImported: _statement_imported,
}
