"""Importing the bank's statement of the region's account (camt.053, issue 15).

Each booked entry whose EndToEndId is that of a transfer of an exported run says what became of
it: a debit is the transfer executed (TransferBooked); a credit is the money coming back — a
return, or the reversal of a rejected transfer — so exactly that transfer's items are owed again,
with the bank's reason (TransferReturned, through `returns.decide_return_transfer`). A run whose
every transfer is booked or returned is confirmed, executed on the last booking date.

The import is one decision: a statement of another account, one imported before, one that pays
no transfer of any run, or an entry that contradicts its transfer (another amount, a reversed
return) refuses it whole, and nothing changes. Entries not matching a transfer (other payments on
the account) and entries not booked yet (pending) are left alone.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, replace
from datetime import date, datetime

from services.payments.domain import commands as cmd
from services.payments.domain import events as ev
from services.payments.domain.authorisation import require_finance
from services.payments.domain.book import CONFIRMED, EXPORTED, Book, fold
from services.payments.domain.errors import StatementImportedBefore, StatementRefused
from services.payments.domain.remittance import end_to_end_id
from services.payments.domain.returns import decide_return_transfer
from services.payments.domain.runs import Transfer, decide_confirm_run, transfers

UNSPECIFIED = "NARR"  # ExternalReturnReason1Code "narrative": the bank gave no code


@dataclass(frozen=True)
class BankEntry:
    """One transaction of a booked entry of the statement."""

    end_to_end_id: str | None
    amount: int | None
    """Eurocents of this transaction; None when a batch entry gives only its total."""
    credit: bool
    reversal: bool
    booked_on: date
    return_reason: str | None
    entry: int
    """The entry it belongs to (a batch booking holds several transactions)."""
    entry_amount: int


@dataclass(frozen=True)
class BankStatement:
    statement_id: str
    message_id: str
    account: str
    """The IBAN the statement is of."""
    entries: tuple[BankEntry, ...]

    @property
    def key(self) -> str:
        return f"{self.account}/{self.statement_id}"


@dataclass(frozen=True)
class Match:
    entry: BankEntry
    run_id: str
    transfer: Transfer


def decide_import_statement(command: cmd.ImportBankStatement, book: Book, now: datetime) -> list:
    require_finance(command.roles)
    statement = command.statement
    _check_statement(statement, command.region_account, book)
    matches = _matches(statement, book)
    decided: list = [ev.BankStatementImported(statement.statement_id, statement.message_id, statement.account,
                                              len(statement.entries), len(matches), command.by)]
    state = fold(decided, book)
    for match in matches:  # each outcome decided against the book as the ones before left it
        found = _outcome(match, statement, state, command, now)
        decided, state = decided + found, fold(found, state)
    return decided + _confirmations(matches, state, command, now)


def _check_statement(statement: BankStatement, region_account: str, book: Book) -> None:
    if statement.account != region_account:
        raise StatementRefused(f"HF-STATEMENT-ACCOUNT: statement {statement.statement_id} is of account "
                               f"{statement.account}, not of the region's account {region_account}")
    if statement.key in book.statements:
        raise StatementImportedBefore(f"HF-STATEMENT-TWICE: statement {statement.statement_id} of "
                                      f"{statement.account} was imported before")


def _matches(statement: BankStatement, book: Book) -> list[Match]:
    sent = {end_to_end_id(run.run_id, t.provider): (run.run_id, t) for run in book.runs.values()
            if run.status in (EXPORTED, CONFIRMED) for t in transfers(book, run.run_id)}
    matches = [Match(e, *sent[e.end_to_end_id]) for e in statement.entries if e.end_to_end_id in sent]
    if not matches:
        raise StatementRefused(f"HF-STATEMENT-NO-RUN: no entry of statement {statement.statement_id} is a "
                               "transfer of an exported payment run (by EndToEndId)")
    _check_amounts(matches)
    return matches


def _check_amounts(matches: list[Match]) -> None:
    """Each transaction is its transfer's amount; a batch entry without amounts per transaction
    totals the transfers it holds."""
    batches: dict[int, list[Match]] = defaultdict(list)
    for match in matches:
        if match.entry.amount is None:
            batches[match.entry.entry].append(match)
        elif match.entry.amount != match.transfer.amount:
            raise _contradicts(match, f"the bank booked {match.entry.amount} ct, the transfer was "
                                      f"{match.transfer.amount} ct")
    for group in batches.values():
        if group[0].entry.entry_amount != sum(m.transfer.amount for m in group):
            raise _contradicts(group[0], f"its entry of {group[0].entry.entry_amount} ct is not the "
                                         "sum of the transfers it books")


def _outcome(match: Match, statement: BankStatement, book: Book, command: cmd.ImportBankStatement,
             now: datetime) -> list:
    entry, run = match.entry, book.runs[match.run_id]
    if not entry.credit and entry.reversal:
        raise _contradicts(match, "a reversed return is not undone by an import: correct it by hand")
    if not entry.credit:
        if match.transfer.provider in run.booked:
            return []
        return [ev.TransferBooked(match.run_id, match.transfer.provider, match.transfer.amount, entry.booked_on,
                                  statement.statement_id, command.by)]
    returned = cmd.ReturnTransfer(match.run_id, match.transfer.provider, match.transfer.amount,
                                  entry.return_reason or UNSPECIFIED, entry.booked_on, command.by, command.roles)
    return [replace(e, statement_id=statement.statement_id) for e in decide_return_transfer(returned, book, now)]


def _confirmations(matches: list[Match], book: Book, command: cmd.ImportBankStatement, now: datetime) -> list:
    decided = []
    for run_id in dict.fromkeys(m.run_id for m in matches):
        run = book.runs[run_id]
        settled = set(run.booked) | {r.provider for r in run.returns}
        if run.status == EXPORTED and {t.provider for t in transfers(book, run_id)} <= settled:
            executed = max((m.entry.booked_on for m in matches if m.run_id == run_id and not m.entry.credit),
                           default=run.execution_date)
            decided += decide_confirm_run(cmd.ConfirmPaymentRun(run_id, executed, command.by, command.roles),
                                          book, now)
    return decided


def _contradicts(match: Match, why: str) -> StatementRefused:
    return StatementRefused(f"HF-STATEMENT-ENTRY: entry {match.entry.end_to_end_id} ({match.run_id}, provider "
                            f"{match.transfer.provider}): {why}")
