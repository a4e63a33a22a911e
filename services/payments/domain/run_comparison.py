"""A payment run beside the previous one sent to the bank, per provider: what finance checks
before approving a run (a provider paid far more or less than last time, one missing, one new).

The previous run is the latest one created before this run whose file was exported (exported or
confirmed): a cancelled run paid nothing, and a run still waiting is no settled basis. Amounts
are each provider's net in the run (lines minus credits, plus advances and settlements), which is
its transfer; a provider whose net was negative is carried forward and paid nothing this time."""

from __future__ import annotations

from dataclasses import dataclass

from services.payments.domain.book import CONFIRMED, EXPORTED, Book, Item, Run
from services.payments.domain.runs import by_provider


@dataclass(frozen=True)
class ProviderComparison:
    provider: str
    amount: int
    declarations: int
    items: int
    previous_amount: int | None
    """None when there is no previous run; 0 when the provider was not in it."""
    previous_declarations: int | None
    carried_forward: bool

    @property
    def difference(self) -> int | None:
        return None if self.previous_amount is None else self.amount - self.previous_amount


@dataclass(frozen=True)
class RunComparison:
    run: Run
    previous: Run | None
    providers: tuple[ProviderComparison, ...]


def previous_sent(book: Book, run_id: str) -> Run | None:
    """The latest run created before `run_id` whose file went to the bank (runs keep their
    creation order in the book)."""
    before = list(book.runs)[:list(book.runs).index(run_id)]
    return next((book.runs[r] for r in reversed(before) if book.runs[r].status in (EXPORTED, CONFIRMED)), None)


def compare(book: Book, run_id: str) -> RunComparison:
    run = book.runs[run_id]
    previous = previous_sent(book, run_id)
    now, then = _per_provider(book, run), _per_provider(book, previous) if previous else {}
    providers = sorted(set(now) | set(then) | set(run.carried_forward))
    return RunComparison(run, previous, tuple(
        _row(p, now.get(p, []), then.get(p, []) if previous else None, p in run.carried_forward) for p in providers))


def _row(provider: str, items: list[Item], before: list[Item] | None, carried_forward: bool) -> ProviderComparison:
    amount, declarations, count = _totals(items)
    previous_amount, previous_declarations, _ = _totals(before) if before is not None else (None, None, None)
    return ProviderComparison(provider, amount, declarations, count, previous_amount, previous_declarations,
                              carried_forward)


def _per_provider(book: Book, run: Run) -> dict[str, list[Item]]:
    return by_provider(book.items[i] for i in run.item_ids)


def _totals(items: list[Item]) -> tuple[int, int, int]:
    """Net amount, declarations (of its lines and credits) and items."""
    return sum(i.amount for i in items), len({i.declaration_id for i in items if i.declaration_id}), len(items)
