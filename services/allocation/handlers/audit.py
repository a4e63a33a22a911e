"""Who did or read what (design.md §7): every human action and every read of client data,
written in the transaction of the action (or on its own for a read)."""

from __future__ import annotations

from dataclasses import dataclass

from services.allocation.context import Allocations
from shared.audit import AuditEntry, record
from shared.persistence.ports import UnitOfWork


@dataclass(frozen=True)
class Actor:
    username: str
    client_app: str | None = None


async def audit(uow: UnitOfWork, ctx: Allocations, actor: Actor, action: str, what: str,
                client_bsn: str | None) -> None:
    entry = AuditEntry(actor.username, "staff", action, what, client_bsn, client_app=actor.client_app)
    await record(uow.connection, ctx.db.tables.audit_log, entry, ctx.clock.now())


async def audit_read(ctx: Allocations, actor: Actor, action: str, what: str, client_bsn: str | None) -> None:
    async with ctx.db.unit_of_work() as uow:
        await audit(uow, ctx, actor, action, what, client_bsn)
        await uow.commit()
