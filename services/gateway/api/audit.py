"""The region's audit log for regional admins and auditors: filtered, newest first in pages,
exported whole as CSV or XLSX, and the verification of its hash chain. Reading it is logged too."""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse

from services.gateway.adapters import audit_export
from services.gateway.api.schemas import AuditEntryOut, AuditPage, ChainVerification
from services.gateway.context import Gateway
from services.gateway.domain.pages import BadCursor, cursor_after, position_after
from services.gateway.handlers.mailbox import AUDITED
from services.gateway.ports import AuditFilter
from shared.api.bounds import Bsn, Day, Gemeente
from shared.api.problems import INVALID_REQUEST, RULE, Refusal
from shared.audit import AuditEntry, Origin
from shared.auth.principal import Role, StaffPrincipal
from shared.auth.scope import require_all
from shared.auth.staff import StaffAuth

SERVICES = Literal["gateway", "allocation", "invoicing", "payments"]
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EXPORTS = {200: {"content": {"text/csv": {}, XLSX: {}},
                 "description": "with `format=csv` or `xlsx`: every matching entry, oldest first"},
           422: {"description": "a field out of range, a cursor not handed out, or an XLSX of over "
                                "100,000 entries (application/problem+json)"}}


def audit_router(gw: Gateway, auth: StaffAuth) -> APIRouter:
    router = APIRouter(prefix="/gateway/v1/audit", tags=["audit"])

    async def reader(principal: Annotated[StaffPrincipal, Depends(auth.requires(Role.ADMIN))]) -> StaffPrincipal:
        # Entries name clients of every municipality: the log is the region's, not one municipality's.
        require_all(principal, await gw.queries.parties.municipalities(), "the audit log")
        return principal

    Reader = Annotated[StaffPrincipal, Depends(reader)]

    @router.get("", response_model=AuditPage, responses=EXPORTS,
                summary="The audit log of every service (regional admins and auditors), newest first")
    async def entries(
        principal: Reader, request: Request,
        user: Annotated[str | None, Query(max_length=200)] = None,
        action: Annotated[str | None, Query(max_length=120, examples=["allocation.read"])] = None,
        client_bsn: Annotated[Bsn | None, Query(description="the client's BSN: searched as its pseudonym")] = None,
        client: Annotated[str | None, Query(pattern=r"^[0-9a-f]{64}$", description="the client's pseudonym, "
                                            "as an entry or an earlier search by BSN names it")] = None,
        municipality: Gemeente | None = None,
        since: Annotated[Day | None, Query(description="a day in Dutch time, included")] = None,
        until: Annotated[Day | None, Query(description="a day in Dutch time, included")] = None,
        outcome: Literal["allowed", "refused"] | None = None, service: SERVICES | None = None,
        limit: Annotated[int, Query(ge=1, le=500)] = 100,
        cursor: Annotated[str | None, Query(max_length=64, description="`next` of the previous page")] = None,
        format: Literal["json", "csv", "xlsx"] = "json",
    ) -> Response:
        found = AuditFilter(user, action, gw.audit.pseudonym(client_bsn) if client_bsn else client, municipality,
                            since, until, outcome, service)
        await gw.commands(AUDITED, AuditEntry.by_staff(
            principal, Origin.of(request), "audit.read" if format == "json" else f"audit.export.{format}",
            object=_described(found), municipality=municipality, client_bsn=client_bsn))
        if format == "json":
            return await _page(gw, found, limit, cursor)
        return await _export(gw, found, format)

    @router.get("/verification", response_model=ChainVerification,
                summary="Whether the audit log's hash chain is whole, or the first entry that breaks it")
    async def verification(principal: Reader) -> ChainVerification:
        result = await gw.queries.audit.verify()
        return ChainVerification(valid=result.valid, entries=result.entries, first_bad=result.first_bad,
                                 problem=result.problem, checked_at=gw.clock.now())

    return router


async def _page(gw: Gateway, found: AuditFilter, limit: int, cursor: str | None) -> JSONResponse:
    try:
        before = position_after(cursor) or None
    except BadCursor:
        raise Refusal(422, "1 field is not valid", type=INVALID_REQUEST, errors=[
            {"field": "query.cursor", "message": "not a cursor of this listing; start without one"}]) from None
    rows = await gw.queries.audit.page(found, limit, before)
    page = AuditPage(items=[AuditEntryOut.of(row) for row in rows],
                     next=cursor_after(rows[-1].seq) if len(rows) == limit else None, client=found.client)
    return JSONResponse(page.model_dump(mode="json"))


async def _export(gw: Gateway, found: AuditFilter, format: str) -> Response:
    headers = {"Content-Disposition": f'attachment; filename="auditlog.{format}"'}
    if format == "csv":
        return StreamingResponse(audit_export.csv_chunks(gw.queries.audit.matching(found)),
                                 media_type="text/csv; charset=utf-8", headers=headers)
    if await gw.queries.audit.count(found) > audit_export.XLSX_MAX_ROWS:
        raise Refusal(422, "over 100,000 entries: export them as CSV, or a shorter period as XLSX", type=RULE,
                      errors=[{"rule": "HF-AUDIT-EXPORT", "message": "at most 100,000 entries in one XLSX"}])
    return Response(await audit_export.xlsx(gw.queries.audit.matching(found)), media_type=XLSX, headers=headers)


def _described(found: AuditFilter) -> str:
    """What was asked for (the client as a pseudonym: the entry's own client field says whom)."""
    named = {"user": found.username, "action": found.action, "municipality": found.municipality,
             "since": found.since, "until": found.until, "outcome": found.outcome, "service": found.service}
    return " ".join(f"{k}={v}" for k, v in named.items() if v is not None) or "everything"
