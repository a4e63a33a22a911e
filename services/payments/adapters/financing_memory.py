"""The financing ports (services/payments/ports.py) in memory: for handler tests without a
database, and the reference the SQL adapters are held to by their contract tests."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from services.payments.domain import book as books
from services.payments.adapters.memory.spells import MemoryCareSpells
from services.payments.adapters.memory.state import PaymentsState


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
    spells: MemoryCareSpells = field(default_factory=lambda: MemoryCareSpells(PaymentsState()))
    """Reads the care spells of the bundle's state (MemoryCareSpellRecords) it is given."""
    history: MemoryBookHistory = field(default_factory=MemoryBookHistory)
    region: MemoryRegionSections = field(default_factory=MemoryRegionSections)
