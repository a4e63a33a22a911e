"""`invoicing.DeclarationSettled`, `LinesHeld` and `LinesDecided` v1 (shared/exchange/invoicing.py)
as payments commands and the rows of the lines payments keeps.

A line is identified by (provider, reference): a provider's reference is unique across its
declarations (8021), and a credit names the line it credits by its previous reference.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from services.payments.adapters.region_terms import ContractTerms, contract_for
from services.payments.domain.commands import BookApprovedLine, RecordCeilingUsage
from services.payments.domain.ceilings import APPROVED, EXEMPT, HELD, RELEASED


def line_id(provider: str, reference: str) -> str:
    return f"{provider}:{reference}"


def booking_commands(settled: dict[str, Any], contracts: tuple[ContractTerms, ...],
                     default_term_days: int) -> list[BookApprovedLine]:
    provider, municipality = settled["provider"], settled["municipality"]
    contract = contract_for(contracts, provider, municipality)
    answered_on = date.fromisoformat(settled["answered_on"])
    return [BookApprovedLine(
        line_id=line_id(provider, line["reference"]), provider=provider, municipality=municipality,
        contract_id=contract.contract_id if contract else provider,
        declaration_id=settled["declaration_id"], amount=int(line["amount"]),
        period_start=date.fromisoformat(line["period_begin"]), answered_on=answered_on,
        payment_term_days=contract.payment_term_days if contract else default_term_days,
        contract_pays_advances=bool(contract and contract.advance_per_month),
        credited_line_id=(line_id(provider, line["previous_reference"])
                          if int(line["amount"]) < 0 and line.get("previous_reference") else None),
        declaration_number=settled.get("declaration_number"), reference=line["reference"],
    ) for line in settled["approved"]]


def usage_commands(bookings: list[BookApprovedLine], contracts: tuple[ContractTerms, ...],
                   exempt: frozenset[str] = frozenset()) -> list[RecordCeilingUsage]:
    """Approved lines (credits negative) on a contract with a ceiling for the year of care; those
    invoicing found exempt from it (`exempt`: line ids) are recorded beside it, not under it."""
    ceilings = {(c.contract_id, year) for c in contracts for year in c.ceilings}
    return [RecordCeilingUsage(b.contract_id, b.period_start.year, b.line_id,
                               EXEMPT if b.line_id in exempt else APPROVED, b.amount)
            for b in bookings if (b.contract_id, b.period_start.year) in ceilings]


def exempt_lines(settled: dict[str, Any]) -> frozenset[str]:
    """The approved lines invoicing matched as exempt from their contract's ceiling (optional
    `ceiling_exempt` of DeclarationSettled v1; absent: not exempt)."""
    return frozenset(line_id(settled["provider"], line["reference"]) for line in settled["approved"]
                     if line.get("ceiling_exempt"))


def held_usage_commands(held: dict[str, Any], contracts: tuple[ContractTerms, ...]) -> list[RecordCeilingUsage]:
    """`invoicing.LinesHeld`: held lines count under their ceiling until the declaration settles;
    a line exempt from the ceiling never counts under it."""
    lines = [(line["reference"], date.fromisoformat(line["period_begin"]).year, int(line["amount"]))
             for line in held["held"] if not line.get("ceiling_exempt")]
    return _under_ceiling(held, contracts, HELD, lines)


def released_usage_commands(settled: dict[str, Any], contracts: tuple[ContractTerms, ...]) -> list[RecordCeilingUsage]:
    """The lines a settled declaration did not approve: released if they were counted as held."""
    lines = [(line["reference"], date.fromisoformat(line["period_begin"]).year, 0)
             for line in settled.get("rejected", [])]
    return _under_ceiling(settled, contracts, RELEASED, lines)


def _under_ceiling(message: dict[str, Any], contracts: tuple[ContractTerms, ...], status: str,
                   lines: list[tuple[str, int, int]]) -> list[RecordCeilingUsage]:
    contract = contract_for(contracts, message["provider"], message["municipality"])
    if contract is None:
        return []
    return [RecordCeilingUsage(contract.contract_id, year, line_id(message["provider"], reference), status, amount)
            for reference, year, amount in lines if year in contract.ceilings]


def decided_usage_commands(decided: dict[str, Any], contracts: tuple[ContractTerms, ...]) -> list[RecordCeilingUsage]:
    """`invoicing.LinesDecided`: approved lines count under their ceiling from the decision on (not
    from the JW325), exempt ones beside it; rejected lines that were held are released."""
    approved = [(line["reference"], date.fromisoformat(line["period_begin"]).year, int(line["amount"]),
                 EXEMPT if line.get("ceiling_exempt") else APPROVED) for line in decided["approved"]]
    return [*(command for status in (APPROVED, EXEMPT) for command in _under_ceiling(
                decided, contracts, status, [(r, y, a) for r, y, a, s in approved if s == status])),
            *released_usage_commands(decided, contracts)]


def paid_lines(message: dict[str, Any], key: str,
               lump_sum_of: Callable[[dict[str, Any]], str | None]) -> dict[str, Any]:
    """The message with only its lines `key` that are not under a lump-sum schedule: a line under
    one is information, paid by the lump sum, and counts under no ceiling."""
    return {**message, key: [line for line in message[key] if not lump_sum_of(line)]}


def line_rows(message: dict[str, Any], lines: list[dict[str, Any]], status: str,
              lump_sum_of: Callable[[dict[str, Any]], str | None] = lambda line: None) -> list[dict[str, Any]]:
    """What the budget report needs of each line: its product (for the budget line), its amount and
    month of care, its volume on its allocation (for what a total allocation still commits) and,
    for a credit, the line it cancels; and the lump-sum schedule it falls under, if any (such a
    line is information: the budget counts the lump sum instead). A held line told of before lines
    carried their product (LinesHeld before 2026-12-06) is left out: it counts once decided."""
    provider = message["provider"]
    return [{"line_id": line_id(provider, line["reference"]), "municipality": message["municipality"],
             "allocation_number": int(line["allocation_number"]), "category": line["category"],
             "code": line.get("code"), "unit": line["unit"],
             "volume": -abs(int(line["volume"])) if int(line["amount"]) < 0 else abs(int(line["volume"])),
             "status": status, "amount": int(line["amount"]), "period_start": date.fromisoformat(line["period_begin"]),
             "credits": (line_id(provider, line["previous_reference"])
                         if int(line["amount"]) < 0 and line.get("previous_reference") else None),
             "lump_sum": lump_sum_of(line)}
            for line in lines if "category" in line]


def rejected_line_ids(message: dict[str, Any]) -> list[str]:
    return [line_id(message["provider"], line["reference"]) for line in message.get("rejected", [])]
