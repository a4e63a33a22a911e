"""Who did or read what (design.md §7): every human action, in the transaction of the action,
and every view of a client's data (an allocation's history, a search, the work list of requests),
one entry per client shown, in a transaction of its own. Entries go to the region's audit log
through the outbox (shared/audit.py)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from services.allocation.context import Allocations
from services.allocation.ports import AllocationWork
from shared.audit import AuditEntry, Origin
from shared.auth.principal import StaffPrincipal


@dataclass(frozen=True)
class Actor:
    principal: StaffPrincipal
    where: Origin = field(default_factory=Origin)

    @property
    def username(self) -> str:
        return self.principal.username


@dataclass(frozen=True)
class Seen:
    """One client's data in an answer: whose, of which municipality, in which object."""

    client_bsn: str | None
    municipality: str | None
    what: str


async def audit(work: AllocationWork, ctx: Allocations, actor: Actor, action: str, what: str,
                client_bsn: str | None, municipality: str | None = None) -> None:
    ctx.audit.record(work, entry(actor, action, what, client_bsn, municipality))  # type: ignore[arg-type]


def entry(actor: Actor, action: str, what: str, client_bsn: str | None, municipality: str | None = None) -> AuditEntry:
    """What a command's decision audits (shared/commands.py), or a handler records itself."""
    return AuditEntry.by_staff(actor.principal, actor.where, action, object=what, client_bsn=client_bsn,
                               municipality=municipality)


async def audit_views(ctx: Allocations, actor: Actor, action: str, seen: Iterable[Seen]) -> None:
    """A read: one entry per client shown (none when the answer showed nobody)."""
    async with ctx.store.unit_of_work() as work:
        for one in {(s.client_bsn, s.municipality, s.what): s for s in seen}.values():
            await audit(work, ctx, actor, action, one.what, one.client_bsn, one.municipality)
        await work.commit()
