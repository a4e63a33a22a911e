"""POST /gateway/v1/check: what posting a message would do, without recording or sending it."""

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import JSONResponse

from services.gateway.api.body import read_limited
from services.gateway.api.parties import party_dependency
from services.gateway.api.schemas import CheckReport, Violation
from services.gateway.context import Gateway
from services.gateway.domain.routing import RefusedMessage
from services.gateway.handlers.checking import check_message
from shared.api.problems import FOREIGN_MESSAGE, Refusal
from shared.auth.principal import PartyPrincipal
from shared.auth.tokens import TokenGuard

EXAMPLES = {
    "valid": {"summary": "A declaration that passes", "value": {
        "valid": True, "message_code": "JW323", "release": "3.2", "level": None, "errors": []}},
    "level 2": {"summary": "Accepted, then answered 0001: a BSN failing the eleven-test", "value": {
        "valid": False, "message_code": "JW323", "release": "3.2", "level": 2, "errors": [{
            "rule": "CS002", "message": "BSN 999900007 fails the eleven-test",
            "path": "/Bericht/Declaratie/Clienten/Client[1]/Bsn", "line": 31, "column": 9}]}},
    "level 1": {"summary": "Refused at once (422): not schema-valid", "value": {
        "valid": False, "message_code": "JW323", "release": None, "level": 1, "errors": [{
            "rule": "XSD", "message": "Element '{http://www.istandaarden.nl/ijw/3_2/jw323/schema}Eenheid': "
            "[facet 'enumeration'] The value '05' is not an element of the set {'01', '04', '14', '16', '82', "
            "'83', '84'}.", "path": "/Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie/Eenheid",
            "line": 45, "column": 13}]}},
}
XML_BODY = {"content": {"application/xml": {"schema": {"type": "string"},
                                             "example": "<?xml version=\"1.0\" encoding=\"UTF-8\"?>..."}}}


def check_router(gw: Gateway, guard: TokenGuard) -> APIRouter:
    router = APIRouter(prefix="/gateway/v1", tags=["gateway"])
    Caller = Annotated[PartyPrincipal, Depends(party_dependency(gw, guard))]

    @router.post("/check", response_model=CheckReport, openapi_extra={"requestBody": XML_BODY},
                 responses={200: {"content": {"application/json": {"examples": EXAMPLES}}},
                            403: {"description": "the message's Afzender is not you (application/problem+json)"},
                            413: {}, 401: {}},
                 summary="Check one of your messages as posting would (level 1 and level 2), without sending it")
    async def check(request: Request, caller: Caller) -> JSONResponse:
        body = await read_limited(request, gw.max_bytes)
        try:
            checked = await check_message(gw, caller, body)
        except RefusedMessage as refused:
            raise Refusal(403, str(refused), type=FOREIGN_MESSAGE,
                          errors=[{"rule": refused.rule, "message": str(refused)}]) from None
        report = CheckReport(valid=not checked.errors, message_code=f"JW{checked.code}" if checked.code else None,
                             release=checked.release, level=checked.level,
                             errors=[Violation(**e) for e in checked.errors])
        return JSONResponse(report.model_dump(mode="json"))

    return router
