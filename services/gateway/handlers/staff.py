"""Signing in: the password is checked against its scrypt hash (off the event loop), and every
attempt, failed or not, is in the audit log."""

from __future__ import annotations

import asyncio
from dataclasses import replace

from services.gateway.adapters import store
from services.gateway.context import Gateway
from shared.audit import REFUSED, AuditEntry, Origin
from shared.auth.principal import Role, StaffPrincipal
from shared.auth.secrets import password_matches


async def log_in(gw: Gateway, username: str, password: str, where: Origin) -> StaffPrincipal | None:
    row = await store.staff_user(gw.db.engines.read, username)
    ok = bool(row and row.password_hash) and await asyncio.to_thread(password_matches, password, row.password_hash)
    roles = tuple(sorted(row.roles)) if ok else ()
    entry = AuditEntry(username[:200], roles, "login", address=where.address, app=where.app)
    await gw.audit.record_alone(gw.db, entry if ok else replace(entry, outcome=REFUSED))
    if not ok:
        return None
    return StaffPrincipal(row.username, row.username, frozenset(Role(r) for r in row.roles),
                          frozenset(row.municipalities))
