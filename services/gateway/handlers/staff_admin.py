"""What an admin does to a staff user from the screen: sign them out everywhere. Roles,
municipalities, passwords and tokens come from the region file alone (handlers/region_loads.py),
so the file stays the one description of who may do what."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from services.gateway.context import Gateway
from services.gateway.domain.events import (
    StaffTokenIssued, StaffTokenRevoked, StaffUserRegistered, StaffUserRemoved, registry,
)
from services.gateway.domain.sessions import EndSessions, decide_end_sessions, session_stream
from shared.audit import AuditEntry, Origin
from shared.auth.identity import stream_of
from shared.auth.principal import StaffPrincipal
from shared.commands import Command

REGISTRY = registry()
END_SESSIONS: Command = Command(lambda c: [session_stream(h) for h in c.session_hashes], decide_end_sessions)


async def end_sessions(gw: Gateway, username: str, admin: StaffPrincipal, where: Origin | None = None) -> int:
    """Ends every open session of the user at every service (each as it receives the event);
    how many were open. In the audit log as the admin's action, in its transaction."""
    hashes = tuple(sorted(await gw.queries.sessions.open_of(username, gw.clock.now())))
    audit = AuditEntry.by_staff(admin, where, "staff.sessions.end", object=f"staff {username}")
    return await gw.commands(END_SESSIONS, EndSessions(username, hashes, audit))


@dataclass(frozen=True)
class HistoryItem:
    at: datetime
    what: str
    """registered (each change of roles, municipalities, name or password), token_issued,
    token_revoked, removed"""
    roles: list[str] | None = None
    municipalities: list[str] | None = None
    password_changed: bool = False


async def staff_history(gw: Gateway, username: str) -> list[HistoryItem]:
    """The user's own events, oldest first, as the region files made them."""
    async with gw.store.unit_of_work() as work:
        envelopes = await work.load(stream_of(username))
    items = []
    for envelope in envelopes:
        event = REGISTRY.decode(envelope)
        if isinstance(event, StaffUserRegistered):
            items.append(HistoryItem(envelope.occurred_at, "registered", list(event.roles), list(event.municipalities),
                                     event.password_changed))
        elif isinstance(event, (StaffTokenIssued, StaffTokenRevoked, StaffUserRemoved)):
            what = {StaffTokenIssued: "token_issued", StaffTokenRevoked: "token_revoked",
                    StaffUserRemoved: "removed"}[type(event)]
            items.append(HistoryItem(envelope.occurred_at, what))
    return items
