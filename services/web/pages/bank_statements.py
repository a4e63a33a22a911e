"""Bank statements: finance uploads the region account's camt.053 (a plain multipart form, no
script) and sees what the import did per transfer — booked, or returned with the bank's reason —
or the refusal naming the problem (another account, imported before, no transfer of any run, an
entry that contradicts its transfer, not a camt.053). The statements imported are listed, each
with its outcome on a page of its own."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field
from typing import Annotated, Any
from urllib.parse import quote

from fastapi import APIRouter, File, Request, UploadFile
from fastapi.responses import Response

from services.web.apis import NotFound, Refused
from services.web.clients.gateway import Directory, GatewayClient
from services.web.clients.payment_runs import PaymentRunsClient
from services.web.context import Workbench, redirect
from services.web.formatting import moment, short_date
from services.web.pages.finance_role import finance_user
from services.web.pages.payment_refusals import PaymentRefusal, refusal_of

MAX_BYTES = 10 * 1024 * 1024  # the payments service's limit on a statement


@dataclass
class StatementsView:
    statements: list[dict[str, Any]]
    errors: dict[str, str] = field(default_factory=dict)
    refusal: PaymentRefusal | None = None


@dataclass(frozen=True)
class OutcomeView:
    statement: dict[str, Any]
    directory: Directory

    def run_label(self, run_id: str) -> str:
        """A run by its due date, as finance knows it ('tot en met 31-12-2026')."""
        due = next((r["due_up_to"] for r in self.statement["runs"] if r["run_id"] == run_id), None)
        return f"tot en met {short_date(due)}" if due else run_id


def router(wb: Workbench) -> APIRouter:
    routes = APIRouter(prefix="/bankafschriften")

    @routes.get("")
    async def statements(request: Request) -> Response:
        user = await finance_user(wb, request)
        view = StatementsView(newest_first(await PaymentRunsClient(wb.api(request)).statements()))
        return wb.render(request, "payments/statements.html", view, user)

    @routes.post("")
    async def upload(request: Request, afschrift: Annotated[UploadFile | None, File()] = None) -> Response:
        user = await finance_user(wb, request)
        client = PaymentRunsClient(wb.api(request))
        view = StatementsView([])
        xml = await afschrift.read(MAX_BYTES + 1) if afschrift is not None else b""
        if not xml:
            view.errors["afschrift"] = "empty"
        elif len(xml) > MAX_BYTES:
            view.errors["afschrift"] = "large"
        else:
            try:
                imported = await client.import_statement(xml)
            except Refused as refused:
                view.refusal = refusal_of(refused)
            else:
                return redirect(f"/bankafschriften/{quote(imported['statement_id'], safe='')}", "statement_imported")
        view.statements = newest_first(await client.statements())
        return wb.render(request, "payments/statements.html", view, user,
                         status=view.refusal.status if view.refusal else 422)

    @routes.get("/{statement_id}")
    async def outcome(request: Request, statement_id: str) -> Response:
        user = await finance_user(wb, request)
        api = wb.api(request)
        try:
            statement, directory = await asyncio.gather(PaymentRunsClient(api).statement(statement_id),
                                                        GatewayClient(api).directory())
        except Refused:
            raise NotFound(404, "bank statement") from None
        statement["imported"] = moment(statement["imported_at"])
        return wb.render(request, "payments/statement.html", OutcomeView(statement, directory), user)

    return routes


def newest_first(statements: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Newest import first, each with when it was imported in Dutch time."""
    return [{**s, "imported": moment(s["imported_at"])}
            for s in sorted(statements, key=lambda s: s["imported_at"], reverse=True)]
