"""Advances (voorschotten): scheduled per period, paid through payment runs, settled per year.

Approved lines on an advance contract are offset against the advances paid instead of being paid
one by one; the settlement pays the balance (approved − advances paid) or books it for reclaim
as a negative item, which nets against the provider's next payments (design.md §6).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from services.payments.domain.authorisation import require_finance
from services.payments.domain.book import ADVANCE, DUE, IN_RUN, LINE, CREDIT, PAID, Book
from services.payments.domain.commands import AdvanceTerms, ScheduleAdvances, SettleAdvances
from services.payments.domain.errors import AdvancesOutstanding, PaymentsError
from services.payments.domain.events import AdvanceScheduled, AdvancesSettled


def add_months(day: date, months: int) -> date:
    """First day of the month `months` after `day`'s month (periods start on the 1st)."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def advance_periods(terms: AdvanceTerms, up_to: date) -> list[tuple[date, date]]:
    periods, start = [], terms.first_period_start
    while start <= min(up_to, terms.last_period_end):
        end = min(add_months(start, terms.months_per_period) - timedelta(days=1),
                  terms.last_period_end)
        periods.append((start, end))
        start = end + timedelta(days=1)
    return periods


def advance_item_id(contract_id: str, period_start: date) -> str:
    return f"advance:{contract_id}:{period_start.isoformat()}"


def decide_schedule_advances(
    command: ScheduleAdvances, book: Book, now: datetime
) -> list[AdvanceScheduled]:
    """One AdvanceScheduled per period started by `up_to` and not scheduled yet (idempotent);
    each advance is due on the first day of its period. Years already settled get none."""
    require_finance(command.roles)
    t = command.terms
    return [
        AdvanceScheduled(
            item_id=advance_item_id(t.contract_id, start), contract_id=t.contract_id,
            provider=t.provider, municipality=t.municipality, period_start=start,
            period_end=end, amount=t.amount, due_on=start,
        )
        for start, end in advance_periods(t, command.up_to)
        if advance_item_id(t.contract_id, start) not in book.items
        and (t.contract_id, start.year) not in book.settled
    ]


@dataclass(frozen=True)
class SettlementStatement:
    contract_id: str
    provider: str
    municipality: str
    year: int
    advances_paid: int
    advances_open: int
    """Scheduled for the year but not paid yet (due or in a run)."""
    approved: int
    """Approved debits minus credits offset against the advances (by ProductPeriode year)."""

    @property
    def balance(self) -> int:
        """> 0: still to pay to the provider; < 0: to reclaim from the provider."""
        return self.approved - self.advances_paid


def settlement_statement(book: Book, contract_id: str, year: int) -> SettlementStatement:
    items = [i for i in book.items.values()
             if i.contract_id == contract_id and i.period_start.year == year]
    if not items:
        raise PaymentsError(f"no advances or lines for contract {contract_id} in {year}")
    advances = [i for i in items if i.kind == ADVANCE]
    # The advance terms name the municipality that pays; lines may come from several.
    payer = (advances or items)[0]
    return SettlementStatement(
        contract_id=contract_id, provider=payer.provider,
        municipality=payer.municipality, year=year,
        advances_paid=sum(i.amount for i in advances if i.status == PAID),
        advances_open=sum(i.amount for i in advances if i.status in (DUE, IN_RUN)),
        approved=sum(i.amount for i in items if i.kind in (LINE, CREDIT) and i.against_advance),
    )


def decide_settle_advances(
    command: SettleAdvances, book: Book, now: datetime
) -> list[AdvancesSettled]:
    require_finance(command.roles)
    if (command.contract_id, command.year) in book.settled:
        return []
    s = settlement_statement(book, command.contract_id, command.year)
    if s.advances_open:
        raise AdvancesOutstanding(f"{s.advances_open} ct of {command.year} advances not paid yet")
    return [
        AdvancesSettled(
            item_id=f"settlement:{s.contract_id}:{s.year}", contract_id=s.contract_id,
            provider=s.provider, municipality=s.municipality, year=s.year,
            advances_paid=s.advances_paid, approved=s.approved, balance=s.balance,
            due_on=command.due_on, by=command.by,
        )
    ]
