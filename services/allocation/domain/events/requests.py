"""Events of the request stream: one per (provider AGB, ReferentieAanbieder), a JW315 or JW317
and the municipality's answers to it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from services.allocation.domain.request_details import Deadlines, NewProduct, RequestedAllocation
from services.allocation.domain.values import Extent


@dataclass(frozen=True)
class ChangedProduct:
    """A JW317 TeWijzigenProduct as stored (request_details.ProductChange)."""

    allocation_number: int
    desired_start: date
    end: date | None = None
    extent: Extent | None = None
    budget: int | None = None


@dataclass(frozen=True)
class ChangeAsked:
    """A JW317 Verzoek as stored (request_details.RequestedChange)."""

    reason: str
    unchanged: tuple[int, ...] = ()
    changes: tuple[ChangedProduct, ...] = ()
    new_products: tuple[NewProduct, ...] = ()


@dataclass(frozen=True)
class RequestReceived:
    TYPE: ClassVar[str]
    VERSION: ClassVar[int] = 1
    municipality: str
    provider_agb: str
    reference: str
    client_bsn: str
    received_on: date
    deadlines: Deadlines


@dataclass(frozen=True)
class AllocationRequested(RequestReceived):
    TYPE: ClassVar[str] = "allocation.AllocationRequested"
    requested: RequestedAllocation
    message_id: str | None = None


@dataclass(frozen=True)
class ChangeRequested(RequestReceived):
    TYPE: ClassVar[str] = "allocation.ChangeRequested"
    requested: ChangeAsked
    message_id: str | None = None


@dataclass(frozen=True)
class RequestAnswer:
    TYPE: ClassVar[str]
    VERSION: ClassVar[int] = 1
    municipality: str
    provider_agb: str
    reference: str
    client_bsn: str
    kind: str | None


@dataclass(frozen=True)
class RequestReceiptSent(RequestAnswer):
    """The JW316/JW318 went out; `late` after three working days (OP090)."""

    TYPE: ClassVar[str] = "allocation.RequestReceiptSent"
    sent_on: date
    late: bool


@dataclass(frozen=True)
class RequestUnderInvestigation(RequestAnswer):
    TYPE: ClassVar[str] = "allocation.RequestUnderInvestigation"
    answer: str
    answered_on: date
    final_answer_due: date


@dataclass(frozen=True)
class RequestRejected(RequestAnswer):
    """`responsible_municipality`: the one named with reason 8 (woonplaatsbeginsel)."""

    TYPE: ClassVar[str] = "allocation.RequestRejected"
    answer: str
    reason: str
    answered_on: date
    responsible_municipality: str | None = None


@dataclass(frozen=True)
class RequestHonoured(RequestAnswer):
    TYPE: ClassVar[str] = "allocation.RequestHonoured"
    allocation_numbers: tuple[int, ...]
    honoured_on: date
    referrer_type: str | None = None
