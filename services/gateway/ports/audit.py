"""The region's one audit log, hash-chained, as the gateway keeps it."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, Protocol
from uuid import UUID

from services.gateway.domain.audit_chain import Verification
from shared.clock import AMSTERDAM


@dataclass(frozen=True)
class AuditFilter:
    username: str | None = None
    action: str | None = None
    client: str | None = None
    """The client's pseudonym (the search computes it from the BSN)."""
    municipality: str | None = None
    since: date | None = None
    until: date | None = None
    """Days in Dutch time, both included."""
    outcome: str | None = None
    service: str | None = None

    def equal(self) -> dict[str, str]:
        """The fields an entry must equal (AuditRecord's names)."""
        named = {"username": self.username, "action": self.action, "client": self.client,
                 "municipality": self.municipality, "outcome": self.outcome, "service": self.service}
        return {name: value for name, value in named.items() if value is not None}

    def window(self) -> tuple[datetime | None, datetime | None]:
        """From the start of `since` (included) to the start of the day after `until` (excluded), UTC."""
        return (None if self.since is None else _start_of(self.since),
                None if self.until is None else _start_of(self.until + timedelta(days=1)))


def _start_of(day: date) -> datetime:
    return datetime.combine(day, time(), AMSTERDAM).astimezone(UTC)


@dataclass(frozen=True)
class AuditRecord:
    """One link of the audit log's chain (domain/audit_chain.py names its fields)."""

    seq: int
    entry_id: UUID
    at: datetime
    username: str
    roles: str
    """comma-separated, sorted"""
    municipality: str | None
    action: str
    object: str | None
    client: str | None
    reason: str | None
    outcome: str
    service: str
    address: str | None
    app: str | None
    on_behalf_of: str | None
    legacy: bool
    prev_hash: str
    hash: str


class AuditLog(Protocol):
    """The region's one audit log, hash-chained (domain/audit_chain.py): append-only, in the order
    the gateway's one consumer receives every service's entries."""

    async def append(self, entry: Mapping[str, Any]) -> None:
        """The entry (AuditRecord's fields but seq, prev_hash and hash) as the next link after the
        head. Appends are serialised, so two writers never link to the same head."""
        ...

    async def page(self, found: AuditFilter, limit: int, before: int | None) -> list[AuditRecord]:
        """Newest first; `before`: the seq the previous page ended at (keyset paging, so entries
        appended meanwhile never shift a page)."""
        ...

    def matching(self, found: AuditFilter, batch: int = 2000) -> AsyncIterator[list[AuditRecord]]:
        """Every matching entry, oldest first, in batches (an export of a whole period)."""
        ...

    async def count(self, found: AuditFilter) -> int: ...

    async def verify(self) -> Verification:
        """The whole chain in order; stops at the first entry that does not fit."""
        ...
