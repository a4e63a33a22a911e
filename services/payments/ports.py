"""What the payments handlers and routes of the region's financing (issue 17) need from storage,
in business words (issue 13's seam): the starts and stops of care, the payment book as it stood
at any moment, and the region file's sections. Each has an SQL implementation
(adapters/financing_sql.py) and an in-memory one (adapters/financing_memory.py)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime
from typing import Any, Protocol

from services.payments.domain.book import Book
from services.payments.domain.monitoring import CareSpell
from shared.persistence.ports import UnitOfWork


class CareSpells(Protocol):
    async def started(self, uow: UnitOfWork, spell: CareSpell) -> None:
        """A start (JW305); the same start again changes nothing."""

    async def start_withdrawn(self, uow: UnitOfWork, municipality: str, allocation_number: int, begin: date) -> None:
        ...

    async def stopped(self, uow: UnitOfWork, municipality: str, allocation_number: int, begin: date,
                      end: date | None, reason: str | None) -> None:
        """A stop (JW307) of the start with that key; a withdrawn stop passes `end` None."""

    async def of_provider(self, provider: str, municipalities: Sequence[str]) -> list[CareSpell]:
        ...


class BookHistory(Protocol):
    async def as_of(self, moment: datetime) -> Book:
        """The payment book folded from its events recorded up to and including `moment`."""


class RegionSections(Protocol):
    async def sections(self) -> Mapping[str, Any]:
        """The region file's sections as payments last received them."""


class Financing(Protocol):
    spells: CareSpells
    history: BookHistory
    region: RegionSections
