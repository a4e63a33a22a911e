"""The mailbox and the status of sent messages the way VECOZO's pull hands them out: pages of
at most 250 with a cursor, filters, a SHA-256 digest per message, and the message each answers
with the conversation it belongs to (domain/pages.py, domain/conversations.py)."""

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse

from services.gateway.api.parties import party_dependency
from services.gateway.api.rows import mailbox_item_of, status_of
from services.gateway.api.schemas import MailboxPage, SentPage
from services.gateway.context import Gateway
from services.gateway.domain.messages import Status
from services.gateway.domain.pages import MAX_PAGE, BadCursor, cursor_after, position_after
from services.gateway.ports import Filters
from shared.api.bounds import Day as BoundedDay
from shared.api.problems import INVALID_REQUEST, Refusal
from shared.auth.principal import PartyPrincipal
from shared.auth.tokens import TokenGuard

Limit = Annotated[int, Query(ge=1, le=MAX_PAGE, description="at most 250 per page, as at VECOZO")]
Cursor = Annotated[str | None, Query(max_length=64, description="`next` of the previous page")]
Code = Annotated[str | None, Query(pattern=r"^(JW|jw)?[0-9]{3}$", examples=["JW325"])]
Party = Annotated[str | None, Query(pattern=r"^[0-9]{4}([0-9]{4})?$", examples=["0193"])]
Day = Annotated[BoundedDay | None, Query(description="a day in Dutch time, included")]
BAD_CURSOR = {422: {"description": "a cursor this listing did not hand out, or a filter out of range "
                    "(application/problem+json naming the field)"}}


def pull_router(gw: Gateway, guard: TokenGuard) -> APIRouter:
    router = APIRouter(prefix="/gateway/v2", tags=["gateway"])
    Caller = Annotated[PartyPrincipal, Depends(party_dependency(gw, guard))]

    @router.get("/mailbox", response_model=MailboxPage, responses=BAD_CURSOR,
                summary="Messages addressed to you, a page at a time (oldest first)")
    async def mailbox(request: Request, caller: Caller, limit: Limit = MAX_PAGE, cursor: Cursor = None,
                      message_code: Code = None, sender: Party = None, since: Day = None, until: Day = None,
                      acknowledged: bool | None = None) -> JSONResponse:
        filters = Filters(message_code, sender, since, until, acknowledged=acknowledged)
        after = _after(cursor)
        if after is None:
            raise _bad_cursor()
        rows = await gw.queries.mailbox.page(caller.mailboxes, after, limit, filters)
        page = MailboxPage(items=[mailbox_item_of(r) for r in rows], next=_next(rows, limit))
        return JSONResponse(page.model_dump(mode="json"))

    @router.get("/messages", response_model=SentPage, responses=BAD_CURSOR,
                summary="The messages you sent (or your hub sent for you) with their status, a page at a time")
    async def messages(request: Request, caller: Caller, limit: Limit = MAX_PAGE, cursor: Cursor = None,
                       message_code: Code = None, receiver: Party = None, since: Day = None, until: Day = None,
                       status: Status | None = None) -> JSONResponse:
        filters = Filters(message_code, receiver, since, until, status=status.value if status else None)
        after = _after(cursor)
        if after is None:
            raise _bad_cursor()
        rows = await gw.queries.messages.page(caller.mailboxes, after, limit, filters)
        page = SentPage(items=[status_of(r) for r in rows], next=_next(rows, limit))
        return JSONResponse(page.model_dump(mode="json"))

    return router


def _after(cursor: str | None) -> int | None:
    try:
        return position_after(cursor)
    except BadCursor:
        return None


def _next(rows: list, limit: int) -> str | None:  # type: ignore[type-arg]
    """A full page may have more behind it; the client asks once more and gets an empty page."""
    return cursor_after(rows[-1].position) if len(rows) == limit else None


def _bad_cursor() -> Refusal:
    return Refusal(422, "1 field is not valid", type=INVALID_REQUEST,
                   errors=[{"field": "query.cursor", "message": "not a cursor of this listing; start without one"}])
