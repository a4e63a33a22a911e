"""One allocation: how it stands now, what the access team can do with it (extend, shorten or
revoke, delete), and its whole history — every version, who recorded it, when, and what changed."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import Response

from services.web.clients.allocation import AllocationClient
from services.web.clients.gateway import GatewayClient
from services.web.context import Workbench
from services.web.pages.access import allowed
from services.web.pages.allocation_view import AllocationRow, HistoryRow, allocation_row, history_rows
from shared.auth.principal import StaffPrincipal

PATH = "/toewijzingen/{municipality}/{number}"


@dataclass(frozen=True)
class AllocationView:
    allocation: AllocationRow
    history: list[HistoryRow]


def router(wb: Workbench) -> APIRouter:
    routes = APIRouter()

    @routes.get(PATH)
    async def allocation(request: Request, municipality: str, number: str) -> Response:
        user = await wb.user(request)
        if (refusal := allowed(wb, request, user)) is not None:
            return refusal
        return wb.render(request, "access/allocation.html",
                         await allocation_view(wb, request, user, municipality, number), user)

    return routes


def checked(municipality: str, number: str) -> int:
    """A gemeentecode and a ToewijzingNummer as the service takes them; anything else is not there."""
    if not re.fullmatch(r"\d{4}", municipality) or not re.fullmatch(r"\d{1,9}", number):
        raise HTTPException(404)
    return int(number)


async def allocation_view(wb: Workbench, request: Request, user: StaffPrincipal, municipality: str,
                          number: str) -> AllocationView:
    api = wb.api(request)
    client = AllocationClient(api)
    found, directory, products = await asyncio.gather(client.allocation(municipality, checked(municipality, number)),
                                                      GatewayClient(api).directory(), client.product_names())
    return AllocationView(allocation_row(found["allocation"], directory, products),
                          history_rows(found["history"], directory, products))
