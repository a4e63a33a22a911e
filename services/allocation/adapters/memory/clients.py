"""Clients' particulars per municipality in memory, and finding them."""

from __future__ import annotations

from typing import Any

from services.allocation.adapters.memory.state import AllocationState
from services.allocation.ports import ClientQuery, FoundClient


class MemoryClients:
    def __init__(self, state: AllocationState) -> None:
        self._state = state

    async def details(self, municipality: str, client_bsn: str) -> dict[str, Any] | None:
        return self._state.clients.get((municipality, client_bsn))

    async def put_details(self, municipality: str, client_bsn: str, details: dict[str, Any]) -> None:
        self._state.clients[(municipality, client_bsn)] = details

    async def find(self, q: ClientQuery, limit: int) -> list[FoundClient]:
        found = [(key, details) for key, details in self._state.clients.items()
                 if key[0] in q.municipalities and _matches(key[1], details, q)]
        found.sort(key=lambda item: (str(item[1].get("surname")), str(item[1].get("birth_date")), item[0][1]))
        return [FoundClient(m, bsn, details, self._count(m, bsn)) for (m, bsn), details in found[:limit]]

    def _count(self, municipality: str, client_bsn: str) -> int:
        return sum(1 for row in self._state.allocations.values()
                   if (row.municipality, row.client_bsn) == (municipality, client_bsn) and not row.version.deleted)


def _matches(client_bsn: str, details: dict[str, Any], q: ClientQuery) -> bool:
    surname = str(details.get("surname") or "")
    return ((not q.bsn or client_bsn == q.bsn)
            and (not q.surname or surname.lower().startswith(q.surname.lower()))
            and (not q.birth_date or details.get("birth_date") == q.birth_date.isoformat()))
