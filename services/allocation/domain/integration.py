"""From private events to the integration events of shared/exchange/allocation.py.

Stored events stay this service's business; what invoicing and payments read is mapped here,
field by field, so a private event can change without breaking them.
"""

from __future__ import annotations

from typing import Any

from services.allocation.domain import events as ev
from services.allocation.domain.allocation import AllocationVersion
from services.allocation.domain.register import Register
from services.allocation.domain.values import Extent, Product
from shared.exchange import allocation as contract

CHANGES: dict[type, str] = {
    ev.AllocationIssued: "issued",
    ev.AllocationExtended: "extended",
    ev.AllocationShortened: "shortened",
    ev.AllocationDeleted: "deleted",
    ev.AllocationVolumeAdjusted: "volume_adjusted",
    ev.AllocationBudgetAdjusted: "budget_adjusted",
    ev.AllocationVersionRecorded: "recorded",
}
DELIVERY_KINDS: dict[type, str] = {
    ev.DeliveryStarted: "started",
    ev.DeliveryStartWithdrawn: "start_withdrawn",
    ev.DeliveryStopped: "stopped",
    ev.DeliveryStopWithdrawn: "stop_withdrawn",
}


def allocation_published(event: ev.VersionEvent, effective: AllocationVersion) -> contract.AllocationPublished:
    """The effective version, whichever version `event` added (IV013); without the comment, free
    text for the provider that may hold personal details."""
    v = effective
    return contract.AllocationPublished(
        municipality=v.municipality, allocation_number=v.number, client_bsn=v.client_bsn,
        provider_agb=v.provider_agb, product=_product(v.product), start=v.start, end=v.end,
        extent=_extent(v.extent), budget=v.budget, referrer_type=v.referrer_type,
        provider_reference=v.provider_reference, allocated_on=v.allocated_on, allocated_at=v.allocated_at,
        change_reason=v.change_reason, deleted=v.deleted, change=CHANGES[type(event)])


def register_published(event: Any, register: Register) -> Any | None:
    """Contract events publish the contract's whole current terms, from the register as it is."""
    if isinstance(event, ev.ProductDefined):
        return contract.ProductPublished(event.category, event.code, event.unit, event.variant)
    if isinstance(event, ev.BudgetLineDefined):
        return contract.BudgetLinePublished(event.code, event.name, tuple(event.categories))
    if isinstance(event, ev.MunicipalBudgetSet):
        return contract.BudgetPublished(event.municipality, event.year, event.budget_line, event.amount)
    if isinstance(event, ev.TariffAgreed):
        closes = None if event.closes is None else contract.ClosedTariff(event.closes.valid_from,
                                                                         event.closes.valid_until)
        return contract.TariffPublished(
            event.contract_id, event.provider_agb, tuple(event.municipalities), event.category, event.code,
            event.unit, event.variant, event.valid_from, event.valid_until, event.amount, closes)
    if isinstance(event, ev.ContractConcluded | ev.ContractTermsAmended | ev.BudgetCeilingSet):
        c = register.contracts[event.contract_id]
        return contract.ContractPublished(
            c.contract_id, c.provider_agb, tuple(sorted(c.municipalities)), c.payment_term_days,
            c.advance_per_month, {str(year): amount for year, amount in sorted(c.ceilings.items())})
    return None


def referral_recorded(event: ev.AllocationRequested) -> contract.ReferralRecorded:
    referrer = event.requested.referrer
    return contract.ReferralRecorded(
        event.municipality, event.provider_agb, event.reference, event.client_bsn, referrer.type,
        referrer.agb_code, _product(event.requested.product), event.received_on)


def delivery_reported(event: ev.DeliveryFact) -> contract.DeliveryReported:
    end = getattr(event, "end", None)
    return contract.DeliveryReported(
        event.municipality, event.allocation_number, event.client_bsn, event.provider_agb,
        _product(event.product), event.begin, DELIVERY_KINDS[type(event)], end,
        getattr(event, "reason", None), bool(getattr(event, "late", False)))


def _product(product: Product | None) -> contract.ProductRef | None:
    return None if product is None else contract.ProductRef(product.category, product.code)


def _extent(extent: Extent | None) -> contract.ExtentRef | None:
    return None if extent is None else contract.ExtentRef(extent.volume, extent.unit, extent.frequency)
