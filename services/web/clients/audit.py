"""The region's audit log as the workbench uses it (the gateway's /gateway/v1/audit): a page of
entries, an export, the chain's verification, and the pseudonym of a BSN searched for."""

from __future__ import annotations

from typing import Any

import httpx

from services.web.apis import ApiSession

AUDIT = "/gateway/v1/audit"


class AuditClient:
    def __init__(self, api: ApiSession) -> None:
        self.api = api

    async def page(self, params: dict[str, Any], limit: int) -> dict[str, Any]:
        return (await self.api.get("gateway", AUDIT, {**params, "limit": limit})).json()

    async def pseudonym(self, bsn: str) -> str:
        """What the log calls this client: the search by BSN answers it, so no URL need carry the BSN."""
        return str((await self.api.get("gateway", AUDIT, {"client_bsn": bsn, "limit": 1})).json()["client"])

    async def export(self, params: dict[str, Any], format: str) -> httpx.Response:
        return await self.api.get("gateway", AUDIT, {**params, "format": format})

    async def verification(self) -> dict[str, Any]:
        return (await self.api.get("gateway", f"{AUDIT}/verification")).json()
