"""Integration events of the allocation service (versioned, explicit; owned by allocation).

Published on `happyflow.allocation.events`, keyed by the stream id of the private event they
come from (`allocation-{gemeente}-{nummer}`, `register-{region}`, `request-{agb}-{referentie}`),
so a consumer sees one allocation's or the register's changes in order. Dates are ISO strings,
money is integer eurocents, products are `{"category": "45", "code": "45A01" | null}`.

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

from shared.events.registry import EventType

ALLOCATION_PUBLISHED = "allocation.AllocationPublished"
PRODUCT_PUBLISHED = "allocation.ProductPublished"
BUDGET_LINE_PUBLISHED = "allocation.BudgetLinePublished"
BUDGET_PUBLISHED = "allocation.BudgetPublished"
CONTRACT_PUBLISHED = "allocation.ContractPublished"
TARIFF_PUBLISHED = "allocation.TariffPublished"
REFERRAL_RECORDED = "allocation.ReferralRecorded"
DELIVERY_REPORTED = "allocation.DeliveryReported"

TYPES = (
    EventType(ALLOCATION_PUBLISHED, 1),
    EventType(PRODUCT_PUBLISHED, 1),
    EventType(BUDGET_LINE_PUBLISHED, 1),
    EventType(BUDGET_PUBLISHED, 1),
    EventType(CONTRACT_PUBLISHED, 1),
    EventType(TARIFF_PUBLISHED, 1),
    EventType(REFERRAL_RECORDED, 1),
    EventType(DELIVERY_REPORTED, 1),
)
