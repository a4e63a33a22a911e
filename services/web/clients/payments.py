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

    async def ledger(self, year: int, municipality: str | None, as_of: str | None) -> dict[str, Any]:
        """The region's ledger per month (`rows`) and the equalisation (`sheets[0]`, when keyed)."""
        return (await self.api.get("payments", "/payments/v1/ledger",
                                   {"year": year, "municipality": municipality, "as_of": as_of})).json()

    async def lump_sums(self, year: int) -> dict[str, Any]:
        return (await self.api.get("payments", "/payments/v1/lump-sums", {"year": year})).json()

    async def lump_sum_monitoring(self, schedule_id: str, year: int) -> dict[str, Any]:
        return (await self.api.get("payments", f"/payments/v1/lump-sums/{schedule_id}/monitoring",
                                   {"year": year})).json()

    async def schedule_lump_sums(self, up_to: str) -> dict[str, Any]:
        return (await self.api.post("payments", "/payments/v1/lump-sums/schedule", {"up_to": up_to})).json()

    async def settle_lump_sum(self, schedule_id: str, year: int, due_on: str) -> dict[str, Any]:
        return (await self.api.post("payments", f"/payments/v1/lump-sums/{schedule_id}/settle",
                                    {"year": year, "due_on": due_on})).json()

    async def financing_export(self, path: str, params: dict[str, Any], format: str) -> httpx.Response:
        """The ledger or lump-sum tables as the service exports them; `path` under /payments/v1."""
        return await self.api.get("payments", f"/payments/v1/{path}", {**params, "format": format})
