"""What an admin does to a staff user from the screen: sign them out everywhere. Roles,
municipalities, passwords and tokens come from the region file alone (handlers/region_loads.py),
so the file stays the one description of who may do what."""

from __future__ import annotations

from services.gateway.context import Gateway
from services.gateway.handlers.sessions import end_sessions_of
from shared.audit import AuditEntry, record


async def end_sessions(gw: Gateway, username: str, by: str, app: str | None = None) -> int:
    """Ends every open session of the user at every service (each as it receives the event);
    how many were open. In the audit log with the action, in its transaction."""
    async with gw.db.unit_of_work() as uow:
        ended = await end_sessions_of(uow, gw, username, f"ended by {by}")
        await record(uow.connection, gw.db.tables.audit_log, AuditEntry(
            by, "staff", "staff.sessions.end", object=f"staff {username}: {ended} ended", client_app=app),
            gw.clock.now())
        await uow.commit()
    return ended
