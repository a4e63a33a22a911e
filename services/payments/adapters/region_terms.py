"""The region file's sections as payments reads them (design.md §8), mapped field by field.

Contracts carry no id in the region file: a contract is named by its `id`, else by its provider's
AGB code (`-2`, `-3` for a provider's further contracts), the same rule the allocation register
uses, so both services name a contract alike. A contract without `municipalities` covers the
whole region.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

from services.payments.adapters.sepa import Account
from services.payments.domain.commands import AdvanceTerms
from services.payments.domain.units import Tariff

REGION = "regio"
"""The municipality of items the region pays for all its municipalities (advances of a
contract that covers the whole region); only staff bound to every municipality see them."""


@dataclass(frozen=True)
class ContractTariff:
    code: str
    valid_from: date
    valid_to: date | None
    cents: int


@dataclass(frozen=True)
class ContractTerms:
    contract_id: str
    provider: str
    municipalities: frozenset[str]
    payment_term_days: int
    advance_per_month: int | None
    ceilings: Mapping[int, int]
    tariffs: tuple[ContractTariff, ...]

    def covers(self, municipality: str) -> bool:
        return not self.municipalities or municipality in self.municipalities

    def tariff(self, code: str | None, on: date) -> ContractTariff | None:
        return next((t for t in self.tariffs if t.code == code and t.valid_from <= on
                     and (t.valid_to is None or on <= t.valid_to)), None)


def contracts_of(section: list[dict[str, Any]]) -> tuple[ContractTerms, ...]:
    seen: dict[str, int] = defaultdict(int)
    found = []
    for c in section:
        seen[c["provider"]] += 1
        n = seen[c["provider"]]
        contract_id = c.get("id") or (c["provider"] if n == 1 else f"{c['provider']}-{n}")
        found.append(ContractTerms(
            contract_id, c["provider"], frozenset(c.get("municipalities") or ()),
            int(c["payment_term_days"]), c.get("advance_per_month"),
            {int(year): int(cents) for year, cents in (c.get("ceiling") or {}).items()},
            tuple(ContractTariff(t["product"], _day(t["from"]), _day(t.get("to")), int(t["cents"]))
                  for t in c.get("tariffs") or ())))
    return tuple(found)


def contract_for(contracts: tuple[ContractTerms, ...], provider: str,
                 municipality: str) -> ContractTerms | None:
    """The contract naming the municipality wins over a region-wide one, then the first by id:
    the same choice as at matching (services/invoicing/domain/ceilings.py `ceiling_for`)."""
    covering = [c for c in contracts if c.provider == provider and c.covers(municipality)]
    return min(covering, key=lambda c: (not c.municipalities, c.contract_id), default=None)


def advance_terms(contract: ContractTerms, year: int) -> AdvanceTerms | None:
    """Monthly advances over the contract's tariff validity within `year` (the whole year if the
    tariffs do not say)."""
    if not contract.advance_per_month:
        return None
    starts = [t.valid_from for t in contract.tariffs if t.valid_from.year <= year]
    ends = [t.valid_to for t in contract.tariffs if t.valid_to and t.valid_to.year >= year]
    first = max(min(starts, default=date(year, 1, 1)), date(year, 1, 1)).replace(day=1)
    last = min(max(ends, default=date(year, 12, 31)), date(year, 12, 31))
    payer = next(iter(contract.municipalities)) if len(contract.municipalities) == 1 else REGION
    return AdvanceTerms(contract.contract_id, contract.provider, payer, int(contract.advance_per_month),
                        first, last)


def products_of(section: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Product code → {budget_line, category, unit, ...}."""
    return {p["code"]: p for p in section}


def budget_line_of(products: Mapping[str, Mapping[str, Any]], category: str, code: str | None) -> str:
    """A line's budget line (perceel): by its product code, else by the first product of its
    category; "onbekend" when the region file names neither."""
    if code in products:
        return products[code].get("budget_line") or "onbekend"
    same = [p for p in products.values() if p.get("category") == category and p.get("budget_line")]
    return same[0]["budget_line"] if same else "onbekend"


def tariff_of(contract: ContractTerms | None, products: Mapping[str, Mapping[str, Any]], code: str | None,
              on: date) -> Tariff | None:
    found = contract.tariff(code, on) if contract else None
    if found is None or code not in products:
        return None
    return Tariff(found.cents, products[code]["unit"])


def debtor_of(section: Mapping[str, Any]) -> Account:
    return Account(section["name"], section["iban"], section.get("bic"))


def creditors_of(section: list[dict[str, Any]]) -> dict[str, Account]:
    return {p["agb"]: Account(p["name"], p["iban"]) for p in section}


def _day(value: Any) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(str(value)[:10])
