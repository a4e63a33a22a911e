"""The region file's financing sections (`lump_sums`, `ledger`; services/gateway/region/financing.py
validates them before they are published) as the payments domain reads them."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import Any

from services.payments.adapters.region_terms import budget_line_of, contracts_of
from services.payments.adapters.settlement import line_id
from services.payments.domain.commands import BookApprovedLine
from services.payments.adapters.sepa import Account
from services.payments.domain.lump_sums import LumpSumTerms
from services.payments.domain.pgb import SVB
from services.payments.domain.shares import normalised

MONTHS = {"month": 1, "quarter": 3}


def lump_sum_terms(sections: Mapping[str, Any]) -> tuple[LumpSumTerms, ...]:
    """Every schedule whose contract payments knows (the allocation register publishes it)."""
    providers = {c.contract_id: c.provider for c in contracts_of(sections.get("contracts") or [])}
    return tuple(
        LumpSumTerms(s["id"], s["contract"], providers[s["contract"]], s.get("budget_line"), s.get("form", "lump_sum"),
                     date.fromisoformat(s["from"]), date.fromisoformat(s["to"]), MONTHS[s.get("per", "month")],
                     int(s["amount"]), normalised({m: _fraction(p) for m, p in s["shares"].items()}),
                     s.get("settlement", "none"), int(s.get("corridor_percent", 0)))
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


def under_lump_sums(commands: list[BookApprovedLine], settled: Mapping[str, Any], terms: tuple[LumpSumTerms, ...],
                    products: Mapping[str, Mapping[str, Any]]) -> list[BookApprovedLine]:
    """The booking commands, each line under a lump-sum schedule (its contract, its budget line,
    its month of care) naming that schedule: the line is then information, not payable."""
    if not terms:
        return commands
    lines = {line_id(settled["provider"], line["reference"]): line for line in settled["approved"]}
    marked = []
    for command in commands:
        line = lines[command.line_id]
        lot = budget_line_of(products, line["category"], line.get("code"))
        schedule = next((t for t in terms if t.covers(command.contract_id, lot, command.period_start)), None)
        marked.append(replace(command, lump_sum=schedule.schedule_id) if schedule else command)
    return marked
