"""The audit trail (design.md §7, NEN 7513): every human action and every view of client data.

A service records an entry as an integration event in its own outbox, in the transaction of the
action it records: a refused or failed action leaves no "allowed" entry, and an entry never exists
without its action. The gateway appends every service's entries to the region's one hash-chained
log (services/gateway/handlers/audit_trail.py). A view of client data, or a refusal, is an entry
of its own, recorded in a transaction of its own.

The client concerned travels and is stored only as a pseudonym: an HMAC-SHA-256 of the BSN under
the region's audit key, the same at every service, so an auditor searching by BSN finds its
entries while the log itself holds no BSN.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from typing import Any, Protocol

from fastapi import Request

from shared.auth.principal import PartyPrincipal, StaffPrincipal
from shared.clock import Clock
from shared.events.envelope import Envelope, NewEvent
from shared.exchange.audit import AUDIT_TOPIC, ENTRY_RECORDED
from shared.persistence.ports import Database, Store, UnitOfWork, Work
from shared.persistence.rows import utc

ALLOWED, REFUSED = "allowed", "refused"


@dataclass(frozen=True)
class AuditEntry:
    user: str
    roles: tuple[str, ...]
    """The user's staff roles, or the kind of party (provider, municipality, hub)."""
    action: str
    object: str | None = None
    municipality: str | None = None
    """The municipality the object belongs to; None for what spans the region."""
    client_bsn: str | None = None
    """Turned into the client's pseudonym before the entry leaves the service; never stored."""
    reason: str | None = None
    outcome: str = ALLOWED
    address: str | None = None
    app: str | None = None
    on_behalf_of: str | None = None

    @staticmethod
    def by_staff(principal: StaffPrincipal, where: Origin | None, action: str, **fields: Any) -> AuditEntry:
        where = where or Origin()
        return AuditEntry(principal.username, tuple(sorted(r.value for r in principal.roles)), action, address=where.address,
                          app=where.app, **fields)

    @staticmethod
    def by_party(principal: PartyPrincipal, where: Origin | None, action: str, **fields: Any) -> AuditEntry:
        where = where or Origin()
        return AuditEntry(principal.code, (principal.kind.value,), action, address=where.address, app=where.app,
                          **fields)


@dataclass(frozen=True)
class Origin:
    """Where a call came from: the peer's network address and the program (its User-Agent)."""

    address: str | None = None
    app: str | None = None

    @staticmethod
    def of(request: Request) -> Origin:
        return Origin(request.client.host if request.client else None, request.headers.get("user-agent") or None)


def pseudonym(key: bytes, bsn: str) -> str:
    """The client's reference in the audit log: HMAC-SHA-256 of the BSN under the region's key."""
    return hmac.new(key, bsn.encode("ascii"), hashlib.sha256).hexdigest()


def _clip(value: str | None, size: int) -> str | None:
    return None if value is None else value[:size]


class AuditTrail:
    """What a service records its entries with: its name, the region's audit key, its clock."""

    def __init__(self, service: str, key: bytes, clock: Clock) -> None:
        self.service, self._key, self._clock = service, key, clock

    def pseudonym(self, bsn: str) -> str:
        return pseudonym(self._key, bsn)

    def payload(self, entry: AuditEntry, at: datetime) -> dict[str, Any]:
        """The `audit.EntryRecorded` payload (shared/exchange/audit.py)."""
        return {
            "at": at.astimezone(UTC).isoformat(), "user": entry.user[:200], "roles": list(entry.roles),
            "municipality": entry.municipality, "action": entry.action[:120], "object": _clip(entry.object, 300),
            "client": self.pseudonym(entry.client_bsn) if entry.client_bsn else None,
            "reason": _clip(entry.reason, 1000), "outcome": entry.outcome, "service": self.service,
            "address": _clip(entry.address, 100), "app": _clip(entry.app, 300),
            "on_behalf_of": _clip(entry.on_behalf_of, 200),
        }

    def envelope(self, entry: AuditEntry, at: datetime | None = None) -> Envelope:
        event = NewEvent(ENTRY_RECORDED, 1, self.payload(entry, at or self._clock.now()), self._clock.now(),
                         tenant=entry.municipality)
        return Envelope.of(f"audit-{self.service}", 1, event)

    def record(self, uow: UnitOfWork | Work[Any], entry: AuditEntry) -> None:
        """Stage the entry in the outbox of the action's own transaction."""
        uow.enqueue(AUDIT_TOPIC, [self.envelope(entry)])

    async def sink(self, work: Work[Any], entry: AuditEntry, at: datetime) -> None:
        """The command handler's AuditSink (shared/commands.py): a decision's entries go to the
        region's one log through its unit of work's outbox, committed with the action they record."""
        self.record(work, entry)

    async def record_alone(self, db: Database, entry: AuditEntry) -> None:
        """An entry that is its own record: a view of client data, or a refusal."""
        async with db.unit_of_work() as uow:
            self.record(uow, entry)
            await uow.commit()


def refusals_recorder(trail: AuditTrail, db: Database):  # type: ignore[no-untyped-def]
    """For StaffAuth (staff_auth): a call refused for the caller's role, as a refused entry."""
    async def refused(principal: StaffPrincipal, request: Request, why: str) -> None:
        await trail.record_alone(db, AuditEntry.by_staff(principal, Origin.of(request), "access",
                                                         object=f"{request.method} {request.url.path}",
                                                         reason=why, outcome=REFUSED))

    return refused


@dataclass(frozen=True)
class LegacyEntry:
    """A row of a service's own audit table of before the one log."""

    id: int
    at: datetime
    actor: str
    action: str
    object: str | None
    client_bsn: str | None
    client_app: str | None
    on_behalf_of: str | None


class LegacyAudit(Protocol):
    """A service's own audit table of before the one log: nothing writes it any more."""

    async def oldest(self, limit: int) -> list[LegacyEntry]: ...

    async def remove(self, ids: Sequence[int]) -> None: ...


async def forward_legacy(store: Store[LegacyAudit], trail: AuditTrail, batch: int = 500) -> int:
    """Move rows of the service's own audit table (before the one log) into the outbox, oldest
    first, deleting each in the transaction that sends it: none is lost or sent twice. Their
    client's BSN becomes its pseudonym on the way; how many moved."""
    async with store.unit_of_work() as work:
        entries = await work.ports.oldest(batch)
        if not entries:
            return 0
        work.enqueue(AUDIT_TOPIC, [_legacy(trail, entry) for entry in entries])
        await work.ports.remove([entry.id for entry in entries])
        await work.commit()
    return len(entries)


def _legacy(trail: AuditTrail, old: LegacyEntry) -> Envelope:
    entry = AuditEntry(old.actor, (), old.action, old.object, client_bsn=old.client_bsn, app=old.client_app,
                       on_behalf_of=old.on_behalf_of)
    envelope = trail.envelope(entry, utc(old.at))
    return replace(envelope, payload={**envelope.payload, "legacy": True})
