"""The JW301 log, the requests read model and the kept region input, in memory."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date, datetime
from typing import Any

from services.allocation.adapters.memory.state import AllocationState
from services.allocation.adapters.region_file import municipalities_of, product_names_of
from services.allocation.ports import OPEN_STATUSES, RequestRow, Section, SentJw301
from shared.persistence.ports import ConcurrencyError


class MemoryJw301Log:
    def __init__(self, state: AllocationState) -> None:
        self._state = state

    async def by_identification(self, identification: str) -> SentJw301 | None:
        return self._state.jw301s.get(identification)

    async def last_made_at(self, municipality: str, client_bsn: str, provider_agb: str) -> datetime | None:
        made = [s.made_at for s in self._state.jw301s.values()
                if (s.municipality, s.client_bsn, s.provider_agb) == (municipality, client_bsn, provider_agb)]
        return max(made, default=None)

    async def add(self, sent: SentJw301) -> None:
        if sent.identification in self._state.jw301s:
            raise ConcurrencyError(f"JW301 {sent.identification} was recorded already")
        self._state.jw301s[sent.identification] = sent


class MemoryRequests:
    def __init__(self, state: AllocationState) -> None:
        self._state = state

    async def row(self, provider_agb: str, reference: str) -> RequestRow | None:
        return self._state.requests.get((provider_agb, reference))

    async def open_for_client(self, provider_agb: str, client_bsn: str) -> bool:
        return any((r.provider_agb, r.client_bsn) == (provider_agb, client_bsn) and r.status in OPEN_STATUSES
                   for r in self._state.requests.values())

    async def work_list(self, municipalities: frozenset[str], open_only: bool) -> list[RequestRow]:
        rows = [r for r in self._state.requests.values()
                if r.municipality in municipalities and (not open_only or r.status in OPEN_STATUSES)]
        # An answered request has no due date: last here, as PostgreSQL sorts NULL (SQLite puts it first).
        return sorted(rows, key=lambda r: (r.due or date.max, r.provider_agb, r.reference))

    async def add(self, row: RequestRow) -> None:
        if (row.provider_agb, row.reference) in self._state.requests:
            raise ConcurrencyError(f"request {row.provider_agb}/{row.reference} was recorded already")
        self._state.requests[(row.provider_agb, row.reference)] = row

    async def answer(self, provider_agb: str, reference: str, status: str, due: date | None,
                     answer: dict[str, Any]) -> None:
        stored = self._state.requests.get((provider_agb, reference))
        if stored is not None:
            self._state.requests[(provider_agb, reference)] = replace(stored, status=status, due=due, answer=answer)


class MemoryRegionInput:
    def __init__(self, state: AllocationState) -> None:
        self._state = state

    async def sections(self) -> list[Section]:
        return [self._state.sections[name] for name in sorted(self._state.sections)]

    async def municipalities(self) -> frozenset[str]:
        return municipalities_of(self._content("budgets"))

    async def product_names(self) -> dict[str, str]:
        return product_names_of(self._content("products"))

    def _content(self, name: str) -> Any:
        section = self._state.sections.get(name)
        return None if section is None else section.content

    async def store_section(self, name: str, sha256: str, content: Any) -> None:
        stored = self._state.sections.get(name)
        self._state.sections[name] = Section(name, sha256, content, None if stored is None else stored.applied_sha256)

    async def mark_applied(self, names: Sequence[str]) -> None:
        for name in names:
            if name in self._state.sections:
                self._state.sections[name] = replace(self._state.sections[name],
                                                     applied_sha256=self._state.sections[name].sha256)

    async def has_approved_lines(self, municipality: str, number: int) -> bool:
        return bool(self._state.approved_lines.get((municipality, number)))

    async def add_approved_lines(self, municipality: str, net: Mapping[int, int]) -> None:
        for number, lines in net.items():
            key = (municipality, number)
            self._state.approved_lines[key] = self._state.approved_lines.get(key, 0) + lines
