"""CheckMessage: what posting a message would do, without recording or sending anything.

The checks are the gateway's own (level 1, the sender, the direction, the receiver) and the
level-2 rules the owning service answers 0001 for, as `happyflow ijw check` runs them. Only a
party's own message is checked: one whose Afzender is not the caller is refused with 403, like
a post, so the endpoint cannot be used to read other parties' messages back.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from services.gateway.context import Gateway
from services.gateway.domain.routing import RefusedMessage, addresses, check_acceptable
from services.gateway.handlers.intake import level_two, violation
from shared.auth.principal import PartyPrincipal
from shared.ijw import IjwError
from shared.ijw import message_code as peek_code
from shared.ijw.releases import release_of


@dataclass(frozen=True)
class Checked:
    code: str | None
    release: str | None
    level: int | None
    """1: a post is refused with 422; 2: a post is accepted and answered with 0001; None: valid"""
    errors: tuple[dict[str, object], ...] = ()


async def check_message(gw: Gateway, caller: PartyPrincipal, body: bytes) -> Checked:
    """Raises RefusedMessage (403) for another party's message."""
    code = peek_code(body)
    try:
        message = await asyncio.to_thread(gw.decode, body)
    except IjwError as error:
        return Checked(code, None, 1, tuple(violation(f) for f in error.findings))
    sender, receiver = addresses(message)
    if not caller.may_send_as(sender):
        raise RefusedMessage("AFZENDER", f"the message's sender {sender} is not the caller {caller.code}", 403)
    release = release_of(message).name
    try:
        check_acceptable(code or "", caller.kind)
    except RefusedMessage as refused:
        return Checked(code, release, 1, ({"rule": refused.rule, "message": str(refused)},))
    if not await gw.queries.parties.exists(receiver):
        return Checked(code, release, 1, ({"rule": "ONTVANGER", "message": f"receiver {receiver} is not a party "
                                           "of this region"},))
    errors = await asyncio.to_thread(level_two, body, message)
    return Checked(code, release, 2 if errors else None, errors)
