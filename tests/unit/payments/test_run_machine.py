"""Payment runs as a state machine: random sequences of run commands on the pure domain, with a
model of the money that left the region's account, checked after every step.

Items arrive (lines, credits, advances, settlements of advance contracts); runs are created and
approved by any of three finance users, exported, confirmed, cancelled; the bank returns
transfers, by hand or in statements that book and return any of a file's transfers. Invariants:
no item is in two exported runs unless a return released it in between; what was sent for an
item never exceeds its amount (sent at most once, net of returns); an exported file's total
equals its transfers, and the file never changes afterwards; no run is approved or sent by its
creator alone (four eyes).
"""

from __future__ import annotations

from collections import Counter
from datetime import UTC, date, datetime, time, timedelta

from hypothesis import event, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from services.payments.domain import book as bk
from services.payments.domain import commands as cmd
from services.payments.domain.advances import decide_schedule_advances, decide_settle_advances
from services.payments.domain.bank_statements import BankEntry, BankStatement, decide_import_statement
from services.payments.domain.events import TransferReturned
from services.payments.domain.remittance import end_to_end_id
from services.payments.domain.errors import PaymentsError, RunExported, SameUser
from services.payments.domain.payables import decide_book_approved_line
from services.payments.domain.returns import decide_return_transfer
from services.payments.domain.runs import (
    decide_approve_run, decide_cancel_run, decide_confirm_run, decide_create_run, decide_export_run, transfers,
)

FINANCE = frozenset({"finance"})
PROVIDERS = ("11111111", "22222222", "33333333")
USERS = ("fin-1", "fin-2", "fin-3")
NEXT_STEP = {bk.CREATED: "approve", bk.APPROVED: "export", bk.EXPORTED: "confirm"}
ADVANCE_CONTRACT = cmd.AdvanceTerms("CA", "11111111", "0193", 5_000, date(2026, 1, 1), date(2026, 12, 31))


class PaymentBook(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.book = bk.Book()
        self.today = date(2026, 3, 1)
        self.lines = 0
        self.sent: Counter[str] = Counter()
        """Per item: times it was in a transfer of an exported file, minus the returns."""
        self.exported_in: dict[str, str] = {}
        """Item → the exported run holding it that no return has released."""
        self.files: dict[str, list] = {}
        self.paid_out: Counter[str] = Counter()
        """Per provider: the transfers of every exported file, minus the returned ones."""
        self.statements = 0

    @property
    def now(self) -> datetime:
        return datetime.combine(self.today, time(9), UTC)

    def decide(self, decider, command) -> list:  # type: ignore[no-untyped-def]
        try:
            decided = decider(command, self.book, self.now)
        except PaymentsError as refused:
            event(f"{decider.__name__}: {type(refused).__name__}")  # --hypothesis-show-statistics
            return []
        event(f"{decider.__name__}: {len(decided)} events")
        self.book = bk.fold(decided, self.book)
        return decided

    @initialize(owed=st.lists(st.tuples(st.sampled_from(PROVIDERS), st.integers(1, 20_000)), min_size=1, max_size=6))
    def lines_are_owed(self, owed: list[tuple[str, int]]) -> None:
        for provider, amount in owed:
            self.line_arrives(provider, amount, term=0, on_advance=False)

    @rule(days=st.integers(1, 20))
    def time_passes(self, days: int) -> None:
        self.today += timedelta(days=days)

    @rule(provider=st.sampled_from(PROVIDERS), amount=st.integers(-8_000, -1) | st.integers(1, 20_000),
          term=st.sampled_from([0, 14, 30]), on_advance=st.booleans())
    def line_arrives(self, provider: str, amount: int, term: int, on_advance: bool) -> None:
        self.lines += 1
        advance = on_advance and provider == ADVANCE_CONTRACT.provider
        self.decide(decide_book_approved_line, cmd.BookApprovedLine(
            f"L{self.lines}", provider, "0193", "CA" if advance else f"C-{provider}", f"D{self.lines}", amount,
            date(2026, 1, 1), self.today, term, contract_pays_advances=advance,
            credited_line_id="L0" if amount < 0 else None))

    @rule(settle=st.booleans())
    def advances_are_scheduled_or_settled(self, settle: bool) -> None:
        if settle:
            self.decide(decide_settle_advances, cmd.SettleAdvances("CA", 2026, self.today, "fin", FINANCE))
        else:
            self.decide(decide_schedule_advances, cmd.ScheduleAdvances(ADVANCE_CONTRACT, self.today, "fin", FINANCE))

    @rule(ahead=st.integers(0, 60), user=st.sampled_from(USERS))
    def run_is_created(self, ahead: int, user: str) -> None:
        run_id = f"R{len(self.book.runs) + 1}"
        self.decide(decide_create_run, cmd.CreatePaymentRun(run_id, self.today + timedelta(days=ahead), user, FINANCE))

    @precondition(lambda self: self.book.runs)
    @rule(data=st.data(), user=st.sampled_from(USERS))
    def run_moves_on(self, data: st.DataObject, user: str) -> None:
        run = self.book.runs[self.a_run(data)]
        self.take(run.run_id, NEXT_STEP.get(run.status, "approve"), user)

    @precondition(lambda self: self.book.runs)
    @rule(data=st.data(), step=st.sampled_from(["approve", "export", "confirm", "cancel"]), user=st.sampled_from(USERS))
    def run_takes_any_step(self, data: st.DataObject, step: str, user: str) -> None:
        self.take(self.a_run(data), step, user)

    def take(self, run_id: str, step: str, user: str = "fin-2") -> None:
        if step == "approve":
            self.approve(run_id, user)
        elif step == "export":
            command = cmd.ExportPaymentRun(run_id, run_id, self.today, "fin", FINANCE)
            for exported in self.decide(decide_export_run, command):
                self.sent_to_the_bank(run_id, exported.total)
        elif step == "confirm":
            self.decide(decide_confirm_run, cmd.ConfirmPaymentRun(run_id, self.today, "fin", FINANCE))
        else:
            self.cancel(run_id)

    def approve(self, run_id: str, user: str) -> None:
        command = cmd.ApprovePaymentRun(run_id, user, FINANCE)
        run = self.book.runs[run_id]
        if user == run.created_by and run.status in bk.UNSENT_RUN_STEPS:
            try:
                decide_approve_run(command, self.book, self.now)
            except SameUser:
                return
            raise AssertionError(f"{user} approved the run {run_id} they created")
        self.decide(decide_approve_run, command)

    def cancel(self, run_id: str) -> None:
        run = self.book.runs[run_id]
        command = cmd.CancelPaymentRun(run_id, "redo", "fin", FINANCE)
        if run.status in (bk.EXPORTED, bk.CONFIRMED):
            try:
                decide_cancel_run(command, self.book, self.now)
            except RunExported:
                return
            raise AssertionError(f"an exported run ({run.status}) was cancelled")
        self.decide(decide_cancel_run, command)

    @precondition(lambda self: self.files)
    @rule(data=st.data())
    def bank_statement_arrives(self, data: st.DataObject) -> None:
        """Each transfer of an exported file is booked, returned, both, or not on this statement."""
        run_id = data.draw(st.sampled_from(sorted(self.files)))
        entries = []
        for n, transfer in enumerate(self.files[run_id]):
            fate = data.draw(st.sampled_from(["booked", "returned", "both", "absent"]))
            e2e = end_to_end_id(run_id, transfer.provider)
            entries += [BankEntry(e2e, transfer.amount, credit, False, self.today, "AC04", n, transfer.amount)
                        for credit in {"booked": [False], "returned": [True], "both": [False, True]}.get(fate, [])]
        self.statements += 1
        statement = BankStatement(f"S{self.statements}", "M", "NL67INGB0006543210", tuple(entries))
        command = cmd.ImportBankStatement(statement, statement.account, "fin-2", FINANCE)
        for returned in self.decide(decide_import_statement, command):
            if isinstance(returned, TransferReturned):
                self.returned(run_id, returned)

    def returned(self, run_id: str, returned: TransferReturned) -> None:
        self.paid_out[returned.provider] -= returned.amount
        for item_id in returned.item_ids:
            assert self.exported_in.pop(item_id) == run_id
            self.sent[item_id] -= 1

    @precondition(lambda self: self.files)
    @rule(data=st.data())
    def bank_returns_a_transfer(self, data: st.DataObject) -> None:
        run_id = data.draw(st.sampled_from(sorted(self.files)))
        paid = [t.provider for t in self.files[run_id]]
        provider = data.draw(st.sampled_from(paid) | st.sampled_from(PROVIDERS) if paid else st.sampled_from(PROVIDERS))
        amount = next((t.amount for t in self.files[run_id] if t.provider == provider), 0)
        command = cmd.ReturnTransfer(run_id, provider, amount, "AC04", self.today, "fin", FINANCE)
        for returned in self.decide(decide_return_transfer, command):
            self.returned(run_id, returned)

    def a_run(self, data: st.DataObject) -> str:
        """Mostly a run still moving through its steps; any run (refusals included) otherwise."""
        moving = sorted(r.run_id for r in self.book.runs.values() if r.status in bk.UNSENT_RUN_STEPS + (bk.EXPORTED,))
        any_run = st.sampled_from(sorted(self.book.runs))
        return data.draw(st.sampled_from(moving) | any_run if moving else any_run)

    def sent_to_the_bank(self, run_id: str, file_total: int) -> None:
        run = self.book.runs[run_id]
        for item_id in run.item_ids:
            assert item_id not in self.exported_in, f"{item_id} exported in {self.exported_in[item_id]} and {run_id}"
            self.exported_in[item_id] = run_id
        self.files[run_id] = transfers(self.book, run_id)
        assert file_total == sum(t.amount for t in self.files[run_id]) == run.total
        self.sent.update(i for t in self.files[run_id] for i in t.item_ids)
        self.paid_out.update({t.provider: t.amount for t in self.files[run_id]})

    @invariant()
    def nothing_is_sent_twice(self) -> None:
        assert all(0 <= n <= 1 for n in self.sent.values()), self.sent

    @invariant()
    def what_left_the_account_is_what_the_sent_items_are_worth(self) -> None:
        for provider in PROVIDERS:
            worth = sum(i.amount for i in self.book.items.values() if i.provider == provider and self.sent[i.item_id])
            assert self.paid_out[provider] == worth

    @invariant()
    def an_exported_file_never_changes(self) -> None:
        for run_id, sent in self.files.items():
            assert transfers(self.book, run_id) == sent
            assert self.book.runs[run_id].status in (bk.EXPORTED, bk.CONFIRMED)

    @invariant()
    def every_run_sent_to_the_bank_was_approved_by_another_user_than_its_creator(self) -> None:
        for run_id in self.files:
            run = self.book.runs[run_id]
            assert run.approved_by is not None and run.approved_by != run.created_by

    @invariant()
    def a_run_totals_its_items(self) -> None:
        for run in self.book.runs.values():
            assert run.total == sum(self.book.items[i].amount for i in run.item_ids)

    @invariant()
    def an_item_owed_is_in_no_live_run(self) -> None:
        for item in self.book.items.values():
            holding = [r for r in self.book.runs.values() if item.item_id in r.item_ids
                       and r.status != bk.CANCELLED and not r.returned(item.provider)]
            assert len(holding) <= 1
            assert item.run_id == (holding[0].run_id if holding else None)

    @invariant()
    def a_paid_item_was_sent_or_netted_to_zero(self) -> None:
        for item in self.book.items.values():
            if item.status == bk.PAID:
                run = self.book.runs[self.exported_in[item.item_id]]
                assert run.status == bk.CONFIRMED


PaymentBook.TestCase.settings = settings(max_examples=200, stateful_step_count=30, derandomize=True, deadline=None)
test_payment_book = PaymentBook.TestCase
