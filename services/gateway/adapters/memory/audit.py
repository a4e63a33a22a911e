"""The audit log's chain in memory (the contract: ports.py, AuditLog)."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from dataclasses import asdict
from typing import Any

from services.gateway.adapters.memory.state import GatewayState
from services.gateway.domain.audit_chain import Verification, chained, verify
from services.gateway.ports import AuditFilter, AuditRecord


class MemoryAuditLog:
    def __init__(self, state: GatewayState) -> None:
        self._s = state

    async def append(self, entry: Mapping[str, Any]) -> None:
        head = self._s.audit[-1] if self._s.audit else None
        self._s.audit.append(AuditRecord(**chained(entry, head and (head.seq, head.hash))))

    async def page(self, found: AuditFilter, limit: int, before: int | None) -> list[AuditRecord]:
        newest = [r for r in reversed(self._s.audit) if _fits(r, found) and (before is None or r.seq < before)]
        return newest[:limit]

    async def matching(self, found: AuditFilter, batch: int = 2000) -> AsyncIterator[list[AuditRecord]]:
        rows = [r for r in self._s.audit if _fits(r, found)]
        for start in range(0, len(rows), batch):
            yield rows[start:start + batch]

    async def count(self, found: AuditFilter) -> int:
        return sum(1 for r in self._s.audit if _fits(r, found))

    async def verify(self) -> Verification:
        return verify(asdict(r) for r in self._s.audit)


def _fits(record: AuditRecord, found: AuditFilter) -> bool:
    start, end = found.window()
    return (all(getattr(record, name) == value for name, value in found.equal().items())
            and (start is None or record.at >= start) and (end is None or record.at < end))
