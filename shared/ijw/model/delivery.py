"""JW305 (start), JW307 (stop) and their retours JW306 / JW308."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from shared.ijw.model.basis import Header, Person, Product, ReturnHeader


@dataclass(frozen=True, slots=True)
class StartedProduct:
    start: date
    status: str
    allocation_number: int | None = None
    product: Product | None = None
    allocation_start: date | None = None
    codes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StoppedProduct:
    start: date
    end: date
    reason: str
    status: str
    allocation_number: int | None = None
    product: Product | None = None
    allocation_start: date | None = None
    codes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StartClient:
    person: Person
    products: tuple[StartedProduct, ...]
    codes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class StopClient:
    person: Person
    products: tuple[StoppedProduct, ...]
    codes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Jw305:
    header: Header
    client: StartClient
    code = "305"


@dataclass(frozen=True, slots=True)
class Jw306:
    header: ReturnHeader
    client: StartClient | None = None
    code = "306"


@dataclass(frozen=True, slots=True)
class Jw307:
    header: Header
    client: StopClient
    code = "307"


@dataclass(frozen=True, slots=True)
class Jw308:
    header: ReturnHeader
    client: StopClient | None = None
    code = "308"
