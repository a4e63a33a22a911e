"""Events of the register stream, one per region: products, contracts and their tariffs,
budget ceilings, budget lines and municipal budgets (money in eurocents)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar


@dataclass(frozen=True)
class ProductDefined:
    TYPE: ClassVar[str] = "allocation.ProductDefined"
    VERSION: ClassVar[int] = 1
    category: str
    code: str
    unit: str
    variant: str


@dataclass(frozen=True)
class ContractConcluded:
    """`municipalities` empty: every municipality of the region."""

    TYPE: ClassVar[str] = "allocation.ContractConcluded"
    VERSION: ClassVar[int] = 1
    contract_id: str
    provider_agb: str
    municipalities: tuple[str, ...]
    payment_term_days: int
    advance_per_month: int | None = None


@dataclass(frozen=True)
class ContractTermsAmended:
    TYPE: ClassVar[str] = "allocation.ContractTermsAmended"
    VERSION: ClassVar[int] = 1
    contract_id: str
    provider_agb: str
    payment_term_days: int
    advance_per_month: int | None = None


@dataclass(frozen=True)
class ClosedPeriod:
    """The open-ended tariff of the same product that a new tariff closed, as it now is."""

    valid_from: date
    valid_until: date | None


@dataclass(frozen=True)
class TariffAgreed:
    TYPE: ClassVar[str] = "allocation.TariffAgreed"
    VERSION: ClassVar[int] = 1
    contract_id: str
    provider_agb: str
    municipalities: tuple[str, ...]
    category: str
    code: str
    unit: str
    variant: str
    valid_from: date
    valid_until: date | None
    amount: int
    closes: ClosedPeriod | None = None


@dataclass(frozen=True)
class BudgetCeilingSet:
    TYPE: ClassVar[str] = "allocation.BudgetCeilingSet"
    VERSION: ClassVar[int] = 1
    contract_id: str
    provider_agb: str
    year: int
    ceiling: int


@dataclass(frozen=True)
class BudgetLineDefined:
    TYPE: ClassVar[str] = "allocation.BudgetLineDefined"
    VERSION: ClassVar[int] = 1
    code: str
    name: str
    categories: tuple[str, ...]


@dataclass(frozen=True)
class MunicipalBudgetSet:
    TYPE: ClassVar[str] = "allocation.MunicipalBudgetSet"
    VERSION: ClassVar[int] = 1
    municipality: str
    year: int
    budget_line: str
    amount: int
