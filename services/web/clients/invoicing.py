"""The invoicing service as the workbench uses it: the exception queue, whole declarations and
the retourcodes."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from services.web.apis import ApiSession

QUEUE = "/invoicing/v1/queue"
DECLARATIONS = "/invoicing/v1/declarations"


class InvoicingClient:
    def __init__(self, api: ApiSession) -> None:
        self.api = api

    async def queue(self, filters: dict[str, Any], sort: str, limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
        """One page of held lines, and how many match the filters."""
        response = await self.api.get("invoicing", QUEUE, {**filters, "sort": sort, "limit": limit, "offset": offset})
        return response.json(), int(response.headers.get("X-Total-Count", "0"))

    async def deadlines(self) -> list[dict[str, Any]]:
        return (await self.api.get("invoicing", f"{QUEUE}/deadlines")).json()

    async def line(self, declaration_id: str, reference: str) -> dict[str, Any]:
        return (await self.api.get("invoicing", f"{QUEUE}/{declaration_id}/{reference}")).json()

    async def claim(self, declaration_id: str, reference: str, take: bool) -> None:
        await self.api.post("invoicing", f"{QUEUE}/{declaration_id}/{reference}/{'claim' if take else 'release'}")

    async def approve(self, declaration_id: str, reference: str, reason: str) -> bool:
        """True when approved; False when this was the first of two approvals (four eyes: 202)."""
        response = await self.api.post("invoicing", f"{QUEUE}/{declaration_id}/{reference}/approve",
                                       {"reason": reason})
        return response.status_code != 202

    async def reject(self, declaration_id: str, reference: str, reason: str, codes: list[str]) -> None:
        await self.api.post("invoicing", f"{QUEUE}/{declaration_id}/{reference}/reject",
                            {"reason": reason, "codes": codes})

    async def decide_many(self, lines: list[tuple[str, str]], reason: str,
                          codes: list[str] | None) -> list[dict[str, Any]]:
        """Approve (codes None) or reject a selection in one call; each line's outcome."""
        body: dict[str, Any] = {"decision": "approve" if codes is None else "reject", "reason": reason,
                                "codes": codes or [],
                                "lines": [{"declaration_id": d, "reference": r} for d, r in lines]}
        return (await self.api.post("invoicing", f"{QUEUE}/decisions", body)).json()["lines"]  # type: ignore[no-any-return]

    async def declarations(self, filters: dict[str, Any], limit: int, offset: int) -> tuple[list[dict[str, Any]], int]:
        response = await self.api.get("invoicing", DECLARATIONS, {**filters, "limit": limit, "offset": offset})
        return response.json(), int(response.headers.get("X-Total-Count", "0"))

    async def declaration(self, declaration_id: str, status: str | None, limit: int,
                          offset: int) -> tuple[dict[str, Any], int]:
        response = await self.api.get("invoicing", f"{DECLARATIONS}/{quote(declaration_id)}",
                                      {"status": status, "limit": limit, "offset": offset})
        return response.json(), int(response.headers.get("X-Total-Count", "0"))

    async def xml(self, declaration_id: str, which: str) -> bytes:
        """The JW323 as received or the JW325 as sent ("jw323", "jw325")."""
        return (await self.api.get("invoicing", f"{DECLARATIONS}/{quote(declaration_id)}/{which}")).content

    async def retourcodes(self) -> dict[str, dict[str, str]]:
        """Code -> {rule, description}; the same for everyone, so fetched once per process."""
        async def load() -> dict[str, dict[str, str]]:
            return {c["code"]: c for c in (await self.api.get("invoicing", "/invoicing/v1/retourcodes")).json()}

        return await self.api.cached("retourcodes", load)
