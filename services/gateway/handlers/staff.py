"""Signing in: the password is checked against its scrypt hash (off the event loop), and every
attempt, failed or not, is in the audit log."""

from __future__ import annotations

import asyncio

from services.gateway.adapters import store
from services.gateway.context import Gateway
from shared.audit import AuditEntry, record
from shared.auth.principal import Role, StaffPrincipal
from shared.auth.secrets import password_matches


async def log_in(gw: Gateway, username: str, password: str, app: str) -> StaffPrincipal | None:
    row = await store.staff_user(gw.db.engines.read, username)
    ok = bool(row and row.password_hash) and await asyncio.to_thread(password_matches, password, row.password_hash)
    async with gw.db.unit_of_work() as uow:
        await record(uow.connection, gw.db.tables.audit_log, AuditEntry(
            username[:200], "staff", "login" if ok else "login.failed", client_app=app), gw.clock.now())
        await uow.commit()
    if not ok:
        return None
    return StaffPrincipal(row.username, row.username, frozenset(Role(r) for r in row.roles),
                          frozenset(row.municipalities))
