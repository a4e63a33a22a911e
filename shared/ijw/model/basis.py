"""Value types shared by every iJw 3.2 message. Money is integer eurocents, dates are dates."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date


@dataclass(frozen=True, slots=True)
class MessageId:
    identification: str
    date: date


@dataclass(frozen=True, slots=True)
class XsdVersion:
    basisschema: str
    message: str


@dataclass(frozen=True, slots=True)
class Header:
    """Standard header of a heen-bericht. Sender/receiver are AGB (8) or gemeente (4) codes."""

    sender: str
    receiver: str
    message_id: MessageId
    xsd_version: XsdVersion


@dataclass(frozen=True, slots=True)
class ReturnHeader:
    """Header of a retour message: the original header copied plus the retour fields."""

    original: Header
    return_id: str
    return_date: date
    xsd_version: XsdVersion
    xslt_version: str | None = None
    codes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Period:
    start: date
    end: date


@dataclass(frozen=True, slots=True)
class OpenPeriod:
    start: date | None = None
    end: date | None = None


@dataclass(frozen=True, slots=True)
class Product:
    category: str
    code: str | None = None


@dataclass(frozen=True, slots=True)
class Extent:
    """Omvang: volume in `unit` (WJ756) per `frequency` (WMO757)."""

    volume: int
    unit: str
    frequency: str


@dataclass(frozen=True, slots=True)
class Amount:
    """An amount in eurocents with its debet/credit sign."""

    cents: int
    credit: bool = False

    @property
    def signed(self) -> int:
        return -self.cents if self.credit else self.cents

    @classmethod
    def from_signed(cls, cents: int) -> Amount:
        return cls(abs(cents), cents < 0)


@dataclass(frozen=True, slots=True)
class BirthDate:
    date: date
    usage: str | None = None


@dataclass(frozen=True, slots=True)
class Surname:
    name: str
    prefix: str | None = None


@dataclass(frozen=True, slots=True)
class FullName:
    surname: Surname
    name_usage: str
    partner_name: Surname | None = None
    first_names: str | None = None
    initials: str | None = None


@dataclass(frozen=True, slots=True)
class ShortName:
    surname: Surname
    first_names: str | None = None
    initials: str | None = None


@dataclass(frozen=True, slots=True)
class Person:
    """The client identification block of 305/307/315: Bsn, birth date, gender, short name."""

    bsn: str
    birth_date: BirthDate
    gender: str
    name: ShortName
