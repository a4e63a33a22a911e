"""JW323 (declaratie) and JW325 (declaratie-antwoord). Amounts and tariffs in eurocents."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from shared.ijw.model.basis import Amount, Header, MessageId, Period, XsdVersion


@dataclass(frozen=True, slots=True)
class DeclarationLine:
    """One prestatie. `volume` is eurocents when unit is 83 (euro's)."""

    reference: str
    allocation_number: int
    category: str
    product_code: str
    period: Period
    volume: int
    unit: str
    amount: Amount
    previous_reference: str | None = None
    tariff: int | None = None
    codes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class DeclarationClient:
    bsn: str
    lines: tuple[DeclarationLine, ...]
    codes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Declaration:
    number: str
    period: Period
    date: date
    total: Amount
    clients: tuple[DeclarationClient, ...]


@dataclass(frozen=True, slots=True)
class Jw323:
    header: Header
    declaration: Declaration
    code = "323"


@dataclass(frozen=True, slots=True)
class AnswerHeader:
    header: Header
    declaration_id: MessageId
    declaration_xsd_version: XsdVersion
    codes: tuple[str, ...]
    xslt_version: str | None = None


@dataclass(frozen=True, slots=True)
class DeclarationAnswer:
    number: str
    total_submitted: Amount
    total_granted: Amount
    codes: tuple[str, ...]
    clients: tuple[DeclarationClient, ...] = ()


@dataclass(frozen=True, slots=True)
class Jw325:
    header: AnswerHeader
    answer: DeclarationAnswer | None = None
    code = "325"
