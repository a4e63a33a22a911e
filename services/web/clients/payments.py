"""The payments service as the workbench uses it: payment runs and ceiling usage."""

from __future__ import annotations

from typing import Any

from services.web.apis import ApiSession


class PaymentsClient:
    def __init__(self, api: ApiSession) -> None:
        self.api = api

    async def runs(self) -> list[dict[str, Any]]:
        return (await self.api.get("payments", "/payments/v1/runs")).json()

    async def ceilings(self, year: int) -> list[dict[str, Any]]:
        return (await self.api.get("payments", "/payments/v1/reports/ceilings", {"year": year})).json()["rows"]
