"""Importing a bank statement (domain/bank_statements.py): given a run exported, when the statement
says what became of its transfers, then the events."""

from datetime import date

import pytest

from services.payments.domain import events as ev
from services.payments.domain.bank_statements import BankEntry, BankStatement, decide_import_statement
from services.payments.domain.book import fold
from services.payments.domain.commands import ImportBankStatement
from services.payments.domain.errors import NotAllowed, StatementRefused
from services.payments.domain.remittance import end_to_end_id

from tests.unit.payments.builders import CONTROLLER, FINANCE, LATER, booked, exported_run, line

P1, P2 = "11111111", "22222222"
IBAN = "NL67INGB0006543210"
ON = date(2026, 6, 3)


def book():  # type: ignore[no-untyped-def]
    return exported_run(booked(line("L1", 10_000, P1), line("L2", 5_000, P2)), "R1")


def entry(provider: str, amount: int | None, credit: bool = False, reversal: bool = False,
          reason: str | None = None, n: int = 0) -> BankEntry:
    return BankEntry(end_to_end_id("R1", provider), amount, credit, reversal, ON, reason, n, amount or 15_000)


def importing(*entries: BankEntry, roles: frozenset[str] = FINANCE) -> ImportBankStatement:
    return ImportBankStatement(BankStatement("S1", "M1", IBAN, entries), IBAN, "fin-3", roles)


def test_a_return_without_a_reason_code_is_returned_as_narrative():
    decided = decide_import_statement(importing(entry(P1, 10_000), entry(P2, 5_000, credit=True)), book(), LATER)
    (returned,) = [e for e in decided if isinstance(e, ev.TransferReturned)]
    assert (returned.provider, returned.reason, returned.statement_id) == (P2, "NARR", "S1")
    assert isinstance(decided[-1], ev.PaymentRunConfirmed) and decided[-1].executed_on == ON


def test_a_run_with_a_transfer_not_on_the_statement_stays_exported():
    decided = decide_import_statement(importing(entry(P1, 10_000)), book(), LATER)
    assert [type(e).__name__ for e in decided] == ["BankStatementImported", "TransferBooked"]
    assert fold(decided, book()).runs["R1"].status == "exported"


def test_a_reversed_return_is_refused_whole():
    with pytest.raises(StatementRefused, match="reversed return"):
        decide_import_statement(importing(entry(P1, 10_000), entry(P2, 5_000, reversal=True)), book(), LATER)


def test_a_batch_entry_must_total_the_transfers_it_books():
    good = (entry(P1, None), entry(P2, None))
    assert decide_import_statement(importing(*good), book(), LATER)[-1].run_id == "R1"
    short = tuple(BankEntry(e.end_to_end_id, None, False, False, ON, None, 0, 14_999) for e in good)
    with pytest.raises(StatementRefused, match="14999"):
        decide_import_statement(importing(*short), book(), LATER)


def test_importing_a_statement_needs_the_finance_role():
    with pytest.raises(NotAllowed):
        decide_import_statement(importing(entry(P1, 10_000), roles=CONTROLLER), book(), LATER)
