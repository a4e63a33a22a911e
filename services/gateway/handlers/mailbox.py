"""Reading and acknowledging mailbox messages. A read hands out client data, so it is audited."""

from __future__ import annotations

from services.gateway.adapters import store
from services.gateway.adapters.projections import project
from services.gateway.context import Gateway
from services.gateway.domain import events as ev
from services.gateway.domain.routing import municipality_of
from shared.audit import AuditEntry, Origin
from shared.auth.principal import PartyPrincipal
from shared.events.envelope import NewEvent
from shared.persistence.ports import ConcurrencyError


async def read_item(gw: Gateway, caller: PartyPrincipal, message_id: str, where: Origin) -> bytes | None:
    row = await store.mailbox_item(gw.db.engines.read, message_id, caller.mailboxes, with_body=True)
    if row is None:
        return None
    await gw.audit.record_alone(gw.db, AuditEntry.by_party(
        caller, where, "mailbox.read", object=f"JW{row.message_code} {message_id}",
        municipality=municipality_of(row.sender, row.addressee), on_behalf_of=_behalf(caller, row.addressee)))
    return bytes(row.body)


async def acknowledge(gw: Gateway, caller: PartyPrincipal, message_id: str, where: Origin) -> bool:
    """Acknowledging twice is harmless; of two at the same moment the event store keeps one (the
    mailbox stream has room for one acknowledgement after its delivery), the other changes nothing."""
    row = await store.mailbox_item(gw.db.engines.read, message_id, caller.mailboxes)
    if row is None:
        return False
    if row.acknowledged_at is not None:
        return True
    now = gw.clock.now()
    try:
        async with gw.db.unit_of_work() as uow:
            acknowledged = uow.append(f"mailbox-{message_id}", 1, [NewEvent(
                ev.MAILBOX_MESSAGE_ACKNOWLEDGED, 1, {"message_id": message_id, "by": caller.code}, now,
                tenant=municipality_of(row.sender, row.addressee))])
            await project(uow.connection, acknowledged)
            gw.audit.record(uow, AuditEntry.by_party(
                caller, where, "mailbox.acknowledge", object=message_id,
                municipality=municipality_of(row.sender, row.addressee), on_behalf_of=_behalf(caller, row.addressee)))
            await uow.commit()
    except ConcurrencyError:
        pass  # acknowledged by a concurrent request
    return True


def _behalf(caller: PartyPrincipal, addressee: str) -> str | None:
    return addressee if addressee != caller.code else None
