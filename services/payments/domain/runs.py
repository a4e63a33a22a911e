"""Payment runs (design.md §6): create → approve → export (SEPA) → confirm, or cancel.

Four eyes: a run is approved by a finance user other than the one who created it, and only an
approved run is exported, so no single person decides alone what leaves the region's account.

A run collects every due item up to a date. Items are netted per provider (one transfer per
provider); a provider whose net is negative — credits or a reclaim exceed what is owed — is left
out of the run with all its items, which stay due and are carried forward until later debits
outweigh them. A provider netting to exactly zero is included without a transfer: its items are
settled against each other when the run is confirmed.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

from services.payments.domain import commands as cmd
from services.payments.domain.authorisation import require_finance
from services.payments.domain.book import (
    ADVANCE, APPROVED, BONUS, CANCELLED, CONFIRMED, CREATED, DUE, EXPORTED, LUMP_SETTLEMENT, LUMP_SUM, MALUS, PGB,
    SETTLEMENT, UNSENT_RUN_STEPS,
    Book, Item, Run,
)
from services.payments.domain.errors import NothingDue, RunExported, RunNotInStep, SameUser, UnknownRun
from services.payments.domain import events as ev
from shared.clock import business_day


@dataclass(frozen=True)
class Transfer:
    """One SEPA credit transfer: the net owed to one provider in one run."""

    provider: str
    amount: int
    declaration_ids: tuple[str, ...]
    other_references: tuple[str, ...]
    """Advances and settlements in the transfer ("voorschot C1 2026-03", "afrekening C1 2025")."""
    item_ids: tuple[str, ...]
    declaration_numbers: tuple[str, ...] = ()
    """The provider's own DeclaratieNummers of the lines and credits paid (its accounting's key)."""
    months: tuple[date, ...] = ()
    """The months of care of those lines and credits (first day of each)."""


def by_provider(items: Iterable[Item]) -> dict[str, list[Item]]:
    grouped: dict[str, list[Item]] = defaultdict(list)
    for item in sorted(items, key=lambda i: (i.provider, i.due_on, i.item_id)):
        grouped[item.provider].append(item)
    return dict(grouped)


def collectable(book: Book, command: cmd.CreatePaymentRun) -> tuple[list[Item], list[str]]:
    """Due items up to the date, minus those of providers with a negative net (carried forward)."""
    due = [i for i in book.items.values() if i.status == DUE and i.due_on <= command.due_up_to]
    taken, carried = [], []
    for provider, items in by_provider(due).items():
        if sum(i.amount for i in items) < 0:
            carried.append(provider)
        else:
            taken.extend(items)
    return taken, carried


def decide_create_run(
    command: cmd.CreatePaymentRun, book: Book, now: datetime
) -> list[ev.PaymentRunCreated]:
    require_finance(command.roles)
    if command.run_id in book.runs:
        return []
    items, carried = collectable(book, command)
    if not items:
        raise NothingDue(f"no item due up to {command.due_up_to}")
    return [ev.PaymentRunCreated(
        run_id=command.run_id, due_up_to=command.due_up_to,
        item_ids=tuple(i.item_id for i in items), total=sum(i.amount for i in items),
        carried_forward=tuple(carried), by=command.by,
    )]


def _run_in(book: Book, run_id: str, *steps: str) -> Run:
    run = book.runs.get(run_id)
    if run is None:
        raise UnknownRun(run_id)
    if run.status not in steps:
        raise RunNotInStep(f"run {run_id} is {run.status}, not {' or '.join(steps)}")
    return run


def decide_approve_run(
    command: cmd.ApprovePaymentRun, book: Book, now: datetime
) -> list[ev.PaymentRunApproved]:
    require_finance(command.roles)
    run = _run_in(book, command.run_id, CREATED, APPROVED)
    if command.by == run.created_by:
        raise SameUser(f"HF-FOUR-EYES: run {run.run_id} was created by {run.created_by}: "
                       "a finance user other than its creator approves it")
    if run.status == APPROVED:
        return []
    return [ev.PaymentRunApproved(command.run_id, by=command.by, note=command.note)]


def decide_export_run(
    command: cmd.ExportPaymentRun, book: Book, now: datetime
) -> list[ev.PaymentRunExported]:
    """Exported once: a later export of the same run re-renders the same file with the same
    message id (from the event), so a bank's duplicate check catches a file sent twice."""
    require_finance(command.roles)
    run = _run_in(book, command.run_id, APPROVED, EXPORTED)
    if run.status == EXPORTED:
        return []
    if command.execution_date < business_day(now):
        raise RunNotInStep(f"HF-EXECUTION-DATE: run {run.run_id} cannot be executed in the past")
    found = transfers(book, run.run_id)
    return [ev.PaymentRunExported(
        run_id=run.run_id, message_id=command.message_id, execution_date=command.execution_date,
        total=sum(t.amount for t in found), transfers=len(found), by=command.by,
    )]


def decide_confirm_run(
    command: cmd.ConfirmPaymentRun, book: Book, now: datetime
) -> list[ev.PaymentRunConfirmed]:
    require_finance(command.roles)
    if _run_in(book, command.run_id, EXPORTED, CONFIRMED).status == CONFIRMED:
        return []
    if command.executed_on > business_day(now):
        raise RunNotInStep(f"HF-EXECUTED-ON: run {command.run_id} cannot have been executed in the future")
    return [ev.PaymentRunConfirmed(command.run_id, command.executed_on, by=command.by)]


def decide_cancel_run(
    command: cmd.CancelPaymentRun, book: Book, now: datetime
) -> list[ev.PaymentRunCancelled]:
    """Cancelling returns every item of the run to due, so only a run whose file was never
    exported may be cancelled: once exported the file may have reached the bank, and items due
    again would be exported again under a new MsgId and paid twice. After the export only the
    bank's return of a transfer (`returns.decide_return_transfer`) makes items owed again."""
    require_finance(command.roles)
    run = book.runs.get(command.run_id)
    if run is not None and run.status in (EXPORTED, CONFIRMED):
        raise RunExported(
            f"HF-RUN-EXPORTED: run {run.run_id} was exported as {run.message_id} and may have reached "
            "the bank, so it cannot be cancelled; only a transfer the bank returned is owed again")
    if _run_in(book, command.run_id, *UNSENT_RUN_STEPS, CANCELLED).status == CANCELLED:
        return []
    return [ev.PaymentRunCancelled(command.run_id, reason=command.reason, by=command.by)]


def transfers(book: Book, run_id: str) -> list[Transfer]:
    """The run's transfers, one per provider with a positive net; zero nets transfer nothing."""
    run = book.runs[run_id]
    found = []
    for provider, items in by_provider(book.items[i] for i in run.item_ids).items():
        amount = sum(i.amount for i in items)
        if amount > 0:
            found.append(_transfer(provider, amount, items))
    return found


def _transfer(provider: str, amount: int, items: list[Item]) -> Transfer:
    lines = [i for i in items if i.kind not in _OTHER]
    return Transfer(provider, amount, tuple(sorted({i.declaration_id for i in items if i.declaration_id})),
                    tuple(_reference(i) for i in items if i.kind in _OTHER), tuple(i.item_id for i in items),
                    tuple(sorted({i.declaration_number for i in lines if i.declaration_number})),
                    tuple(sorted({i.period_start.replace(day=1) for i in lines})))


_OTHER = {ADVANCE: "voorschot", SETTLEMENT: "afrekening", LUMP_SUM: "vast bedrag",
          LUMP_SETTLEMENT: "afrekening vast bedrag", PGB: "pgb", BONUS: "bonus", MALUS: "malus"}
_MONTHLY = (ADVANCE, LUMP_SUM, PGB)


def _reference(item: Item) -> str:
    when = item.period_start.strftime("%Y-%m") if item.kind in _MONTHLY else item.period_start.year
    whose = item.municipality if item.kind == PGB else item.contract_id
    return f"{_OTHER[item.kind]} {whose} {when}"
