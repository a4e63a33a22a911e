"""JW315 (verzoek om toewijzing), JW317 (verzoek om wijziging), JW319 (antwoord) and retours."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from shared.ijw.model.basis import Extent, Header, Person, Product, ReturnHeader


@dataclass(frozen=True, slots=True)
class Referrer:
    kind: str
    name: str | None = None
    agb: str | None = None


@dataclass(frozen=True, slots=True)
class RequestedProduct:
    reference: str
    start: date
    referrer: Referrer
    decision_number: int | None = None
    product: Product | None = None
    decision_start: date | None = None
    end: date | None = None
    extent: Extent | None = None
    budget: int | None = None
    framework_contract: str | None = None
    comment: str | None = None
    codes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class RequestClient:
    person: Person
    products: tuple[RequestedProduct, ...]
    guardian_known: str | None = None
    comment: str | None = None
    codes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class UnchangedProduct:
    allocation_number: int
    codes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ChangedProduct:
    allocation_number: int
    desired_start: date
    end: date | None = None
    extent: Extent | None = None
    budget: int | None = None
    codes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class NewProduct:
    desired_start: date
    product: Product | None = None
    end: date | None = None
    extent: Extent | None = None
    budget: int | None = None
    codes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ChangeRequest:
    reference: str
    reason: str
    unchanged: tuple[UnchangedProduct, ...] = ()
    changed: tuple[ChangedProduct, ...] = ()
    new: tuple[NewProduct, ...] = ()
    codes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class ChangeRequestClient:
    bsn: str
    request: ChangeRequest
    codes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Answer:
    reference: str
    answer: str
    rejection_reason: str | None = None
    residence_municipality: str | None = None
    residence_codes: tuple[str, ...] = ()
    codes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Jw315:
    header: Header
    client: RequestClient
    code = "315"


@dataclass(frozen=True, slots=True)
class Jw316:
    header: ReturnHeader
    client: RequestClient | None = None
    code = "316"


@dataclass(frozen=True, slots=True)
class Jw317:
    header: Header
    client: ChangeRequestClient
    code = "317"


@dataclass(frozen=True, slots=True)
class Jw318:
    header: ReturnHeader
    client: ChangeRequestClient | None = None
    code = "318"


@dataclass(frozen=True, slots=True)
class Jw319:
    header: Header
    answer: Answer
    code = "319"


@dataclass(frozen=True, slots=True)
class Jw320:
    header: ReturnHeader
    answer: Answer | None = None
    code = "320"
