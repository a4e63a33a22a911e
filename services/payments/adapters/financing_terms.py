"""The region file's financing sections (`lump_sums`, `ledger`; services/gateway/region/financing.py
validates them before they are published) as the payments domain reads them."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from services.payments.adapters.procurement_terms import contract_lots
from services.payments.adapters.region_terms import (
    ContractTerms, budget_line_of, contract_for, contracts_of, products_of,
)
from services.payments.adapters.settlement import LumpSumOf, Told, ToldLine
from services.payments.domain.ceilings import APPROVED
from services.payments.domain.commands import RecordCeilingUsage
from services.payments.domain.events import LumpSumScheduled, LumpSumSettled
from services.payments.adapters.sepa import Account
from services.payments.domain.lump_sums import LumpSumTerms
from services.payments.domain.pgb import SVB
from services.payments.domain.shares import normalised

MONTHS = {"month": 1, "quarter": 3}


def lump_sum_terms(sections: Mapping[str, Any]) -> tuple[LumpSumTerms, ...]:
    """Every schedule whose contract payments knows (the allocation register publishes it); its
    lump sums count under its own budget line, else under its contract's lot (`procurement`)."""
    providers = {c.contract_id: c.provider for c in contracts_of(sections.get("contracts") or [])}
    lots = contract_lots(sections.get("procurement"))
    return tuple(
        LumpSumTerms(s["id"], s["contract"], providers[s["contract"]], s.get("budget_line"),
                     s.get("form", "lump_sum"), date.fromisoformat(s["from"]), date.fromisoformat(s["to"]),
                     MONTHS[s.get("per", "month")], int(s["amount"]),
                     normalised({m: _fraction(p) for m, p in s["shares"].items()}),
                     s.get("settlement", "none"), int(s.get("corridor_percent", 0)),
                     lot=s.get("budget_line") or lots.get(s["contract"], ""))
        for s in sections.get("lump_sums") or [] if s["contract"] in providers)


def contributions(sections: Mapping[str, Any], year: int) -> dict[str, int]:
    """Gemeentecode → contribution per month in `year` (0 when the file gives none)."""
    return {c["municipality"]: int(c["per_month"]) for c in (sections.get("ledger") or {}).get("contributions") or []
            if int(c["year"]) == year}


def equalisation_key(sections: Mapping[str, Any], year: int) -> dict[str, Fraction] | None:
    """Gemeentecode → share of the year's total cost (fractions of 1), or None without a key."""
    key = ((sections.get("ledger") or {}).get("equalisation") or {}).get(str(year))
    if not key:
        return None
    if key["key"] == "fixed":
        return normalised({m: _fraction(p) for m, p in key["shares"].items()})
    if key["key"] == "population":
        return normalised({m: int(n) for m, n in key["population"].items()})
    budgets = sections.get("budgets") or {}
    return normalised({m: sum(int(v) for v in (years.get(str(year)) or {}).values()) for m, years in budgets.items()})


def svb_account(sections: Mapping[str, Any]) -> dict[str, Any] | None:
    return (sections.get("ledger") or {}).get("svb")


def svb_creditor(sections: Mapping[str, Any]) -> dict[str, Account]:
    """The SVB as the creditor of PGB transfers in a run's SEPA file, when the region names it."""
    svb = svb_account(sections)
    return {SVB: Account(svb["name"], svb["iban"], svb.get("bic"))} if svb else {}


def _fraction(percent: Any) -> Fraction:
    return Fraction(Decimal(str(percent)))


def lump_sum_of(sections: Mapping[str, Any], told: Told) -> LumpSumOf:
    """For the lines of one message of a provider and municipality: a line is under a schedule
    when the schedule covers its contract (the one matching chooses), its budget line and the
    first day of its care; such a line is information, never paid nor counted on top."""
    terms = lump_sum_terms(sections)
    contract = contract_for(contracts_of(sections.get("contracts") or []), told.provider, told.municipality)
    if not terms or contract is None:
        return lambda line: None
    products = products_of(sections.get("products") or [])
    found: dict[tuple[str | None, str | None, date], str | None] = {}

    def of(line: ToldLine) -> str | None:
        """Looked up once per product and first day: a declaration's lines share few of them."""
        key = (line.category, line.code, line.period_begin)
        if key not in found:
            lot = budget_line_of(products, line.category or "", line.code)
            found[key] = next((t.schedule_id for t in terms if t.covers(contract.contract_id, lot, line.period_begin)),
                              None)
        return found[key]

    return of


def lump_sum_usage_commands(decided: Sequence[Any], contracts: tuple[ContractTerms, ...]) -> list[RecordCeilingUsage]:
    """A contract's ceiling counts what it pays: each lump-sum period booked, and a year-end
    settlement's balance (a claim counts negative), in the year of the period, where the contract
    has a ceiling for that year."""
    ceilings = {(c.contract_id, year) for c in contracts for year in c.ceilings}
    found = []
    for e in decided:
        if isinstance(e, LumpSumScheduled):
            year, amount = e.period_start.year, e.amount
        elif isinstance(e, LumpSumSettled) and e.balance:
            year, amount = e.year, e.balance
        else:
            continue
        if (e.contract_id, year) in ceilings:
            found.append(RecordCeilingUsage(e.contract_id, year, e.item_id, APPROVED, amount))
    return found
