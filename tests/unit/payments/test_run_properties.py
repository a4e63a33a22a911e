"""Properties of payment runs over random histories of lines, credits, runs and run steps."""

from datetime import date, timedelta
from itertools import combinations

from hypothesis import given as for_all
from hypothesis import settings
from hypothesis import strategies as st

from services.payments.domain.book import CANCELLED, Book
from services.payments.domain.commands import CancelPaymentRun
from services.payments.domain.errors import NothingDue, RunNotInStep
from services.payments.domain.payables import decide_book_approved_line
from services.payments.domain.runs import (
    decide_cancel_run, decide_confirm_run, decide_create_run, decide_export_run,
    decide_review_run, transfers,
)

from tests.unit.payments.builders import FINANCE, confirm, create, export, given, line, review

START = date(2026, 1, 1)
lines = st.tuples(st.just("line"), st.integers(0, 30), st.sampled_from("ABC"),
                  st.integers(-5_000, 20_000).filter(bool), st.integers(0, 60))
runs = st.tuples(st.just("run"), st.integers(0, 120))
steps = st.tuples(st.just("step"), st.sampled_from(["review", "export", "confirm", "cancel"]))
STEP = {
    "review": (decide_review_run, review),
    "export": (decide_export_run, export),
    "confirm": (decide_confirm_run, confirm),
    "cancel": (decide_cancel_run, lambda r: CancelPaymentRun(r, "test", "fin-1", FINANCE)),
}


def apply(book: Book, op: tuple) -> Book:
    try:
        if op[0] == "line":
            _, n, provider, amount, day = op
            command = line(f"L{n}", amount=amount, provider=provider * 8,
                           answered_on=START + timedelta(days=day), payment_term_days=30)
            return given(book, decide_book_approved_line, command)
        if op[0] == "run":
            return given(book, decide_create_run,
                         create(f"R{len(book.runs)}", START + timedelta(days=op[1])))
        decider, command = STEP[op[1]]
        return given(book, decider, command(f"R{len(book.runs) - 1}")) if book.runs else book
    except (NothingDue, RunNotInStep):
        return book


@settings(max_examples=200, deadline=None)
@for_all(st.lists(st.one_of(lines, runs, steps), max_size=40))
def test_run_total_is_the_sum_of_its_items_and_no_item_is_in_two_runs(history):
    book = Book()
    for op in history:
        book = apply(book, op)
        live = [r for r in book.runs.values() if r.status != CANCELLED]
        for run in book.runs.values():
            assert run.total == sum(book.items[i].amount for i in run.item_ids)
            assert run.total == sum(t.amount for t in transfers(book, run.run_id))
        for a, b in combinations(live, 2):
            assert not set(a.item_ids) & set(b.item_ids)
        for run in live:
            assert all(book.items[i].run_id == run.run_id for i in run.item_ids)
