"""A provider's payment specification in one run (betaalspecificatie): every item the transfer
nets — declared lines, credits with the line they cancel, advances, and settlements with the
advances they offset — as the payments service composes it, and its CSV for Dutch spreadsheets."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.web.apis import NotFound, Refused
from services.web.clients.gateway import Directory, GatewayClient
from services.web.clients.payment_runs import PaymentRunsClient
from services.web.context import Workbench
from services.web.formatting import MONTHS
from services.web.pages.finance_role import finance_user

KINDS = ("line", "credit", "advance", "settlement")


@dataclass(frozen=True)
class SpecificationView:
    spec: dict[str, Any]
    directory: Directory
    by_kind: dict[str, list[dict[str, Any]]]

    def subtotal(self, kind: str) -> int:
        return sum(item["amount"] for item in self.by_kind.get(kind, []))


def router(wb: Workbench) -> APIRouter:
    routes = APIRouter(prefix="/betaalrondes/{run_id}/specificaties")

    @routes.get("/{provider}.csv")
    async def csv(request: Request, run_id: str, provider: str) -> Response:
        await finance_user(wb, request)
        answer = await PaymentRunsClient(wb.api(request)).specification_csv(run_id, provider)
        name = f'attachment; filename="betaalspecificatie-{run_id}-{provider}.csv"'
        return Response(answer.content, media_type="text/csv; charset=utf-8",
                        headers={"Content-Disposition": answer.headers.get("content-disposition", name)})

    @routes.get("/{provider}")
    async def specification(request: Request, run_id: str, provider: str) -> Response:
        user = await finance_user(wb, request)
        api = wb.api(request)
        try:
            spec, directory = await asyncio.gather(PaymentRunsClient(api).specification(run_id, provider),
                                                   GatewayClient(api).directory())
        except Refused:  # a malformed run id or AGB: nothing by that name
            raise NotFound(404, "payment specification") from None
        by_kind = {kind: [{**i, "period": period(i)} for i in spec["items"] if i["kind"] == kind] for kind in KINDS}
        return wb.render(request, "payments/specification.html", SpecificationView(spec, directory, by_kind), user)

    return routes


def period(item: dict[str, Any]) -> str:
    """A settlement is of a year; the other items of a month ('maart 2026')."""
    start = date.fromisoformat(item["period_start"])
    return str(start.year) if item["kind"] == "settlement" else f"{MONTHS[start.month - 1]} {start.year}"
