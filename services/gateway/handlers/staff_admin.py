"""What an admin does to a staff user from the screen: sign them out everywhere. Roles,
municipalities, passwords and tokens come from the region file alone (handlers/region_loads.py),
so the file stays the one description of who may do what."""

from __future__ import annotations

from services.gateway.context import Gateway
from services.gateway.handlers.sessions import end_session, open_sessions
from shared.audit import AuditEntry, Origin
from shared.auth.principal import StaffPrincipal


async def end_sessions(gw: Gateway, username: str, admin: StaffPrincipal, where: Origin | None = None) -> int:
    """Ends every open session of the user at every service (each as it receives the event);
    how many were open. In the audit log as the admin's action, in its transaction."""
    async with gw.db.unit_of_work() as uow:
        reason = f"signed out everywhere by {admin.username}"
        ended = [h for h in await open_sessions(uow, gw, username) if await end_session(uow, gw, h, username, reason)]
        gw.audit.record(uow, AuditEntry.by_staff(admin, where, "staff.sessions.end", object=f"staff {username}",
                                                 reason=f"{len(ended)} open sessions ended"))
        await uow.commit()
    return len(ended)
