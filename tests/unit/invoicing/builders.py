"""Builders for the invoicing domain tests: the §12.9 worked example is the default world."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, time

from services.invoicing.domain.allocation import AllocationVersion, AllocationView, Extent, Frequency
from services.invoicing.domain.contract import ContractView, Tariff
from services.invoicing.domain.declaration import (Client, Declaration, DebitCredit, Header, Line,
                                                   Period, Unit)
from services.invoicing.domain.history import History, PriorLine
from services.invoicing.domain.matcher import MatchContext, match_declaration
from services.invoicing.domain.money import unsigned
from services.invoicing.domain.policy import MatchPolicy

AGB = "42420001"
GEMEENTE = "0384"
BSN = "999900006"
OTHER_BSN = "999900018"
ALLOCATION = 300201
APRIL = Period(date(2026, 4, 1), date(2026, 4, 30))
MAY = Period(date(2026, 5, 1), date(2026, 5, 31))
JULY = Period(date(2026, 7, 1), date(2026, 7, 31))
HOUR_TARIFF = 7500


def version(**changes) -> AllocationVersion:
    base = AllocationVersion(
        decided_on=date(2026, 4, 1), decided_at=time(12, 34, 56), category="55", code="55A11",
        start=date(2026, 4, 1), end=date(2026, 7, 14),
        extent=Extent(2, Unit.HOUR, Frequency.PER_WEEK))
    return replace(base, **changes)


def allocation(*versions: AllocationVersion, number: int = ALLOCATION, bsn: str = BSN) -> AllocationView:
    return AllocationView(number, GEMEENTE, AGB, bsn, versions or (version(),))


def line(reference: str = "R100", **changes) -> Line:
    base = Line(reference=reference, previous_reference=None, allocation_number=ALLOCATION,
                category="55", code="55A11", period=APRIL, volume=8, unit=Unit.HOUR,
                tariff=HOUR_TARIFF, amount=60000, debit_credit=DebitCredit.DEBIT)
    return replace(base, **changes)


def credit_of(original: Line, reference: str) -> Line:
    return replace(original, reference=reference, previous_reference=original.reference,
                   debit_credit=DebitCredit.CREDIT)


def declaration(*lines: Line, period: Period = APRIL, bsn: str = BSN, clients: tuple[Client, ...] = (),
                number: str = "DN001", message_id: str = "M1", dated: date = date(2026, 5, 6)) -> Declaration:
    clients = clients or (Client(bsn, lines or (line(),)),)
    total, sign = unsigned(sum(li.signed_amount for c in clients for li in c.lines))
    header = Header(AGB, GEMEENTE, message_id, dated, ("1.0.0", "1.0.0"))
    return Declaration(header, number, period, dated, total, sign, clients)


def contract(*tariffs: Tariff) -> ContractView:
    tariffs = tariffs or (Tariff("55A11", Unit.HOUR, HOUR_TARIFF, date(2026, 1, 1), date(2026, 12, 31)),)
    return ContractView(tariffs, {"55A11": "55", "55A12": "55", "45A03": "45"})


def context(*allocations: AllocationView, history: History = History(), tariffs: tuple[Tariff, ...] = (),
            received_on: date = date(2026, 5, 6)) -> MatchContext:
    views = allocations or (allocation(),)
    return MatchContext(received_on, {v.number: v for v in views}, contract(*tariffs), history,
                        frozenset({GEMEENTE}))


def approved(*lines: Line, credited: tuple[str, ...] = ()) -> History:
    return History.of(tuple(PriorLine(li, li.reference in credited) for li in lines))


def match(decl: Declaration | None = None, ctx: MatchContext | None = None,
          policy: MatchPolicy | None = None):
    return match_declaration(decl or declaration(), ctx or context(), policy or MatchPolicy.default())


def codes(decl: Declaration | None = None, ctx: MatchContext | None = None,
          policy: MatchPolicy | None = None, reference: str | None = None) -> tuple[str, ...]:
    """The codes on one line (the last one unless `reference` names it)."""
    outcomes = match(decl, ctx, policy).lines
    chosen = [o for o in outcomes if reference in (None, o.line.reference)]
    return chosen[-1].codes
