"""Reading and acknowledging mailbox messages. A read hands out client data, so it is audited."""

from __future__ import annotations

from services.gateway.context import Gateway
from services.gateway.domain.mailbox import Acknowledge, decide_acknowledge, mailbox_stream
from services.gateway.domain.routing import municipality_of
from shared.audit import AuditEntry, Origin
from shared.auth.principal import PartyPrincipal
from shared.commands import Command, Decision

AUDITED: Command = Command(lambda entry: [], lambda entry, _, __, now: Decision(None, audit=[entry]))
"""An action that changes nothing but the audit log (a read of client data): its entry is
recorded in a transaction of its own."""
ACKNOWLEDGE: Command = Command(lambda c: [mailbox_stream(c.message_id)], decide_acknowledge)


async def read_item(gw: Gateway, caller: PartyPrincipal, message_id: str, where: Origin) -> bytes | None:
    item = await gw.queries.mailbox.item(message_id, caller.mailboxes)
    body = None if item is None else await gw.queries.mailbox.body(message_id)
    if item is None or body is None:
        return None
    await gw.commands(AUDITED, AuditEntry.by_party(
        caller, where, "mailbox.read", object=f"JW{item.message_code} {message_id}",
        municipality=municipality_of(item.sender, item.addressee), on_behalf_of=_behalf(caller, item.addressee)))
    return body


async def acknowledge(gw: Gateway, caller: PartyPrincipal, message_id: str, where: Origin) -> bool:
    """Acknowledging twice is harmless; of two at the same moment one counts and is audited."""
    item = await gw.queries.mailbox.item(message_id, caller.mailboxes)
    if item is None:
        return False
    if item.acknowledged_at is not None:
        return True
    municipality = municipality_of(item.sender, item.addressee)
    entry = AuditEntry.by_party(caller, where, "mailbox.acknowledge", object=message_id, municipality=municipality,
                                on_behalf_of=_behalf(caller, item.addressee))
    return await gw.commands(ACKNOWLEDGE, Acknowledge(message_id, caller.code, municipality, entry))


def _behalf(caller: PartyPrincipal, addressee: str) -> str | None:
    return addressee if addressee != caller.code else None
