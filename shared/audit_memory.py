"""A service's audit table of before the one log, in memory: the same contract as audit_sql.py."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from shared.audit import LegacyEntry


@dataclass
class LegacyAuditState:
    entries: list[LegacyEntry] = field(default_factory=list)


class MemoryLegacyAudit:
    def __init__(self, state: LegacyAuditState) -> None:
        self._state = state

    async def oldest(self, limit: int) -> list[LegacyEntry]:
        return sorted(self._state.entries, key=lambda e: e.id)[:limit]

    async def remove(self, ids: Sequence[int]) -> None:
        gone = set(ids)
        self._state.entries = [e for e in self._state.entries if e.id not in gone]
