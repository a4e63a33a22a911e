"""`invoicing.DeclarationSettled`, `LinesHeld` and `LinesDecided` v1 (shared/exchange/invoicing.py),
decoded into their typed classes, as payments commands and the rows of the lines payments keeps.

A line is identified by (provider, reference): a provider's reference is unique across its
declarations (8021), and a credit names the line it credits by its previous reference.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from services.payments.adapters.region_terms import ContractTerms, contract_for
from services.payments.domain.ceilings import APPROVED, EXEMPT, HELD, RELEASED
from services.payments.domain.commands import BookApprovedLine, RecordCeilingUsage
from shared.exchange.invoicing import (DeclarationSettled, DecidedLine, HeldLine, LinesDecided, LinesHeld,
                                       SettledLine)

Told = DeclarationSettled | LinesHeld | LinesDecided
"""A message of invoicing about a declaration's lines."""
ToldLine = SettledLine | HeldLine | DecidedLine
LumpSumOf = Callable[[ToldLine], str | None]
"""A told line → the lump-sum schedule it falls under, or None."""


def line_id(provider: str, reference: str) -> str:
    return f"{provider}:{reference}"


def booking_commands(settled: DeclarationSettled, contracts: tuple[ContractTerms, ...], default_term_days: int,
                     lump_sum_of: LumpSumOf = lambda line: None) -> list[BookApprovedLine]:
    """One command per approved line, each under a lump-sum schedule naming it (then the line is
    information, not payable); the contract's terms are looked up once for the declaration."""
    provider, municipality = settled.provider, settled.municipality
    contract = contract_for(contracts, provider, municipality)
    contract_id = contract.contract_id if contract else provider
    term = contract.payment_term_days if contract else default_term_days
    advances = bool(contract and contract.advance_per_month)
    return [BookApprovedLine(
        line_id(provider, line.reference), provider, municipality, contract_id, settled.declaration_id, line.amount,
        line.period_begin, settled.answered_on, term, advances, _credited(provider, line),
        settled.declaration_number, line.reference, lump_sum_of(line),
    ) for line in settled.approved]


def _credited(provider: str, line: SettledLine | DecidedLine) -> str | None:
    return line_id(provider, line.previous_reference) if line.amount < 0 and line.previous_reference else None


def usage_commands(bookings: Sequence[BookApprovedLine], contracts: tuple[ContractTerms, ...],
                   exempt: frozenset[str] = frozenset()) -> list[RecordCeilingUsage]:
    """Approved lines (credits negative) on a contract with a ceiling for the year of care; those
    invoicing found exempt from it (`exempt`: line ids) are recorded beside it, not under it."""
    ceilings = {(c.contract_id, year) for c in contracts for year in c.ceilings}
    return [RecordCeilingUsage(b.contract_id, b.period_start.year, b.line_id,
                               EXEMPT if b.line_id in exempt else APPROVED, b.amount)
            for b in bookings if (b.contract_id, b.period_start.year) in ceilings]


def exempt_lines(settled: DeclarationSettled) -> frozenset[str]:
    """The approved lines invoicing matched as exempt from their contract's ceiling."""
    return frozenset(line_id(settled.provider, line.reference) for line in settled.approved if line.ceiling_exempt)


def held_usage_commands(held: LinesHeld, lines: Sequence[HeldLine],
                        contracts: tuple[ContractTerms, ...]) -> list[RecordCeilingUsage]:
    """`invoicing.LinesHeld`: held lines count under their ceiling until the declaration settles;
    a line exempt from the ceiling never counts under it."""
    counted = [(line.reference, line.period_begin.year, line.amount) for line in lines if not line.ceiling_exempt]
    return _under_ceiling(held, contracts, HELD, counted)


def released_usage_commands(told: DeclarationSettled | LinesDecided,
                            contracts: tuple[ContractTerms, ...]) -> list[RecordCeilingUsage]:
    """The lines a settled declaration did not approve: released if they were counted as held."""
    return _under_ceiling(told, contracts, RELEASED, [(r.reference, r.period_begin.year, 0) for r in told.rejected])


def _under_ceiling(told: Told, contracts: tuple[ContractTerms, ...], status: str,
                   lines: list[tuple[str, int, int]]) -> list[RecordCeilingUsage]:
    contract = contract_for(contracts, told.provider, told.municipality)
    if contract is None:
        return []
    return [RecordCeilingUsage(contract.contract_id, year, line_id(told.provider, reference), status, amount)
            for reference, year, amount in lines if year in contract.ceilings]


def decided_usage_commands(decided: LinesDecided, lines: Sequence[DecidedLine],
                           contracts: tuple[ContractTerms, ...]) -> list[RecordCeilingUsage]:
    """`invoicing.LinesDecided`: approved lines count under their ceiling from the decision on (not
    from the JW325), exempt ones beside it; rejected lines that were held are released."""
    approved = [(line.reference, line.period_begin.year, line.amount, EXEMPT if line.ceiling_exempt else APPROVED)
                for line in lines]
    return [*(command for status in (APPROVED, EXEMPT) for command in _under_ceiling(
                decided, contracts, status, [(r, y, a) for r, y, a, s in approved if s == status])),
            *released_usage_commands(decided, contracts)]


def paid(lines: Sequence[ToldLine], lump_sum_of: LumpSumOf) -> list[Any]:
    """The lines not under a lump-sum schedule: a line under one is information, paid by the lump
    sum, and counts under no ceiling."""
    return [line for line in lines if not lump_sum_of(line)]


def line_rows(told: Told, lines: Sequence[ToldLine], status: str,
              lump_sum_of: LumpSumOf = lambda line: None) -> list[dict[str, Any]]:
    """What the budget report needs of each line: its product (for the budget line), its amount and
    month of care, its volume on its allocation (for what a total allocation still commits) and,
    for a credit, the line it cancels; and the lump-sum schedule it falls under, if any (such a
    line is information: the budget counts the lump sum instead). A held line told of before lines
    carried their product (LinesHeld before 2026-12-06) is left out: it counts once decided."""
    provider, municipality = told.provider, told.municipality
    return [{"line_id": line_id(provider, line.reference), "municipality": municipality,
             "allocation_number": line.allocation_number, "category": line.category, "code": line.code,
             "unit": line.unit, "volume": _volume(line), "status": status, "amount": line.amount,
             "period_start": line.period_begin,
             "credits": _credited(provider, line) if not isinstance(line, HeldLine) else None,
             "lump_sum": lump_sum_of(line)}
            for line in lines if line.category is not None]


def _volume(line: ToldLine) -> int:
    """Signed as the amount (a credit takes volume back); a held line told without it counts 0."""
    volume = abs(line.volume or 0)
    return -volume if line.amount < 0 else volume


def rejected_line_ids(told: DeclarationSettled | LinesDecided) -> list[str]:
    return [line_id(told.provider, line.reference) for line in told.rejected]
