"""Reading and acknowledging mailbox messages. A read hands out client data, so it is audited."""

from __future__ import annotations

from services.gateway.context import Gateway
from services.gateway.domain.mailbox import Acknowledge, decide_acknowledge, mailbox_stream
from services.gateway.domain.routing import municipality_of
from shared.audit import AuditEntry
from shared.auth.principal import PartyPrincipal
from shared.commands import Command, Decision

AUDITED: Command = Command(lambda entry: [], lambda entry, _, __, now: Decision(None, audit=[entry]))
"""An action that changes nothing but the audit log (a read of client data)."""
ACKNOWLEDGE: Command = Command(lambda c: [mailbox_stream(c.message_id)], decide_acknowledge)


async def read_item(gw: Gateway, caller: PartyPrincipal, message_id: str, app: str) -> bytes | None:
    item = await gw.queries.mailbox.item(message_id, caller.mailboxes)
    body = None if item is None else await gw.queries.mailbox.body(message_id)
    if item is None or body is None:
        return None
    await gw.commands(AUDITED, AuditEntry(
        actor=caller.code, actor_kind=caller.kind.value, on_behalf_of=_behalf(caller, item.addressee),
        client_app=app, action="mailbox.read", object=f"JW{item.message_code} {message_id}"))
    return body


async def acknowledge(gw: Gateway, caller: PartyPrincipal, message_id: str, app: str) -> bool:
    """Acknowledging twice is harmless; of two at the same moment one counts and is audited."""
    item = await gw.queries.mailbox.item(message_id, caller.mailboxes)
    if item is None:
        return False
    if item.acknowledged_at is not None:
        return True
    entry = AuditEntry(actor=caller.code, actor_kind=caller.kind.value, on_behalf_of=_behalf(caller, item.addressee),
                       client_app=app, action="mailbox.acknowledge", object=message_id)
    return await gw.commands(ACKNOWLEDGE, Acknowledge(message_id, caller.code,
                                                      municipality_of(item.sender, item.addressee), entry))


def _behalf(caller: PartyPrincipal, addressee: str) -> str | None:
    return addressee if addressee != caller.code else None
