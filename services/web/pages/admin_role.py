"""The admins' screens are for the admin role only; the gateway checks the rest (which users an
admin sees, and that only an admin bound to every municipality loads a region file)."""

from __future__ import annotations

from fastapi import Request

from services.web.apis import NotAllowed
from services.web.context import Workbench
from shared.auth.principal import Role, StaffPrincipal


async def admin_user(wb: Workbench, request: Request) -> StaffPrincipal:
    user = await wb.user(request)
    if Role.ADMIN not in user.roles:
        raise NotAllowed(403, "this screen is for the admin role")
    return user
