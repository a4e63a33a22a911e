"""The register of the region: products, contracts with tariffs, budget lines and municipal
budgets (design.md §8). One stream per region; every change is an event that invoicing and
payments project into their own read models.

Pure lookups answer the two questions the other aggregates ask: which tariff applies on a day,
and whether a product is contracted for a provider on a period.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

from services.allocation.domain import events as ev
from services.allocation.domain.values import Period, Product

VARIANTS = frozenset({"inspanning", "output", "taak"})  # uitvoeringsvarianten, UP026
ProductKey = tuple[str, str]  # (category, code)


def stream_id(region: str) -> str:
    return f"register-{region}"


@dataclass(frozen=True)
class ProductDefinition:
    category: str
    code: str
    unit: str
    variant: str


@dataclass(frozen=True)
class Tariff:
    """Contract tariff in eurocents per unit, valid from `valid_from` to `valid_until`
    (inclusive; None = open-ended)."""

    category: str
    code: str
    unit: str
    valid_from: date
    valid_until: date | None
    amount: int

    @property
    def period(self) -> Period:
        return Period(self.valid_from, self.valid_until)


@dataclass(frozen=True)
class Contract:
    contract_id: str
    provider_agb: str
    municipalities: frozenset[str]  # empty: every municipality of the region
    payment_term_days: int
    advance_per_month: int | None = None
    tariffs: tuple[Tariff, ...] = ()
    ceilings: Mapping[int, int] = field(default_factory=dict)  # year -> eurocents

    def covers(self, municipality: str | None) -> bool:
        return municipality is None or not self.municipalities or municipality in self.municipalities


@dataclass(frozen=True)
class BudgetLine:
    """A perceel: a group of product categories a municipality budgets for."""

    code: str
    name: str
    categories: frozenset[str]


@dataclass(frozen=True)
class Register:
    products: Mapping[ProductKey, ProductDefinition] = field(default_factory=dict)
    contracts: Mapping[str, Contract] = field(default_factory=dict)
    budget_lines: Mapping[str, BudgetLine] = field(default_factory=dict)
    municipal_budgets: Mapping[tuple[str, int, str], int] = field(default_factory=dict)


def tariff_on(register: Register, provider_agb: str, product: Product, day: date,
              municipality: str | None = None) -> Tariff | None:
    """The contract tariff for a specific product on a day (TR418 compares declared
    ProductTarief with this). Which day to ask for is the contract's choice (ijw §12.4 step 16)."""
    for contract in _contracts_of(register, provider_agb, municipality):
        for tariff in contract.tariffs:
            same_product = (tariff.category, tariff.code) == (product.category, product.code)
            if same_product and tariff.period.contains(day):
                return tariff
    return None


def is_contracted(register: Register, provider_agb: str, product: Product | None, period: Period,
                  municipality: str | None = None) -> bool:
    """Whether the provider has a tariff for the product valid on the period's first day.

    Only the start is checked: tariffs are agreed per year and an allocation usually outlives
    the current tariff period; a gap later on shows up in matching (0611), not here. An
    aspecific product (no code) is contracted when any code of its category is; a generic
    allocation (no product) when the provider has any tariff at all."""
    for contract in _contracts_of(register, provider_agb, municipality):
        for tariff in contract.tariffs:
            if tariff.period.contains(period.start) and _tariff_fits(tariff, product):
                return True
    return False


Contracted = tuple[Contract, ProductDefinition, tuple[Tariff, ...]]


def contracted_products(register: Register, municipalities: frozenset[str],
                        provider_agb: str | None = None) -> list[Contracted]:
    """Per contract covering any of `municipalities` (of one provider, when named), each product it
    has tariffs for, with those tariffs: what may be allocated to the provider (is_contracted)."""
    found = []
    for contract in sorted(register.contracts.values(), key=lambda c: (c.provider_agb, c.contract_id)):
        if provider_agb not in (None, contract.provider_agb) or not any(map(contract.covers, municipalities)):
            continue
        for key in sorted({(t.category, t.code) for t in contract.tariffs}):
            tariffs = tuple(t for t in contract.tariffs if (t.category, t.code) == key)
            definition = register.products.get(key) or ProductDefinition(*key, tariffs[0].unit, "")
            found.append((contract, definition, tariffs))
    return found


def budget_line_of(register: Register, category: str) -> BudgetLine | None:
    return next((line for line in register.budget_lines.values() if category in line.categories), None)


def _tariff_fits(tariff: Tariff, product: Product | None) -> bool:
    if product is None:
        return True
    return tariff.category == product.category and product.code in (None, tariff.code)


def _contracts_of(register: Register, provider_agb: str, municipality: str | None) -> list[Contract]:
    return [c for c in register.contracts.values()
            if c.provider_agb == provider_agb and c.covers(municipality)]


def evolve(state: Register, event: object) -> Register:
    event = ev.typed(event)
    handler = _HANDLERS.get(type(event))
    return state if handler is None else handler(state, event)


def _product_defined(state: Register, e: ev.ProductDefined) -> Register:
    product = ProductDefinition(e.category, e.code, e.unit, e.variant)
    return replace(state, products={**state.products, (product.category, product.code): product})


def _contract_concluded(state: Register, e: ev.ContractConcluded) -> Register:
    contract = Contract(e.contract_id, e.provider_agb, frozenset(e.municipalities), e.payment_term_days,
                        e.advance_per_month)
    return replace(state, contracts={**state.contracts, contract.contract_id: contract})


def _terms_amended(state: Register, e: ev.ContractTermsAmended) -> Register:
    contract = replace(state.contracts[e.contract_id], payment_term_days=e.payment_term_days,
                       advance_per_month=e.advance_per_month)
    return replace(state, contracts={**state.contracts, contract.contract_id: contract})


def _tariff_agreed(state: Register, e: ev.TariffAgreed) -> Register:
    tariff = tariff_of(e)
    contract = state.contracts[e.contract_id]
    kept = tuple(close_open_tariff(t, tariff) for t in contract.tariffs)
    contract = replace(contract, tariffs=tuple(sorted(kept + (tariff,), key=_tariff_order)))
    return replace(state, contracts={**state.contracts, contract.contract_id: contract})


def _ceiling_set(state: Register, e: ev.BudgetCeilingSet) -> Register:
    contract = state.contracts[e.contract_id]
    contract = replace(contract, ceilings={**contract.ceilings, e.year: e.ceiling})
    return replace(state, contracts={**state.contracts, contract.contract_id: contract})


def _budget_line_defined(state: Register, e: ev.BudgetLineDefined) -> Register:
    line = BudgetLine(e.code, e.name, frozenset(e.categories))
    return replace(state, budget_lines={**state.budget_lines, line.code: line})


def _municipal_budget_set(state: Register, e: ev.MunicipalBudgetSet) -> Register:
    key = (e.municipality, e.year, e.budget_line)
    return replace(state, municipal_budgets={**state.municipal_budgets, key: e.amount})


def tariff_of(e: ev.TariffAgreed) -> Tariff:
    return Tariff(e.category, e.code, e.unit, e.valid_from, e.valid_until, e.amount)


def close_open_tariff(existing: Tariff, new: Tariff) -> Tariff:
    """A new tariff period for the same product that starts after an open-ended one closes it
    the day before: next year's tariff simply follows this year's."""
    if ((existing.category, existing.code) == (new.category, new.code)
            and existing.valid_until is None and existing.valid_from < new.valid_from):
        return replace(existing, valid_until=new.valid_from - timedelta(days=1))
    return existing


def _tariff_order(tariff: Tariff) -> tuple[str, str, date]:
    return tariff.category, tariff.code, tariff.valid_from


_HANDLERS: dict[type, Callable[[Register, Any], Register]] = {
    ev.ProductDefined: _product_defined,
    ev.ContractConcluded: _contract_concluded,
    ev.ContractTermsAmended: _terms_amended,
    ev.TariffAgreed: _tariff_agreed,
    ev.BudgetCeilingSet: _ceiling_set,
    ev.BudgetLineDefined: _budget_line_defined,
    ev.MunicipalBudgetSet: _municipal_budget_set,
}
