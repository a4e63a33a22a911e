"""The home page: what needs attention now, for each of the user's roles — held lines by the day
the deadline margin settles them and runs waiting for a next step (finance), ceilings past a
warning threshold (finance, controller), requests due (access)."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.web.clients.allocation import AllocationClient
from services.web.clients.gateway import Directory, GatewayClient
from services.web.clients.invoicing import InvoicingClient
from services.web.clients.payments import PaymentsClient
from services.web.context import Workbench
from services.web.pages.home_payments import PaymentWork, payment_work
from shared.clock import SystemClock
from shared.auth.principal import Role, StaffPrincipal

SHOWN = 5


@dataclass(frozen=True)
class HomeView:
    directory: Directory
    deadlines: list[dict[str, Any]] | None = None
    payments: PaymentWork | None = None
    ceilings: list[dict[str, Any]] | None = None
    ceiling_year: int | None = None
    requests: list[dict[str, Any]] | None = None
    requests_open: int = 0


def router(wb: Workbench) -> APIRouter:
    routes = APIRouter()

    @routes.get("/")
    async def home(request: Request) -> Response:
        user = await wb.user(request)
        return wb.render(request, "home.html", await home_view(wb, request, user), user)

    return routes


async def home_view(wb: Workbench, request: Request, user: StaffPrincipal) -> HomeView:
    api = wb.api(request)
    finance, controller, access = (user.has(r) for r in (Role.FINANCE, Role.CONTROLLER, Role.ACCESS))
    year = SystemClock().today().year
    directory, deadlines, payments, ceilings, requests = await asyncio.gather(
        GatewayClient(api).directory(),
        InvoicingClient(api).deadlines() if finance else _nothing(),
        payment_work(api, user.username) if finance else _nothing(),
        PaymentsClient(api).ceilings(year) if finance or controller else _nothing(),
        AllocationClient(api).open_requests() if access else _nothing(),
    )
    return HomeView(
        directory, deadlines, payments,
        None if ceilings is None else [c for c in ceilings if c["state"] != "ok"], year,
        None if requests is None else requests[:SHOWN], len(requests or []),
    )


async def _nothing() -> None:
    return None
