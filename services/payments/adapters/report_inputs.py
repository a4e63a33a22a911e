"""The facts the report functions of the domain take, from payments' tables (rows → values)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from types import MappingProxyType
from typing import Any

from services.payments.adapters.region_terms import (
    ContractTerms, budget_line_of, contract_for, tariff_of,
)
from services.payments.domain import ceilings as ceiling_domain
from services.payments.domain.budget import HELD, BudgetLine, Realised
from services.payments.domain.commitments import AllocationTerms
from services.payments.domain.referrals import Referral
from services.payments.domain.units import EUROS, Tariff


def budget_lines(budgets: Mapping[str, Any], municipality: str, year: int) -> list[BudgetLine]:
    lines = (budgets.get(municipality) or {}).get(str(year)) or {}
    return [BudgetLine(municipality, year, name, int(amount)) for name, amount in sorted(lines.items())]


def realised(rows: Iterable[Any], products: Mapping[str, Any]) -> list[Realised]:
    return [Realised(r.municipality, budget_line_of(products, r.category, r.code), r.period_start, r.amount,
                     pending=r.status == HELD) for r in rows]


def allocation_terms(rows: Iterable[Any], products: Mapping[str, Any], contracts: tuple[ContractTerms, ...],
                     as_of: date, consumed: Mapping[tuple[str, int, str], int]) -> list[AllocationTerms]:
    found = []
    # Most allocations are priced on the same day: each contract's product is looked up once.
    tariffs: dict[tuple[str, str, str | None, date], Tariff | None] = {}
    for r in rows:
        if r.volume is None or r.unit is None or r.frequency is None:
            continue  # no extent (a budget-only allocation): nothing to price per period
        priced_on = min(max(as_of, r.start), r.end or max(as_of, r.start))
        key = (r.provider, r.municipality, r.code, priced_on)
        contract = contract_for(contracts, r.provider, r.municipality)
        if key not in tariffs:
            tariffs[key] = tariff_of(contract, products, r.code, priced_on)
        tariff = tariffs[key]
        if tariff is None and r.unit != EUROS:
            continue  # no contract tariff for the product: committed cannot be priced
        found.append(AllocationTerms(
            f"{r.municipality}-{r.number}", r.municipality, r.provider, budget_line_of(products, r.category, r.code),
            r.start, r.end, r.unit, r.frequency, int(r.volume), tariff,
            consumed=consumed.get((r.municipality, r.number, r.unit), 0), active=not r.deleted,
            contract_id=contract.contract_id if contract else None))
    return found


def ceilings_of(rows: Iterable[Any], usage: Iterable[Any]) -> list[ceiling_domain.Ceiling]:
    lines: dict[tuple[str, int], dict[str, tuple[str, int]]] = {}
    for u in usage:
        lines.setdefault((u.contract_id, u.year), {})[u.line_id] = (u.status, u.amount)
    return [ceiling_domain.Ceiling(
        r.contract_id, r.provider, r.year, r.amount, tuple(r.warn_at),
        MappingProxyType(lines.get((r.contract_id, r.year), {})), frozenset(r.announced)) for r in rows]


def referrals(rows: Iterable[Any]) -> list[Referral]:
    return [Referral(r.municipality, f"{r.municipality}-{r.number}", r.referrer_type, r.first_allocated_on)
            for r in rows if r.referrer_type]
