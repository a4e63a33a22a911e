"""Whole declarations for finance (issue 14): find them by number, provider or client, read one
with every line, its totals and the JW325 it got, and download the JW323 as received and the
JW325 as sent. Scoped to the caller's municipalities; every answer that shows client data is in
the audit log, a search by BSN with the client it was for."""

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query, Request, Response
from pydantic import StringConstraints

from services.invoicing.api.declaration_schemas import (
    AnswerSent, DeclarationFound, DeclarationSummary, DeclaredLine, LineTotal,
)
from services.invoicing.context import Invoicing
from services.invoicing.ports import DeclarationReads, DeclarationSearch
from shared.api.bounds import Agb, Bsn, Gemeente, Identifier
from shared.audit import AuditEntry, Origin
from shared.auth.http import not_found
from shared.auth.principal import Role, StaffPrincipal
from shared.auth.staff import StaffAuth

Number = Annotated[str, StringConstraints(min_length=1, max_length=12)]
LineStatus = Annotated[str, StringConstraints(pattern=r"^(approved|rejected|held)$")]
Limit = Annotated[int, Query(ge=1, le=1000)]
HELD_SHOWN = 20
"""Held lines named per declaration found; the declaration's own page lists them all."""
Offset = Annotated[int, Query(ge=0, le=1_000_000)]
XML = {"application/xml": {"schema": {"type": "string"}}}


def declarations_router(inv: Invoicing, auth: StaffAuth) -> APIRouter:
    router = APIRouter(prefix="/invoicing/v1/declarations", tags=["declarations"])
    Finance = Annotated[StaffPrincipal, Depends(auth.requires(Role.FINANCE))]

    async def audited(staff: StaffPrincipal, request: Request, action: str, subject: str, bsn: str | None,
                      read: Any, shown: Any = None) -> Any:
        """`read(reads)` and its audit entries in one transaction: no answer without its entries. One
        entry per client the answer shows (`shown(reads, found)` their BSNs), else one for `bsn`."""
        async with inv.store.unit_of_work() as work:
            found = await read(work.ports.reads)
            if found is not None:
                for client in (await shown(work.ports.reads, found) if shown else None) or [bsn]:
                    inv.audit.record(work, AuditEntry.by_staff(staff, Origin.of(request), action, object=subject,
                                                              client_bsn=client))
                await work.commit()
        return found

    @router.get("", response_model=list[DeclarationFound], summary="Find declarations by number, provider or client",
                response_description="newest first; the header X-Total-Count holds how many match")
    async def search(staff: Finance, request: Request, response: Response, number: Number | None = None,
                     provider: Agb | None = None, bsn: Bsn | None = None, municipality: Gemeente | None = None,
                     limit: Limit = 50, offset: Offset = 0) -> list[DeclarationFound]:
        f = DeclarationSearch(staff.municipalities, number, provider, bsn, municipality)

        async def read(reads: DeclarationReads) -> list[DeclarationFound]:
            rows, total = await reads.search(f, limit, offset)
            response.headers["X-Total-Count"] = str(total)
            held = await reads.held_of([r.declaration_id for r in rows], bsn)
            return [found(r, held.get(r.declaration_id, [])[:HELD_SHOWN]) for r in rows]

        return await audited(staff, request, "declarations.search", "by client" if bsn else "by number or provider",
                             bsn, read)

    @router.get("/{declaration_id}", response_model=DeclarationSummary,
                summary="One declaration: its lines with status and codes, totals per status, and the JW325 sent",
                response_description="one page of its lines; the header X-Total-Count holds how many")
    async def summary(declaration_id: Identifier, staff: Finance, request: Request, response: Response,
                      status: LineStatus | None = None, limit: Limit = 200, offset: Offset = 0) -> DeclarationSummary:
        async def read(reads: DeclarationReads) -> DeclarationSummary | None:
            row = await reads.summary(declaration_id, staff.municipalities)
            if row is None:
                return None
            page = await reads.lines(declaration_id, status, limit, offset)
            totals = [LineTotal(status=t.status, lines=t.lines, amount=t.amount)
                      for t in await reads.totals(declaration_id)]
            shown = sum(t.lines for t in totals if status in (None, t.status))
            response.headers["X-Total-Count"] = str(shown)
            return DeclarationSummary(**found(row, []).model_dump(), totals=totals,
                                      answer=await answer_of(reads, row), lines=[line_of(r) for r in page])

        return _or_404(await audited(staff, request, "declaration.read", declaration_id, None, read,
                                     shown=_clients_on_the_page))

    async def download(staff: StaffPrincipal, request: Request, declaration_id: str, which: str) -> Response:
        async def read(reads: DeclarationReads) -> bytes | None:
            if await reads.summary(declaration_id, staff.municipalities) is None:
                return None
            return await reads.body(which, declaration_id)

        xml = _or_404(await audited(staff, request, f"declaration.{which}", declaration_id, None, read,
                                    shown=lambda reads, _: reads.clients_of(declaration_id)))
        return Response(xml, media_type="application/xml", headers={
            "Content-Disposition": f'attachment; filename="{which.upper()}-{declaration_id}.xml"'})

    @router.get("/{declaration_id}/jw323", response_class=Response, summary="The JW323 as received",
                responses={200: {"content": XML}})
    async def jw323(declaration_id: Identifier, staff: Finance, request: Request) -> Response:
        return await download(staff, request, declaration_id, "jw323")

    @router.get("/{declaration_id}/jw325", response_class=Response, summary="The JW325 as sent (404 before it is)",
                responses={200: {"content": XML}})
    async def jw325(declaration_id: Identifier, staff: Finance, request: Request) -> Response:
        return await download(staff, request, declaration_id, "jw325")

    return router


def _or_404(found: Any) -> Any:
    if found is None:
        raise not_found("declaration")
    return found


def found(r: Any, held: list[str]) -> DeclarationFound:
    return DeclarationFound(declaration_id=r.declaration_id, number=r.number,
                            message_identification=r.message_identification, provider=r.provider,
                            municipality=r.municipality, period_begin=r.period_begin, received_on=r.received_on,
                            answer_due=r.answer_due, status=r.status, submitted=r.submitted, granted=r.granted,
                            held_lines=held)


def line_of(r: Any) -> DeclaredLine:
    return DeclaredLine(reference=r.reference, bsn=r.bsn, allocation_number=r.allocation_number, status=r.status,
                        codes=r.codes, amount=r.signed_amount, claimed_by=r.claimed_by, line=r.line)


async def answer_of(reads: DeclarationReads, row: Any) -> AnswerSent | None:
    if row.status == "open":
        return None
    codes = row.answer_codes or {}
    return AnswerSent(answer_id=row.answer_id, answered_on=row.answered_on, header_codes=codes.get("header", []),
                      declaration_codes=codes.get("declaration", []), submitted=row.submitted,
                      granted=row.granted or 0, xml_kept=await reads.answer_kept(row.declaration_id))


async def _clients_on_the_page(reads: DeclarationReads, summary: DeclarationSummary) -> list[str]:
    return sorted({line.bsn for line in summary.lines})
