"""Events of the delivery stream (JW305/JW307, monitoring only, OP364): one per (gemeentecode,
ToewijzingNummer). `due` and `late` say whether the message came within five working days."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import ClassVar

from services.allocation.domain.values import Product


@dataclass(frozen=True)
class DeliveryFact:
    TYPE: ClassVar[str]
    VERSION: ClassVar[int] = 1
    municipality: str
    allocation_number: int
    client_bsn: str
    provider_agb: str
    product: Product | None
    begin: date
    received_on: date


@dataclass(frozen=True)
class DeliveryStarted(DeliveryFact):
    TYPE: ClassVar[str] = "allocation.DeliveryStarted"
    due: date
    late: bool


@dataclass(frozen=True)
class DeliveryStartWithdrawn(DeliveryFact):
    TYPE: ClassVar[str] = "allocation.DeliveryStartWithdrawn"


@dataclass(frozen=True)
class DeliveryStopped(DeliveryFact):
    TYPE: ClassVar[str] = "allocation.DeliveryStopped"
    end: date
    reason: str
    temporary: bool
    due: date
    late: bool


@dataclass(frozen=True)
class DeliveryStopWithdrawn(DeliveryFact):
    TYPE: ClassVar[str] = "allocation.DeliveryStopWithdrawn"
    end: date
    reason: str
