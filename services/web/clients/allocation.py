"""The allocation service as the workbench uses it: allocations (issue, change, search, history),
clients, contracted products, and the request work list (JW315/JW317)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from services.web.apis import ApiSession

ALLOCATIONS = "/allocation/v1/allocations"
REQUESTS = "/allocation/v1/requests"


class AllocationClient:
    def __init__(self, api: ApiSession) -> None:
        self.api = api

    async def open_requests(self) -> list[dict[str, Any]]:
        return (await self.api.get("allocation", REQUESTS)).json()

    async def requests(self, open_only: bool) -> list[dict[str, Any]]:
        return (await self.api.get("allocation", REQUESTS, {"open_only": str(open_only).lower()})).json()

    async def request(self, agb: str, reference: str) -> dict[str, Any]:
        return (await self.api.get("allocation", f"{REQUESTS}/{_one(agb, reference)}")).json()

    async def honour(self, agb: str, reference: str, body: dict[str, Any]) -> dict[str, Any]:
        return (await self.api.post("allocation", f"{REQUESTS}/{_one(agb, reference)}/honour", body)).json()

    async def reject(self, agb: str, reference: str, reason: str, responsible: str | None) -> dict[str, Any]:
        body = {"reason": reason, "responsible_municipality": responsible}
        return (await self.api.post("allocation", f"{REQUESTS}/{_one(agb, reference)}/reject", body)).json()

    async def investigate(self, agb: str, reference: str) -> dict[str, Any]:
        return (await self.api.post("allocation", f"{REQUESTS}/{_one(agb, reference)}/investigate")).json()

    async def issue(self, body: dict[str, Any]) -> dict[str, Any]:
        return (await self.api.post("allocation", ALLOCATIONS, body)).json()

    async def change(self, municipality: str, number: int, action: str, body: dict[str, Any]) -> dict[str, Any]:
        """`action`: extend, shorten or delete."""
        return (await self.api.post("allocation", f"{ALLOCATIONS}/{municipality}/{number}/{action}", body)).json()

    async def allocation(self, municipality: str, number: int) -> dict[str, Any]:
        """The allocation as it is now, and its history."""
        return (await self.api.get("allocation", f"{ALLOCATIONS}/{municipality}/{number}")).json()

    async def search(self, filters: dict[str, Any]) -> list[dict[str, Any]]:
        return (await self.api.get("allocation", ALLOCATIONS, filters)).json()

    async def clients(self, filters: dict[str, Any]) -> list[dict[str, Any]]:
        return (await self.api.get("allocation", "/allocation/v1/clients", filters)).json()

    async def contracted(self, provider: str | None = None, municipality: str | None = None) -> list[dict[str, Any]]:
        return (await self.api.get("allocation", "/allocation/v1/contracted-products",
                                   {"provider_agb": provider, "municipality": municipality})).json()

    async def product_names(self) -> dict[str, str]:
        """Product code -> name, of the products contracted in the user's municipalities."""
        return {p["code"]: p["name"] for p in await self.contracted() if p["name"]}


def _one(agb: str, reference: str) -> str:
    """A request's path: the reference is the provider's own text (up to 36 characters)."""
    return f"{quote(agb, safe='')}/{quote(reference, safe='')}"
