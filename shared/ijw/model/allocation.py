"""JW301 (toewijzing) and its retour JW302."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, time

from shared.ijw.model.basis import (
    BirthDate,
    Extent,
    FullName,
    Header,
    OpenPeriod,
    Product,
    ReturnHeader,
)


@dataclass(frozen=True, slots=True)
class House:
    number: int
    letter: str | None = None
    addition: str | None = None
    designation: str | None = None  # AB aan boord, BY bij, TO tegenover, WW woonwagen


@dataclass(frozen=True, slots=True)
class Address:
    house: House | None = None
    postcode: str | None = None
    street: str | None = None
    city: str | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class PhoneNumber:
    number: str
    country_code: str


@dataclass(frozen=True, slots=True)
class Phone:
    first: PhoneNumber
    second: PhoneNumber | None = None


@dataclass(frozen=True, slots=True)
class Communication:
    form: str
    language: str | None = None


@dataclass(frozen=True, slots=True)
class Contact:
    kind: str
    address: Address | None = None
    organisation: str | None = None
    phone: Phone | None = None
    email: str | None = None
    period: OpenPeriod | None = None
    codes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Relation:
    number: str
    kind: str
    name: FullName
    contact: Contact
    order: int | None = None
    birth_date: BirthDate | None = None
    gender: str | None = None
    codes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Allocation:
    """One ToegewezenProduct version; budget in eurocents."""

    number: int
    decision_date: date
    decision_time: time
    start: date
    end: date | None = None
    provider_reference: str | None = None
    product: Product | None = None
    change_reason: str | None = None
    extent: Extent | None = None
    budget: int | None = None
    comment: str | None = None
    codes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class AllocationClient:
    bsn: str
    birth_date: BirthDate
    gender: str
    name: FullName
    contacts: tuple[Contact, ...]
    allocations: tuple[Allocation, ...]
    communication: Communication | None = None
    legal_status: str | None = None
    legal_representation: str | None = None
    comment: str | None = None
    relations: tuple[Relation, ...] = ()
    codes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Jw301:
    header: Header
    client: AllocationClient
    code = "301"


@dataclass(frozen=True, slots=True)
class Jw302:
    header: ReturnHeader
    client: AllocationClient | None = None
    code = "302"
