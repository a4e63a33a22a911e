"""Finance's payment screens are for the finance role only (admins hold every role); the payments
service checks the rest (bound to every municipality of the region, else 403)."""

from __future__ import annotations

from fastapi import Request

from services.web.apis import NotAllowed
from services.web.context import Workbench
from shared.auth.principal import Role, StaffPrincipal


async def finance_user(wb: Workbench, request: Request) -> StaffPrincipal:
    user = await wb.user(request)
    if not user.has(Role.FINANCE):
        raise NotAllowed(403, "this screen is for the finance role")
    return user
