"""The financing ports (services/payments/ports.py) in memory: for handler tests without a
database, and the reference the SQL adapters are held to by their contract tests."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, datetime
from typing import Any

from services.payments.domain import book as books
from services.payments.domain.monitoring import CareSpell
from shared.persistence.ports import UnitOfWork


class MemoryCareSpells:
    def __init__(self) -> None:
        self._spells: dict[tuple[str, int, date], CareSpell] = {}

    async def started(self, uow: UnitOfWork | None, spell: CareSpell) -> None:
        self._spells.setdefault((spell.municipality, spell.allocation_number, spell.begin), spell)

    async def start_withdrawn(self, uow: UnitOfWork | None, municipality: str, allocation_number: int,
                              begin: date) -> None:
        self._spells.pop((municipality, allocation_number, begin), None)

    async def stopped(self, uow: UnitOfWork | None, municipality: str, allocation_number: int, begin: date,
                      end: date | None, reason: str | None) -> None:
        key = (municipality, allocation_number, begin)
        if key in self._spells:
            self._spells[key] = replace(self._spells[key], end=end, reason=reason)

    async def of_provider(self, provider: str, municipalities: Sequence[str]) -> list[CareSpell]:
        found = [s for s in self._spells.values() if s.provider == provider and s.municipality in municipalities]
        return sorted(found, key=lambda s: (s.begin, s.municipality, s.allocation_number))


class MemoryBookHistory:
    def __init__(self) -> None:
        self._events: list[tuple[datetime, Any]] = []

    def record(self, moment: datetime, events: Sequence[Any]) -> None:
        self._events += [(moment, e) for e in events]

    async def as_of(self, moment: datetime) -> books.Book:
        return books.fold(e for at, e in self._events if at <= moment)


@dataclass
class MemoryRegionSections:
    known: dict[str, Any] = field(default_factory=dict)

    async def sections(self) -> Mapping[str, Any]:
        return dict(self.known)


@dataclass(frozen=True)
class MemoryFinancing:
    spells: MemoryCareSpells = field(default_factory=MemoryCareSpells)
    history: MemoryBookHistory = field(default_factory=MemoryBookHistory)
    region: MemoryRegionSections = field(default_factory=MemoryRegionSections)
