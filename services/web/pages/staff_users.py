"""The region's staff users for admins: who they are, their roles and municipalities, whether they
have an API token, their open sessions; filtered by role and municipality (kept in the URL).
A user's page shows the sessions and what the region files did to the user, and signs the user
out everywhere (POST-redirect-GET). Roles and municipalities change only through the region file
(region_file.py): the page says so and leads there."""

from __future__ import annotations

import asyncio
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote

from fastapi import APIRouter, Request
from fastapi.responses import Response

from services.web.clients.admin import AdminClient
from services.web.clients.gateway import GatewayClient
from services.web.context import Workbench, redirect
from services.web.pages.admin_role import admin_user
from shared.auth.principal import Role

ROLES = tuple(role.value for role in Role)


@dataclass(frozen=True)
class UsersFilter:
    rol: str = ""
    gemeente: str = ""

    @classmethod
    def of(cls, request: Request) -> UsersFilter:
        role, municipality = request.query_params.get("rol", ""), request.query_params.get("gemeente", "")
        return cls(role if role in ROLES else "", municipality if re.fullmatch(r"\d{4}", municipality) else "")


@dataclass(frozen=True)
class UsersView:
    users: list[dict[str, Any]]
    filters: UsersFilter
    municipalities: list[tuple[str, str]]
    """The admin's own municipalities, by name: the choices of the filter."""
    roles: tuple[str, ...] = ROLES


@dataclass(frozen=True)
class UserView:
    user: dict[str, Any]
    you: str


def router(wb: Workbench) -> APIRouter:
    routes = APIRouter(prefix="/beheer/gebruikers")

    @routes.get("")
    async def users(request: Request) -> Response:
        user = await admin_user(wb, request)
        api = wb.api(request)
        filters = UsersFilter.of(request)
        found, directory = await asyncio.gather(AdminClient(api).users(filters.rol, filters.gemeente),
                                                GatewayClient(api).directory())
        choices = sorted(directory.municipalities.items(), key=lambda item: item[1])
        return wb.render(request, "admin/users.html", UsersView(found, filters, choices), user)

    @routes.get("/{username}")
    async def one(request: Request, username: str) -> Response:
        user = await admin_user(wb, request)
        found = await AdminClient(wb.api(request)).user(username)
        return wb.render(request, "admin/user.html", UserView(found, user.username), user)

    @routes.post("/{username}/afmelden")
    async def sign_out(request: Request, username: str) -> Response:
        await admin_user(wb, request)
        ended = await AdminClient(wb.api(request)).end_sessions(username)
        return redirect(f"/beheer/gebruikers/{quote(username, safe='')}",
                        f"{'sessions_ended' if ended else 'no_sessions'}:{username}")

    return routes
