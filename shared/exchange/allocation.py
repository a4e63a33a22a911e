"""Integration events of the allocation service (versioned, explicit; owned by allocation).

Published on `happyflow.allocation.events`, keyed by the stream id of the private event they
come from (`allocation-{gemeente}-{nummer}`, `register-{region}`, `request-{agb}-{referentie}`),
so a consumer sees one allocation's or the register's changes in order. Dates are ISO strings,
money is integer eurocents, products are `{"category": "45", "code": "45A01" | null}`.

Each is a typed event class (shared/events/serializer.py): the allocation service produces them
with `NewEvent.of(event, …)`, and a consumer decodes them with `EventRegistry.of(CLASSES)`. The
string constants and `TYPES` serve the consumers that still read payload dicts.

- `allocation.AllocationPublished` v1 — the effective version of one allocation after a change
  (IV013: latest Toewijzingsdatum + Toewijzingstijd; a late-arriving older version republishes
  the unchanged effective one): municipality, allocation_number, client_bsn, provider_agb,
  product | null (generiek), start, end | null, extent {volume, unit, frequency} | null,
  budget | null, referrer_type | null (COD327), provider_reference | null (VOT/VOW),
  allocated_on, allocated_at (Toewijzingsdatum, Toewijzingstijd "HH:MM:SS"), change_reason | null
  (JZ002), deleted (RedenWijziging 13: treat as never sent, TR384), change (issued, extended,
  shortened, deleted, volume_adjusted, budget_adjusted, recorded).
- `allocation.ProductPublished` v1 — category, code, unit (WJ756), variant (inspanning, output, taak).
- `allocation.BudgetLinePublished` v1 — code, name, categories (a perceel).
- `allocation.BudgetPublished` v1 — municipality, year, budget_line, amount (a municipal budget).
- `allocation.ContractPublished` v1 — the whole current terms of one contract: contract_id,
  provider_agb, municipalities ([] = every municipality of the region), payment_term_days,
  advance_per_month | null, ceilings {"2026": eurocents}.
- `allocation.TariffPublished` v1 — contract_id, provider_agb, municipalities, category, code,
  unit, variant, valid_from, valid_until | null, amount (eurocents per unit), closes
  {valid_from, valid_until} | null (the open-ended tariff of the same product this one closed).
- `allocation.ReferralRecorded` v1 — a provider asked for care (JW315): municipality,
  provider_agb, reference, client_bsn, referrer_type (COD327), referrer_agb | null, product | null,
  received_on.
- `allocation.DeliveryReported` v1 — a JW305 start or JW307 stop was accepted (monitoring only,
  OP364: never a matching input): municipality, allocation_number, client_bsn, provider_agb,
  product | null, begin, kind (started, start_withdrawn, stopped, stop_withdrawn), end | null,
  reason | null, late.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time
from typing import ClassVar

from shared.events.registry import EventType


@dataclass(frozen=True)
class ProductRef:
    category: str
    code: str | None = None


@dataclass(frozen=True)
class ExtentRef:
    volume: int
    unit: str
    frequency: str


@dataclass(frozen=True)
class AllocationPublished:
    TYPE: ClassVar[str] = "allocation.AllocationPublished"
    VERSION: ClassVar[int] = 1
    municipality: str
    allocation_number: int
    client_bsn: str
    provider_agb: str
    product: ProductRef | None
    start: date
    end: date | None
    extent: ExtentRef | None
    budget: int | None
    referrer_type: str | None
    provider_reference: str | None
    allocated_on: date
    allocated_at: time
    change_reason: str | None
    deleted: bool
    change: str


@dataclass(frozen=True)
class ProductPublished:
    TYPE: ClassVar[str] = "allocation.ProductPublished"
    VERSION: ClassVar[int] = 1
    category: str
    code: str
    unit: str
    variant: str


@dataclass(frozen=True)
class BudgetLinePublished:
    TYPE: ClassVar[str] = "allocation.BudgetLinePublished"
    VERSION: ClassVar[int] = 1
    code: str
    name: str
    categories: tuple[str, ...]


@dataclass(frozen=True)
class BudgetPublished:
    TYPE: ClassVar[str] = "allocation.BudgetPublished"
    VERSION: ClassVar[int] = 1
    municipality: str
    year: int
    budget_line: str
    amount: int


@dataclass(frozen=True)
class ContractPublished:
    TYPE: ClassVar[str] = "allocation.ContractPublished"
    VERSION: ClassVar[int] = 1
    contract_id: str
    provider_agb: str
    municipalities: tuple[str, ...]
    payment_term_days: int
    advance_per_month: int | None
    ceilings: dict[str, int]
    """Per year ("2026") the ceiling in eurocents."""


@dataclass(frozen=True)
class ClosedTariff:
    valid_from: date
    valid_until: date | None


@dataclass(frozen=True)
class TariffPublished:
    TYPE: ClassVar[str] = "allocation.TariffPublished"
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
    closes: ClosedTariff | None


@dataclass(frozen=True)
class ReferralRecorded:
    TYPE: ClassVar[str] = "allocation.ReferralRecorded"
    VERSION: ClassVar[int] = 1
    municipality: str
    provider_agb: str
    reference: str
    client_bsn: str
    referrer_type: str
    referrer_agb: str | None
    product: ProductRef | None
    received_on: date


@dataclass(frozen=True)
class DeliveryReported:
    TYPE: ClassVar[str] = "allocation.DeliveryReported"
    VERSION: ClassVar[int] = 1
    municipality: str
    allocation_number: int
    client_bsn: str
    provider_agb: str
    product: ProductRef | None
    begin: date
    kind: str
    end: date | None
    reason: str | None
    late: bool


CLASSES = (
    AllocationPublished, ProductPublished, BudgetLinePublished, BudgetPublished, ContractPublished,
    TariffPublished, ReferralRecorded, DeliveryReported,
)

ALLOCATION_PUBLISHED = AllocationPublished.TYPE
PRODUCT_PUBLISHED = ProductPublished.TYPE
BUDGET_LINE_PUBLISHED = BudgetLinePublished.TYPE
BUDGET_PUBLISHED = BudgetPublished.TYPE
CONTRACT_PUBLISHED = ContractPublished.TYPE
TARIFF_PUBLISHED = TariffPublished.TYPE
REFERRAL_RECORDED = ReferralRecorded.TYPE
DELIVERY_REPORTED = DeliveryReported.TYPE
TYPES = tuple(EventType(c.TYPE, c.VERSION) for c in CLASSES)
