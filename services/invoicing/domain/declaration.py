"""A received JW323 as the invoicing domain sees it: header, declaration, clients and lines.

These are our own types, filled by the codec mapping; iJw element names appear only in comments.
Money is integer eurocents; a signed amount is positive for debet and negative for credit.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class DebitCredit(StrEnum):
    DEBIT = "D"
    CREDIT = "C"


class Unit(StrEnum):
    """Eenheid, code list WJ756 (ijw-3.2.md §10.1)."""

    MINUTE = "01"
    HOUR = "04"
    DAY_AND_NIGHT = "14"
    DAY_PART = "16"
    PIECES_OUTPUT = "82"
    EUROS = "83"
    PIECES_EFFORT = "84"

    @property
    def is_output(self) -> bool:
        # Output-oriented units (ijw-3.2.md §9, best understanding from S14): 82 and 83.
        return self in (Unit.PIECES_OUTPUT, Unit.EUROS)


@dataclass(frozen=True, slots=True)
class Period:
    """A closed period of dates, both ends included."""

    begin: date
    end: date

    def contains(self, day: date) -> bool:
        return self.begin <= day <= self.end

    def covers(self, other: Period) -> bool:
        return self.begin <= other.begin and other.end <= self.end


@dataclass(frozen=True, slots=True)
class Header:
    sender_agb: str  # Afzender
    addressee_gemeente: str  # Ontvanger
    message_id: str  # BerichtIdentificatie/Identificatie
    message_date: date  # BerichtIdentificatie/Dagtekening
    xsd_version: tuple[str, str]  # (BasisschemaXsdVersie, BerichtXsdVersie)


@dataclass(frozen=True, slots=True)
class Line:
    """One prestatie."""

    reference: str  # ProductReferentie/ReferentieNummer
    previous_reference: str | None  # ProductReferentie/VorigReferentieNummer
    allocation_number: int  # ToewijzingNummer
    category: str  # ProductCategorie
    code: str  # ProductCode
    period: Period  # ProductPeriode
    volume: int  # GeleverdVolume
    unit: Unit  # Eenheid
    tariff: int | None  # ProductTarief, eurocents
    amount: int  # IngediendBedrag/Bedrag, eurocents
    debit_credit: DebitCredit  # IngediendBedrag/DebetCredit

    @property
    def is_credit(self) -> bool:
        return self.debit_credit is DebitCredit.CREDIT

    @property
    def signed_amount(self) -> int:
        return -self.amount if self.is_credit else self.amount

    @property
    def claim_key(self) -> tuple[int, Period, str, str]:
        """The key of TR389/TR416: one live debet per allocation, period and product."""
        return (self.allocation_number, self.period, self.category, self.code)


@dataclass(frozen=True, slots=True)
class Client:
    bsn: str
    lines: tuple[Line, ...]


@dataclass(frozen=True, slots=True)
class Declaration:
    header: Header
    number: str  # DeclaratieNummer
    period: Period  # DeclaratiePeriode
    signed_on: date  # DeclaratieDagtekening
    total_amount: int  # TotaalIngediendBedrag/TotaalBedrag, eurocents
    total_debit_credit: DebitCredit  # TotaalIngediendBedrag/DebetCredit
    clients: tuple[Client, ...]

    @property
    def signed_total(self) -> int:
        return -self.total_amount if self.total_debit_credit is DebitCredit.CREDIT else self.total_amount

    @property
    def line_count(self) -> int:
        return sum(len(client.lines) for client in self.clients)

    def lines(self) -> tuple[tuple[Client, Line], ...]:
        return tuple((client, line) for client in self.clients for line in client.lines)
