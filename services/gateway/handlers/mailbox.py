"""Reading and acknowledging mailbox messages. A read hands out client data, so it is audited."""

from __future__ import annotations

import sqlalchemy as sa

from services.gateway.adapters import store
from services.gateway.adapters.tables import kernel, mailbox
from services.gateway.context import Gateway
from services.gateway.domain import events as ev
from services.gateway.domain.routing import municipality_of
from shared.audit import AuditEntry, record
from shared.auth.principal import PartyPrincipal
from shared.events.envelope import NewEvent


async def read_item(gw: Gateway, caller: PartyPrincipal, message_id: str, app: str) -> bytes | None:
    row = await store.mailbox_item(gw.db.engines.read, message_id, caller.mailboxes)
    if row is None:
        return None
    async with gw.db.unit_of_work() as uow:
        await record(uow.connection, kernel.audit_log, AuditEntry(
            actor=caller.code, actor_kind=caller.kind.value, on_behalf_of=_behalf(caller, row.addressee),
            client_app=app, action="mailbox.read", object=f"JW{row.message_code} {message_id}"), gw.clock.now())
        await uow.commit()
    return bytes(row.body)


async def acknowledge(gw: Gateway, caller: PartyPrincipal, message_id: str, app: str) -> bool:
    row = await store.mailbox_item(gw.db.engines.read, message_id, caller.mailboxes)
    if row is None:
        return False
    if row.acknowledged_at is not None:
        return True  # acknowledging twice is harmless
    now = gw.clock.now()
    async with gw.db.unit_of_work() as uow:
        updated = await uow.connection.execute(
            sa.update(mailbox).where(mailbox.c.message_id == message_id, mailbox.c.acknowledged_at.is_(None))
            .values(acknowledged_at=now))
        if updated.rowcount == 1:
            uow.append(f"mailbox-{message_id}", 1, [NewEvent(
                ev.MAILBOX_MESSAGE_ACKNOWLEDGED, 1, {"message_id": message_id, "by": caller.code}, now,
                tenant=municipality_of(row.sender, row.addressee))])
            await record(uow.connection, kernel.audit_log, AuditEntry(
                actor=caller.code, actor_kind=caller.kind.value, on_behalf_of=_behalf(caller, row.addressee),
                client_app=app, action="mailbox.acknowledge", object=message_id), now)
        await uow.commit()
    return True


def _behalf(caller: PartyPrincipal, addressee: str) -> str | None:
    return addressee if addressee != caller.code else None
