"""The lawfulness evidence as the workbench uses it (payments' /payments/v1/reports/lawfulness):
the totals per criterion, a page of the lines behind one, and the workbook."""

from __future__ import annotations

from typing import Any

import httpx

from services.web.apis import ApiSession

LAWFULNESS = "/payments/v1/reports/lawfulness"


class LawfulnessClient:
    def __init__(self, api: ApiSession) -> None:
        self.api = api

    async def report(self, params: dict[str, Any]) -> dict[str, Any]:
        return (await self.api.get("payments", LAWFULNESS, params)).json()

    async def lines(self, params: dict[str, Any], limit: int, offset: int) -> dict[str, Any]:
        return (await self.api.get("payments", f"{LAWFULNESS}/lines",
                                   {**params, "limit": limit, "offset": offset})).json()

    async def workbook(self, params: dict[str, Any]) -> httpx.Response:
        return await self.api.get("payments", LAWFULNESS, {**params, "format": "xlsx"})
