"""The starts and stops of care in memory: written through the bundle (MemoryCareSpellRecords), read
by the monitoring of lump-sum contracts (MemoryCareSpells), both on the bundle's state."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from services.payments.adapters.memory.state import PaymentsState
from services.payments.domain.monitoring import CareSpell


class MemoryCareSpellRecords:
    def __init__(self, state: PaymentsState) -> None:
        self._state = state

    async def started(self, spell: CareSpell) -> None:
        self._state.spells.setdefault((spell.municipality, spell.allocation_number, spell.begin), spell)

    async def start_withdrawn(self, municipality: str, allocation_number: int, begin: date) -> None:
        self._state.spells.pop((municipality, allocation_number, begin), None)

    async def stopped(self, municipality: str, allocation_number: int, begin: date, end: date | None,
                      reason: str | None) -> None:
        spells, key = self._state.spells, (municipality, allocation_number, begin)
        if key in spells:
            spells[key] = replace(spells[key], end=end, reason=reason)


class MemoryCareSpells:
    def __init__(self, state: PaymentsState) -> None:
        self._state = state

    async def of_provider(self, provider: str, municipalities: Sequence[str]) -> list[CareSpell]:
        found = [s for s in self._state.spells.values() if s.provider == provider and s.municipality in municipalities]
        return sorted(found, key=lambda s: (s.begin, s.municipality, s.allocation_number))
