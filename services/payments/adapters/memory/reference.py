"""The reference data port in memory (the same rules as adapters/reference.py), and the region
facts on the same sections."""

from __future__ import annotations

import copy
from collections.abc import Mapping, Sequence
from typing import Any

from services.payments.adapters.memory.state import PaymentsState
from services.payments.adapters.reference import allocation_row
from services.payments.domain.budget import HELD, REJECTED
from shared.exchange.allocation import AllocationPublished


class MemoryReferenceData:
    def __init__(self, state: PaymentsState) -> None:
        self._state = state

    async def section(self, name: str, default: Any = None) -> Any:
        found = self._state.sections.get(name)
        return default if found is None else copy.deepcopy(found)

    async def sections(self) -> dict[str, Any]:
        return copy.deepcopy(self._state.sections)

    async def store_section(self, name: str, content: Any) -> None:
        self._state.sections[name] = copy.deepcopy(content)

    async def record_lines(self, rows: Sequence[Mapping[str, Any]]) -> None:
        lines = self._state.lines
        known = {row["line_id"]: lines[row["line_id"]]["status"] for row in rows if row["line_id"] in lines}
        for row in rows:
            line_id = row["line_id"]
            if line_id not in known:
                lines.setdefault(line_id, dict(row))
            elif known[line_id] == HELD and row["status"] != HELD:
                lines[line_id]["status"] = row["status"]

    async def record_rejected(self, line_ids: Sequence[str]) -> None:
        for line_id in line_ids:
            line = self._state.lines.get(line_id)
            if line is not None and line["status"] == HELD:
                line["status"] = REJECTED

    async def line_statuses(self, line_ids: Sequence[str]) -> dict[str, str]:
        lines = self._state.lines
        return {line_id: lines[line_id]["status"] for line_id in line_ids if line_id in lines}

    async def record_allocation(self, allocation: AllocationPublished) -> None:
        key = (allocation.municipality, allocation.allocation_number)
        known = self._state.allocations.get(key)
        first, referrer = (known["first_allocated_on"], known["referrer_type"]) if known else (None, None)
        self._state.allocations[key] = allocation_row(allocation, first, referrer)

    async def referrer_types(self, municipality: str, numbers: Sequence[int]) -> dict[int, str]:
        found = (self._state.allocations.get((municipality, n)) for n in set(numbers))
        return {a["number"]: a["referrer_type"] for a in found if a is not None and a["referrer_type"]}


class MemoryRegionFactsOf:
    """The state's region facts (adapters/memory_region.py), reached at every call (a rollback
    replaces them), reading the sections the reference data keeps, as the SQL adapter does."""

    def __init__(self, state: PaymentsState) -> None:
        self._state = state

    async def sections(self) -> dict[str, Any]:
        return copy.deepcopy(self._state.sections)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._state.facts, name)
