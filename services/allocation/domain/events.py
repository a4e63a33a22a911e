"""Event types of the allocation service, with their current versions.

Deciders return `Event` values: type + version + JSON-ready payload + tenant (gemeentecode where
it applies). They are plain, comparable data — no id, no clock — so a decider stays pure and a
test can compare whole lists. The handler turns each into a `NewEvent` with `to_new_event`,
which is where the event id and `occurred_at` are born. `evolve` functions read only `.type` and
`.payload`, so they accept both an `Event` and a stored `Envelope` (after upcasting).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from shared.events.envelope import NewEvent
from shared.events.registry import EventType

# Allocation stream: one per (gemeentecode, ToewijzingNummer). Every one of these events carries
# the full ToegewezenProduct version it creates (see allocation.version_payload).
ALLOCATION_ISSUED = "allocation.AllocationIssued"
ALLOCATION_EXTENDED = "allocation.AllocationExtended"
ALLOCATION_SHORTENED = "allocation.AllocationShortened"
ALLOCATION_DELETED = "allocation.AllocationDeleted"
ALLOCATION_VOLUME_ADJUSTED = "allocation.AllocationVolumeAdjusted"
ALLOCATION_BUDGET_ADJUSTED = "allocation.AllocationBudgetAdjusted"
ALLOCATION_VERSION_RECORDED = "allocation.AllocationVersionRecorded"
# The provider's JW302 outcome for this allocation: a fact, not a decision, so no decider makes
# it and `evolve` passes it by; only the read model shows it.
RECEIPT_RECORDED = "allocation.ReceiptRecorded"

# Client stream: one per (gemeentecode, BSN). The particulars a JW301 must carry (name, birth
# date, gender, contact), as the staff API, a JW315 or a municipality's JW301 last gave them.
CLIENT_DETAILS_RECORDED = "allocation.ClientDetailsRecorded"

# JW301 stream: one per BerichtIdentificatie. A JW301 went to the provider, sent by this service
# (OP087) or by the municipality itself; OP087's "changed since the previous JW301" and the JW302
# that answers it both look it up.
ALLOCATION_MESSAGE_SENT = "allocation.AllocationMessageSent"

# Register stream: one per region.
PRODUCT_DEFINED = "allocation.ProductDefined"
CONTRACT_CONCLUDED = "allocation.ContractConcluded"
CONTRACT_TERMS_AMENDED = "allocation.ContractTermsAmended"
TARIFF_AGREED = "allocation.TariffAgreed"
BUDGET_CEILING_SET = "allocation.BudgetCeilingSet"
BUDGET_LINE_DEFINED = "allocation.BudgetLineDefined"
MUNICIPAL_BUDGET_SET = "allocation.MunicipalBudgetSet"

# Request stream: one per (provider AGB, ReferentieAanbieder).
ALLOCATION_REQUESTED = "allocation.AllocationRequested"
CHANGE_REQUESTED = "allocation.ChangeRequested"
REQUEST_RECEIPT_SENT = "allocation.RequestReceiptSent"
REQUEST_UNDER_INVESTIGATION = "allocation.RequestUnderInvestigation"
REQUEST_REJECTED = "allocation.RequestRejected"
REQUEST_HONOURED = "allocation.RequestHonoured"

# Delivery stream (JW305/JW307, monitoring only, OP364): one per (gemeentecode, ToewijzingNummer).
DELIVERY_STARTED = "allocation.DeliveryStarted"
DELIVERY_START_WITHDRAWN = "allocation.DeliveryStartWithdrawn"
DELIVERY_STOPPED = "allocation.DeliveryStopped"
DELIVERY_STOP_WITHDRAWN = "allocation.DeliveryStopWithdrawn"

TYPES: tuple[EventType, ...] = (
    EventType(ALLOCATION_ISSUED, 1),
    EventType(ALLOCATION_EXTENDED, 1),
    EventType(ALLOCATION_SHORTENED, 1),
    EventType(ALLOCATION_DELETED, 1),
    EventType(ALLOCATION_VOLUME_ADJUSTED, 1),
    EventType(ALLOCATION_BUDGET_ADJUSTED, 1),
    EventType(ALLOCATION_VERSION_RECORDED, 1),
    EventType(RECEIPT_RECORDED, 1),
    EventType(CLIENT_DETAILS_RECORDED, 1),
    EventType(ALLOCATION_MESSAGE_SENT, 1),
    EventType(PRODUCT_DEFINED, 1),
    EventType(CONTRACT_CONCLUDED, 1),
    EventType(CONTRACT_TERMS_AMENDED, 1),
    EventType(TARIFF_AGREED, 1),
    EventType(BUDGET_CEILING_SET, 1),
    EventType(BUDGET_LINE_DEFINED, 1),
    EventType(MUNICIPAL_BUDGET_SET, 1),
    EventType(ALLOCATION_REQUESTED, 1),
    EventType(CHANGE_REQUESTED, 1),
    EventType(REQUEST_RECEIPT_SENT, 1),
    EventType(REQUEST_UNDER_INVESTIGATION, 1),
    EventType(REQUEST_REJECTED, 1),
    EventType(REQUEST_HONOURED, 1),
    EventType(DELIVERY_STARTED, 1),
    EventType(DELIVERY_START_WITHDRAWN, 1),
    EventType(DELIVERY_STOPPED, 1),
    EventType(DELIVERY_STOP_WITHDRAWN, 1),
)

_VERSIONS = {event_type.name: event_type.version for event_type in TYPES}


class Recorded(Protocol):
    """What `evolve` needs from an event: an `Event` or a stored, upcast `Envelope`."""

    @property
    def type(self) -> str: ...

    @property
    def payload(self) -> dict[str, Any]: ...


@dataclass(frozen=True)
class Event:
    type: str
    version: int
    payload: dict[str, Any]
    tenant: str | None = None


def event(name: str, payload: dict[str, Any], tenant: str | None = None) -> Event:
    """An event of a registered type at its current version."""
    return Event(name, _VERSIONS[name], payload, tenant)


def to_new_event(decided: Event, occurred_at: datetime) -> NewEvent:
    return NewEvent(decided.type, decided.version, decided.payload, occurred_at, tenant=decided.tenant)
