"""The allocations read model in memory, held to the SQL adapter's behaviour by the contract suite."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date

from services.allocation.adapters.memory.state import AllocationState
from services.allocation.domain.allocation import AllocationVersion, status_of, version_order
from services.allocation.ports import FIRST_NUMBER, AllocationFilter, AllocationRow

PENDING = "pending"


class MemoryAllocations:
    def __init__(self, state: AllocationState) -> None:
        self._state = state

    async def effective(self, municipality: str, number: int) -> AllocationVersion | None:
        row = self._state.allocations.get((municipality, number))
        return None if row is None else row.version

    async def of_client_at(self, client_bsn: str, provider_agb: str) -> tuple[AllocationVersion, ...]:
        return tuple(row.version for row in self._state.allocations.values()
                     if (row.version.client_bsn, row.version.provider_agb) == (client_bsn, provider_agb))

    async def next_number(self, municipality: str) -> int:
        numbers = [n for (m, n) in self._state.allocations if m == municipality]
        return max(numbers) + 1 if numbers else FIRST_NUMBER

    async def row(self, municipality: str, number: int) -> AllocationRow | None:
        return self._state.allocations.get((municipality, number))

    async def search(self, f: AllocationFilter, today: date, limit: int) -> list[AllocationRow]:
        found = [row for key, row in sorted(self._state.allocations.items()) if _matches(row.version, f, today)]
        return found[:limit]

    async def put_version(self, version: AllocationVersion) -> None:
        key = (version.municipality, version.number)
        stored = self._state.allocations.get(key)
        if stored is None:
            self._state.allocations[key] = AllocationRow(version, PENDING, ())
        elif version_order(version) > version_order(stored.version):
            self._state.allocations[key] = replace(stored, version=version)

    async def record_receipt(self, municipality: str, number: int, outcome: str, codes: Sequence[str]) -> None:
        stored = self._state.allocations.get((municipality, number))
        if stored is not None:
            self._state.allocations[(municipality, number)] = replace(stored, receipt=outcome, receipt_codes=tuple(codes))


def _matches(v: AllocationVersion, f: AllocationFilter, today: date) -> bool:
    wanted = ((v.client_bsn, f.client_bsn), (v.provider_agb, f.provider_agb),
              (None if v.product is None else v.product.code, f.product_code),
              (None if v.product is None else v.product.category, f.category))
    return (v.municipality in f.municipalities
            and all(value is None or have == value for have, value in wanted)
            and (f.period_start is None or v.end is None or v.end >= f.period_start)
            and (f.period_end is None or v.start <= f.period_end)
            and (f.status is None or status_of(v, today) == f.status))
