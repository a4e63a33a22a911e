"""The screens on how the region buys care are for controllers and finance, as the payments
service's reports are (it checks again, and scopes every figure to the user's municipalities)."""

from __future__ import annotations

from fastapi import Request

from services.web.apis import NotAllowed
from services.web.context import Workbench
from services.web.pages.report_choice import may_read_reports
from shared.auth.principal import StaffPrincipal


async def region_reader(wb: Workbench, request: Request) -> StaffPrincipal:
    user = await wb.user(request)
    if not may_read_reports(user):
        raise NotAllowed(403, "these reports are for controllers and finance")
    return user
