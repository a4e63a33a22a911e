"""The allocation service's own events: typed, versioned (shared/events/serializer.py), and its
registry.

Deciders return `Event` values: the typed event and the tenant (gemeentecode where it applies),
plain comparable data without id or clock, so a decider stays pure and a test compares whole
lists. The handler turns each into a `NewEvent` with `to_new_event`, where the event id and
`occurred_at` are born. `evolve` functions take the typed events: a decided one's `.event`, or a
stored envelope decoded by `registry().decode`.

Stored events are never rewritten: the TYPE names and payload field names are those stored since
the first version; fields stored as absent in older events have defaults meaning what those
events meant.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import cache
from typing import Any

import msgspec

from services.allocation.domain.events.allocations import (
    VERSION_CLASSES,
    AllocationBudgetAdjusted,
    AllocationDeleted,
    AllocationExtended,
    AllocationIssued,
    AllocationMessageSent,
    AllocationShortened,
    AllocationVersionRecorded,
    AllocationVolumeAdjusted,
    ClientDetailsRecorded,
    ReceiptRecorded,
    VersionEvent,
)
from services.allocation.domain.events.delivery import (
    DeliveryFact,
    DeliveryStarted,
    DeliveryStartWithdrawn,
    DeliveryStopped,
    DeliveryStopWithdrawn,
)
from services.allocation.domain.events.register import (
    BudgetCeilingSet,
    BudgetLineDefined,
    ClosedPeriod,
    ContractConcluded,
    ContractTermsAmended,
    MunicipalBudgetSet,
    ProductDefined,
    TariffAgreed,
)
from services.allocation.domain.events.requests import (
    AllocationRequested,
    ChangeAsked,
    ChangedProduct,
    ChangeRequested,
    RequestAnswer,
    RequestHonoured,
    RequestReceiptSent,
    RequestReceived,
    RequestRejected,
    RequestUnderInvestigation,
)
from shared.events.envelope import Envelope, NewEvent
from shared.events.registry import EventRegistry, EventType
from shared.events.serializer import to_payload

CLASSES = (
    *VERSION_CLASSES, ReceiptRecorded, ClientDetailsRecorded, AllocationMessageSent,
    ProductDefined, ContractConcluded, ContractTermsAmended, TariffAgreed, BudgetCeilingSet, BudgetLineDefined,
    MunicipalBudgetSet,
    AllocationRequested, ChangeRequested, RequestReceiptSent, RequestUnderInvestigation, RequestRejected,
    RequestHonoured,
    DeliveryStarted, DeliveryStartWithdrawn, DeliveryStopped, DeliveryStopWithdrawn,
)
UPCASTERS: dict = {}


@cache
def registry() -> EventRegistry:
    return EventRegistry.of(CLASSES, UPCASTERS)


def decoded(envelope: Envelope) -> Any:
    """The typed event of a stored envelope, at its current version."""
    return registry().decode(envelope)


TYPES: tuple[EventType, ...] = tuple(EventType(c.TYPE, c.VERSION) for c in CLASSES)
"""Names and versions, for what still reads them so (the container's registry, the rebuild)."""

ALLOCATION_ISSUED = AllocationIssued.TYPE
ALLOCATION_EXTENDED = AllocationExtended.TYPE
ALLOCATION_SHORTENED = AllocationShortened.TYPE
ALLOCATION_DELETED = AllocationDeleted.TYPE
ALLOCATION_VOLUME_ADJUSTED = AllocationVolumeAdjusted.TYPE
ALLOCATION_BUDGET_ADJUSTED = AllocationBudgetAdjusted.TYPE
ALLOCATION_VERSION_RECORDED = AllocationVersionRecorded.TYPE
RECEIPT_RECORDED = ReceiptRecorded.TYPE
CLIENT_DETAILS_RECORDED = ClientDetailsRecorded.TYPE
ALLOCATION_MESSAGE_SENT = AllocationMessageSent.TYPE
PRODUCT_DEFINED = ProductDefined.TYPE
CONTRACT_CONCLUDED = ContractConcluded.TYPE
CONTRACT_TERMS_AMENDED = ContractTermsAmended.TYPE
TARIFF_AGREED = TariffAgreed.TYPE
BUDGET_CEILING_SET = BudgetCeilingSet.TYPE
BUDGET_LINE_DEFINED = BudgetLineDefined.TYPE
MUNICIPAL_BUDGET_SET = MunicipalBudgetSet.TYPE
ALLOCATION_REQUESTED = AllocationRequested.TYPE
CHANGE_REQUESTED = ChangeRequested.TYPE
REQUEST_RECEIPT_SENT = RequestReceiptSent.TYPE
REQUEST_UNDER_INVESTIGATION = RequestUnderInvestigation.TYPE
REQUEST_REJECTED = RequestRejected.TYPE
REQUEST_HONOURED = RequestHonoured.TYPE
DELIVERY_STARTED = DeliveryStarted.TYPE
DELIVERY_START_WITHDRAWN = DeliveryStartWithdrawn.TYPE
DELIVERY_STOPPED = DeliveryStopped.TYPE
DELIVERY_STOP_WITHDRAWN = DeliveryStopWithdrawn.TYPE
"""The type names, taken from the classes, for what reads events by name (tests, the rebuild)."""


@dataclass(frozen=True)
class Event:
    """A decided event and the tenant it belongs to."""

    event: Any
    tenant: str | None = None

    @property
    def type(self) -> str:
        return self.event.TYPE

    @property
    def version(self) -> int:
        return self.event.VERSION

    @property
    def payload(self) -> dict[str, Any]:
        """The event as it is stored and read back: JSON values (a tuple becomes a list)."""
        return msgspec.json.decode(msgspec.json.encode(to_payload(self.event)))


def to_new_event(decided: Event, occurred_at: datetime) -> NewEvent:
    return NewEvent.of(decided.event, occurred_at, tenant=decided.tenant)


def typed(event: Event | Envelope | Any) -> Any:
    """The typed event of a decided `Event`, a stored envelope or a typed event itself."""
    if isinstance(event, Event):
        return event.event
    if isinstance(event, Envelope):
        return decoded(event)
    return event
