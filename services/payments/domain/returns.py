"""A transfer the bank returned (design.md §6): the only way items of an exported run are owed again.

An exported run is final — its file may have been executed — so it is never cancelled. When the
bank reports one of its transfers returned (account closed, creditor unknown, ...), exactly the
items of that transfer become due again, once; the other transfers of the file stand. The command
is what a bank-statement (camt.053) import gives: the run and provider from the EndToEndId, the
amount, the return reason code and the booking date.
"""

from __future__ import annotations

import re
from datetime import datetime

from services.payments.domain import commands as cmd
from services.payments.domain import events as ev
from services.payments.domain.authorisation import require_finance
from services.payments.domain.book import CONFIRMED, EXPORTED, Book
from services.payments.domain.errors import ReturnRefused, RunNotInStep, UnknownRun, UnknownTransfer
from services.payments.domain.runs import Transfer, transfers
from shared.clock import business_day

# ISO 20022 ExternalReturnReason1Code: four letters or digits (AC04, AM05, MD07, MS03, ...).
REASON = re.compile(r"[A-Z0-9]{4}")


def decide_return_transfer(
    command: cmd.ReturnTransfer, book: Book, now: datetime
) -> list[ev.TransferReturned]:
    require_finance(command.roles)
    transfer = _sent_transfer(book, command.run_id, command.provider)
    if book.runs[command.run_id].returned(command.provider):
        return []
    _check_return(command, transfer, book, now)
    return [ev.TransferReturned(
        run_id=command.run_id, provider=command.provider, item_ids=transfer.item_ids,
        amount=transfer.amount, reason=command.reason, returned_on=command.returned_on, by=command.by,
    )]


def _sent_transfer(book: Book, run_id: str, provider: str) -> Transfer:
    run = book.runs.get(run_id)
    if run is None:
        raise UnknownRun(run_id)
    if run.status not in (EXPORTED, CONFIRMED):
        raise RunNotInStep(f"run {run_id} is {run.status}: only a transfer of an exported run can be returned")
    found = [t for t in transfers(book, run_id) if t.provider == provider]
    if not found:
        raise UnknownTransfer(f"run {run_id} has no transfer to provider {provider}")
    return found[0]


def _check_return(command: cmd.ReturnTransfer, transfer: Transfer, book: Book, now: datetime) -> None:
    if not REASON.fullmatch(command.reason):
        raise ReturnRefused(f"reason {command.reason!r} is not an ISO 20022 return reason code (e.g. AC04)")
    if command.amount != transfer.amount:
        raise ReturnRefused(f"the bank returned {command.amount} ct but the transfer to {command.provider} "
                            f"was {transfer.amount} ct: only a whole transfer is returned")
    execution = book.runs[command.run_id].execution_date
    if command.returned_on > business_day(now) or (execution is not None and command.returned_on < execution):
        raise ReturnRefused(f"a return is booked between the execution date ({execution}) and today")
