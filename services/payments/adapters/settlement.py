"""`invoicing.DeclarationSettled` v1 (shared/exchange/invoicing.py) as payments commands.

A line is identified by (provider, reference): a provider's reference is unique across its
declarations (8021), and a credit names the line it credits by its previous reference.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from services.payments.adapters.region_terms import ContractTerms, contract_for
from services.payments.domain.commands import BookApprovedLine, RecordCeilingUsage
from services.payments.domain.ceilings import APPROVED


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
    ) for line in settled["approved"]]


def usage_commands(bookings: list[BookApprovedLine],
                   contracts: tuple[ContractTerms, ...]) -> list[RecordCeilingUsage]:
    """Approved lines (credits negative) on a contract with a ceiling for the year of care."""
    ceilings = {(c.contract_id, year) for c in contracts for year in c.ceilings}
    return [RecordCeilingUsage(b.contract_id, b.period_start.year, b.line_id, APPROVED, b.amount)
            for b in bookings if (b.contract_id, b.period_start.year) in ceilings]


def line_product_rows(settled: dict[str, Any]) -> list[dict[str, Any]]:
    """What the budget report needs of each approved line: its product (for the budget line) and
    its volume on its allocation (for what a total allocation still commits)."""
    return [{"line_id": line_id(settled["provider"], line["reference"]), "municipality": settled["municipality"],
             "allocation_number": int(line["allocation_number"]), "category": line["category"],
             "code": line.get("code"), "unit": line["unit"],
             "volume": -abs(int(line["volume"])) if int(line["amount"]) < 0 else abs(int(line["volume"]))}
            for line in settled["approved"]]
