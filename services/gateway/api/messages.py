"""The gateway protocol: post a message, follow its status, read and acknowledge the mailbox."""

import hashlib
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from fastapi.responses import JSONResponse

from services.gateway.api.body import spool_limited
from services.gateway.api.parties import party_dependency
from services.gateway.api.digest import content_digest, sent_digest_differs
from services.gateway.api.rows import mailbox_item_of, status_of
from services.gateway.api.schemas import LEVEL_1, Accepted, Level1Error, Level1Problem, MailboxItem, MessageStatus
from services.gateway.context import Gateway
from services.gateway.domain.routing import RefusedMessage
from services.gateway.handlers.intake import Accepted as AcceptedMessage
from services.gateway.handlers.intake import receive_message
from services.gateway.handlers.mailbox import acknowledge, read_item
from services.gateway.handlers.received import ReceivedBytes
from shared.api.bounds import Identifier
from shared.api.problems import Refusal
from shared.audit import Origin
from shared.auth.http import not_found
from shared.auth.principal import PartyPrincipal
from shared.auth.tokens import TokenGuard
from shared.ijw import Finding, IjwError

SUCCESSOR = {"Deprecation": "@1796515200", "Link": '</gateway/v2/mailbox>; rel="successor-version"'}
"""The unpaged mailbox stays for old clients, deprecated since 2026-12-06 (RFC 9745: a Unix time),
and names its paged successor (RFC 8288)."""
XML_BODY = {"content": {"application/xml": {"schema": {"type": "string"},
                                             "example": "<?xml version=\"1.0\" encoding=\"UTF-8\"?>..."}}}


def messages_router(gw: Gateway, guard: TokenGuard) -> APIRouter:
    router = APIRouter(prefix="/gateway/v1", tags=["gateway"])
    Caller = Annotated[PartyPrincipal, Depends(party_dependency(gw, guard))]

    @router.post("/messages", status_code=202, response_model=Accepted, openapi_extra={"requestBody": XML_BODY},
                 responses={422: {"model": Level1Problem, "description": "level 1 failed: each error's rule, "
                                  "line and column in `errors`"},
                            413: {}, 401: {}, 403: {}, 429: {}},
                 max_body_size=gw.max_bytes, summary="Send one iJw 3.2 message (level 1 is checked at once)")
    async def post_message(request: Request, caller: Caller) -> JSONResponse:
        with await spool_limited(request, gw.max_bytes) as body:
            if sent_digest_differs(request.headers.get("content-digest"), body.sha256):
                raise refused("the body does not match its Content-Digest", [Level1Error(
                    rule="DIGEST", message="the SHA-256 of the bytes received differs from the Content-Digest sent")])
            accepted = await _received(gw, caller, body)
        return JSONResponse(Accepted(message_id=accepted.message_id).model_dump(), 202)

    @router.get("/messages/{message_id}", response_model=MessageStatus, summary="Status of a message you sent")
    async def message_status(message_id: Identifier, caller: Caller) -> MessageStatus:
        row = await gw.queries.messages.sent_by(message_id, caller.mailboxes)
        if row is None:
            raise not_found()
        return status_of(row)

    @router.get("/mailbox", response_model=list[MailboxItem], deprecated=True,
                summary="Messages addressed to you, all at once (use GET /gateway/v2/mailbox: pages of 250)")
    async def mailbox(caller: Caller, response: Response, unacknowledged: bool = False) -> list[MailboxItem]:
        rows = await gw.queries.mailbox.items(caller.mailboxes, unacknowledged)
        response.headers.update(SUCCESSOR)
        return [mailbox_item_of(r) for r in rows]

    @router.get("/mailbox/{message_id}", response_class=Response, summary="The XML of a mailbox message",
                responses={200: {"content": {"application/xml": {}}, "headers": {"Content-Digest": {
                    "description": "RFC 9530 sha-256 of the body", "schema": {"type": "string"}}}}})
    async def mailbox_message(message_id: Identifier, request: Request, caller: Caller) -> Response:
        body = await read_item(gw, caller, message_id, Origin.of(request))
        if body is None:
            raise not_found()
        return Response(body, media_type="application/xml",
                        headers={"Content-Digest": content_digest(hashlib.sha256(body).hexdigest())})

    @router.post("/mailbox/{message_id}/ack", status_code=204, summary="Acknowledge a mailbox message")
    async def acknowledge_message(message_id: Identifier, request: Request, caller: Caller) -> Response:
        if not await acknowledge(gw, caller, message_id, Origin.of(request)):
            raise not_found()
        return Response(status_code=204)

    return router


async def _received(gw: Gateway, caller: PartyPrincipal, body: ReceivedBytes) -> AcceptedMessage:
    """The protocol's answers to what receiving refuses: level 1 and the routing checks (422), a
    message sent as another party (403)."""
    try:
        return await receive_message(gw, caller, body)
    except IjwError as error:
        raise refused("level 1 failed", [level_1_error(f) for f in error.findings]) from None
    except RefusedMessage as error:
        if error.status == 403:
            raise HTTPException(403, str(error)) from None
        raise refused(str(error), [Level1Error(rule=error.rule, message=str(error))]) from None


def level_1_error(f: Finding) -> Level1Error:
    return Level1Error(rule=f.rule, message=f.message, line=f.line, column=f.column, path=f.location)


def refused(detail: str, errors: list[Level1Error]) -> Refusal:
    """The protocol's 422: a problem document whose `errors` give each error's rule, line and column."""
    return Refusal(422, detail, type=LEVEL_1, errors=[e.model_dump() for e in errors])
