"""The payment book, the ceilings and the evidence records in memory: kept as their events are
projected (every event a handler appends it also projects, so a fold's count is its stream's
version)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from services.payments.adapters.memory.payables import project_rows
from services.payments.adapters.memory.state import PaymentsState
from services.payments.domain import book as books
from services.payments.domain import ceilings
from services.payments.domain import events as ev


class MemoryPaymentBooks:
    def __init__(self, state: PaymentsState) -> None:
        self._state = state

    async def book(self) -> tuple[int, books.Book]:
        return self._state.folded.book

    async def ceiling(self, contract_id: str, year: int) -> tuple[int, ceilings.Ceiling]:
        return self._state.folded.ceilings.get((contract_id, year), (0, ceilings.Ceiling()))

    def committed(self) -> None:
        """Nothing to do: the projections fold the state as they go."""


class MemoryProjections:
    """Folds the book and the ceilings, keeps the evidence records, and projects the items, runs
    and statements (adapters/memory/payables.py)."""

    def __init__(self, state: PaymentsState) -> None:
        self._state = state

    async def project(self, decided: Sequence[Any], at: datetime) -> None:
        project_rows(self._state, decided, at)
        folded = self._state.folded
        booked = [e for e in decided if isinstance(e, ev.BookEvent)]
        if booked:
            version, book = folded.book
            folded.book = (version + len(booked), books.fold(booked, book))
        by_ceiling: dict[tuple[str, int], list[Any]] = {}
        for event in decided:
            if isinstance(event, ev.CeilingEvent):
                by_ceiling.setdefault((event.contract_id, event.year), []).append(event)
        for key, events in by_ceiling.items():
            version, ceiling = folded.ceilings.get(key, (0, ceilings.Ceiling()))
            folded.ceilings[key] = (version + len(events), ceilings.fold(events, ceiling))
        for event in decided:
            if isinstance(event, ev.DeclarationEvidenceRecorded):
                self._state.evidence[event.declaration_id] += 1
            elif isinstance(event, ev.RegionSectionRecorded):
                self._state.recorded_sections.append((event.section, event.content))


class MemoryEvidenceRecords:
    def __init__(self, state: PaymentsState) -> None:
        self._state = state

    async def evidence_events(self, declaration_id: str) -> int:
        return self._state.evidence[declaration_id]

    async def recorded_sections(self) -> list[tuple[str, Any]]:
        return list(self._state.recorded_sections)
