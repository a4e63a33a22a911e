"""The payments service's reports on how the region buys care (issue 17) as the workbench uses them:
main contractors, lots, tariff harmonisation, outcome indicators and their cases, the providers'
scores and the settlement of outcome clauses."""

from __future__ import annotations

from typing import Any

import httpx

from services.web.apis import ApiSession

REPORTS = "/payments/v1/reports"
OUTCOMES = "/payments/v1/outcomes"
EXPORTS = {
    "aannemers": f"{REPORTS}/contractors", "percelen": f"{REPORTS}/lots", "tarieven": f"{REPORTS}/tariffs",
    "uitkomsten": f"{REPORTS}/outcomes", "trajecten": f"{REPORTS}/outcomes/cases", "scores": f"{OUTCOMES}/scores",
    "afspraken": f"{OUTCOMES}/settlements",
}
"""A download's name in the workbench's URL -> the payments path that exports it."""


class RegionReportsClient:
    def __init__(self, api: ApiSession) -> None:
        self.api = api

    async def _table(self, path: str, params: dict[str, Any]) -> dict[str, Any]:
        """A report table: `rows` (a dict per row, JSON names) and further `sheets`."""
        return (await self.api.get("payments", path, params)).json()

    async def contractors(self, year: int) -> dict[str, Any]:
        return await self._table(EXPORTS["aannemers"], {"year": year})

    async def lots(self, year: int) -> dict[str, Any]:
        return await self._table(EXPORTS["percelen"], {"year": year})

    async def tariffs(self, month: str) -> dict[str, Any]:
        """`month`: any day of it, `jjjj-mm-dd`."""
        return await self._table(EXPORTS["tarieven"], {"month": month})

    async def outcomes(self, period: str, level: str) -> dict[str, Any]:
        """`level`: provider (per provider and product) or municipality."""
        return await self._table(EXPORTS["uitkomsten"], {"period": period, "level": level})

    async def cases(self, period: str, filters: dict[str, str | None]) -> dict[str, Any]:
        """Every read is in the service's audit log: cases concern clients (by pseudonym)."""
        return await self._table(EXPORTS["trajecten"], {"period": period, **filters})

    async def scores(self, period: str) -> dict[str, Any]:
        return await self._table(EXPORTS["scores"], {"period": period})

    async def import_scores(self, content: bytes, filename: str) -> dict[str, Any]:
        return (await self.api.post_content("payments", f"{OUTCOMES}/scores?{httpx.QueryParams(filename=filename)}",
                                            content, "text/csv")).json()

    async def settlements(self, year: int) -> dict[str, Any]:
        return await self._table(EXPORTS["afspraken"], {"year": year})

    async def settle(self, period: str) -> dict[str, Any]:
        return (await self.api.post("payments", f"{OUTCOMES}/settlements", {"period": period})).json()

    async def export(self, report: str, params: dict[str, Any], format: str) -> httpx.Response:
        """`report` a key of EXPORTS; the file as the service made it (`format` csv or xlsx)."""
        return await self.api.get("payments", EXPORTS[report], {**params, "format": format})
