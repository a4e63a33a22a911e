"""The invoicing read models and records in memory: plain dicts of rows shaped as the SQL tables'
(adapters/tables.py), which a unit of work changes and puts back when it ends without committing
(shared/persistence/memory_work.py). Adapters reach the state through its attributes at every
call, never keep one of its dicts: a rollback replaces them."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from services.invoicing.domain.allocation import AllocationVersion
from services.invoicing.domain.contract import Tariff


@dataclass
class DeclarationRow:
    declaration_id: str
    provider: str
    municipality: str
    number: str
    message_identification: str
    period_begin: date
    received_on: date
    due_on: date
    status: str
    submitted: int
    granted: int | None = None
    answer_id: str | None = None
    answered_on: date | None = None
    answer_codes: dict[str, Any] | None = None

    @property
    def answer_due(self) -> date:
        return self.due_on


@dataclass
class LineRow:
    declaration_id: str
    reference: str
    provider: str
    municipality: str
    bsn: str
    allocation_number: int
    status: str
    codes: list[str]
    signed_amount: int
    care_year: int | None
    ceiling_exempt: bool
    credited: bool
    due_on: date | None
    line: dict[str, Any]
    basis: dict[str, Any]
    approval: dict[str, Any] | None = None
    claimed_by: str | None = None
    comments: list[dict[str, Any]] | None = None
    first_approved_by: str | None = None
    first_reason: str | None = None


@dataclass(frozen=True)
class KeptVersion:
    provider: str
    bsn: str
    version: AllocationVersion


@dataclass
class InvoicingState:
    settings: dict[str, Any] = field(default_factory=dict)
    """policy, gemeenten, ceilings, products: as the match_settings table keeps them"""
    allocations: dict[tuple[str, int, date, str], KeptVersion] = field(default_factory=dict)
    """(municipality, number, decided_on, decided_at "HH:MM:SS") → the version as received"""
    tariffs: dict[tuple[str, str, str, date], tuple[str, Tariff]] = field(default_factory=dict)
    """(provider, code, unit, valid_from) → (category, tariff)"""
    declarations: dict[str, DeclarationRow] = field(default_factory=dict)
    lines: dict[tuple[str, str], LineRow] = field(default_factory=dict)
    """(declaration_id, reference) → the line, in the order received"""
    received: dict[str, bytes] = field(default_factory=dict)
    answers: dict[str, tuple[str, bytes]] = field(default_factory=dict)
