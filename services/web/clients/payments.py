"""The payments service as the workbench uses it: payment runs, and the reports for controllers
(as JSON to show, and as the files the service exports)."""

from __future__ import annotations

from typing import Any

import httpx

from services.web.apis import ApiSession

REPORTS = "/payments/v1/reports"


class PaymentsClient:
    def __init__(self, api: ApiSession) -> None:
        self.api = api

    async def runs(self) -> list[dict[str, Any]]:
        return (await self.api.get("payments", "/payments/v1/runs")).json()

    async def ceilings(self, year: int) -> list[dict[str, Any]]:
        return (await self.ceiling_report(year))["rows"]

    async def ceiling_report(self, year: int) -> dict[str, Any]:
        return (await self.api.get("payments", f"{REPORTS}/ceilings", {"year": year})).json()

    async def budget(self, year: int, municipality: str | None) -> dict[str, Any]:
        """Budget exhaustion per budget line (`rows`) and its months (`sheets[0]`)."""
        return (await self.api.get("payments", f"{REPORTS}/budget",
                                   {"year": year, "municipality": municipality})).json()

    async def referrals(self, year: int) -> dict[str, Any]:
        return (await self.api.get("payments", f"{REPORTS}/referrals", {"year": year})).json()

    async def export(self, report: str, params: dict[str, Any], format: str) -> httpx.Response:
        """A report as the service exports it (`format` csv or xlsx): `report` is a path under
        /payments/v1/reports."""
        return await self.api.get("payments", f"{REPORTS}/{report}", {**params, "format": format})
