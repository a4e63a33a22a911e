"""The gateway protocol: post a message, follow its status, read and acknowledge the mailbox."""


from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from fastapi.responses import JSONResponse

from services.gateway.adapters import store
from services.gateway.api.body import read_limited
from services.gateway.api.parties import party_dependency
from services.gateway.api.schemas import LEVEL_1, Accepted, Level1Error, Level1Problem, MailboxItem, MessageStatus
from services.gateway.context import Gateway
from services.gateway.domain.routing import RefusedMessage
from services.gateway.handlers.intake import receive_message
from services.gateway.handlers.mailbox import acknowledge, read_item
from shared.api.bounds import Identifier
from shared.api.problems import Refusal
from shared.auth.http import client_app, not_found
from shared.auth.principal import PartyPrincipal
from shared.ijw import IjwError
from shared.persistence.rows import utc

XML_BODY = {"content": {"application/xml": {"schema": {"type": "string"},
                                             "example": "<?xml version=\"1.0\" encoding=\"UTF-8\"?>..."}}}


def messages_router(gw: Gateway) -> APIRouter:
    router = APIRouter(prefix="/gateway/v1", tags=["gateway"])
    Caller = Annotated[PartyPrincipal, Depends(party_dependency(gw))]

    @router.post("/messages", status_code=202, response_model=Accepted, openapi_extra={"requestBody": XML_BODY},
                 responses={422: {"model": Level1Problem, "description": "level 1 failed: each error's rule, "
                                  "line and column in `errors`"},
                            413: {}, 401: {}, 403: {}},
                 max_body_size=gw.max_bytes, summary="Send one iJw 3.2 message (level 1 is checked at once)")
    async def post_message(request: Request, caller: Caller) -> JSONResponse:
        body = await read_limited(request, gw.max_bytes)
        try:
            accepted = await receive_message(gw, caller, body)
        except IjwError as error:
            raise refused("level 1 failed", [Level1Error(**f.as_dict()) for f in error.findings]) from None
        except RefusedMessage as error:
            if error.status == 403:
                raise HTTPException(403, str(error)) from None
            raise refused(str(error), [Level1Error(rule=error.rule, message=str(error))]) from None
        return JSONResponse(Accepted(message_id=accepted.message_id).model_dump(), 202)

    @router.get("/messages/{message_id}", response_model=MessageStatus, summary="Status of a message you sent")
    async def message_status(message_id: Identifier, caller: Caller) -> MessageStatus:
        row = await store.received_message(gw.db.engines.read, message_id, caller.mailboxes)
        if row is None:
            raise not_found()
        return MessageStatus(message_id=row.message_id, message_code=f"JW{row.message_code}", sender=row.sender,
                             receiver=row.receiver, received_at=utc(row.received_at), size=row.size,
                             status=row.status, answer_id=row.answer_id)

    @router.get("/mailbox", response_model=list[MailboxItem], summary="Messages addressed to you")
    async def mailbox(caller: Caller, unacknowledged: bool = False) -> list[MailboxItem]:
        rows = await store.mailbox_items(gw.db.engines.read, caller.mailboxes, unacknowledged)
        return [MailboxItem(message_id=r.message_id, message_code=f"JW{r.message_code}", sender=r.sender,
                            addressee=r.addressee, in_reply_to=r.in_reply_to, created_at=utc(r.created_at), size=r.size,
                            acknowledged=r.acknowledged_at is not None) for r in rows]

    @router.get("/mailbox/{message_id}", response_class=Response, summary="The XML of a mailbox message",
                responses={200: {"content": {"application/xml": {}}}})
    async def mailbox_message(message_id: Identifier, request: Request, caller: Caller) -> Response:
        body = await read_item(gw, caller, message_id, client_app(request))
        if body is None:
            raise not_found()
        return Response(body, media_type="application/xml")

    @router.post("/mailbox/{message_id}/ack", status_code=204, summary="Acknowledge a mailbox message")
    async def acknowledge_message(message_id: Identifier, request: Request, caller: Caller) -> Response:
        if not await acknowledge(gw, caller, message_id, client_app(request)):
            raise not_found()
        return Response(status_code=204)

    return router


def refused(detail: str, errors: list[Level1Error]) -> Refusal:
    """The protocol's 422: a problem document whose `errors` give each error's rule, line and column."""
    return Refusal(422, detail, type=LEVEL_1, errors=[e.model_dump() for e in errors])
