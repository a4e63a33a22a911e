"""Advances (voorschotten): schedule every contract's monthly advance up to a date, and settle a
contract-year — staff commands through `book_command`."""

from __future__ import annotations

from datetime import date, datetime

from services.payments.adapters.region_terms import advance_terms, contracts_of
from services.payments.context import Payments
from services.payments.domain import advances
from services.payments.domain import book as books
from services.payments.domain.commands import AdvanceTerms, ScheduleAdvances
from services.payments.handlers.book import book_command
from shared.audit import AuditEntry


async def schedule_advances(ctx: Payments, up_to: date, by: str, roles: frozenset[str], audit: AuditEntry) -> int:
    contracts = contracts_of(await ctx.queries.reference.section("contracts", []))
    terms = [t for c in contracts if (t := advance_terms(c, up_to.year)) is not None]

    def decide(all_terms: list[AdvanceTerms], book: books.Book, now: datetime) -> list:
        return [event for t in all_terms
                for event in advances.decide_schedule_advances(ScheduleAdvances(t, up_to, by, roles), book, now)]

    return len(await book_command(ctx, decide, terms, audit))
