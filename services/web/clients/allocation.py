"""The allocation service as the workbench uses it: the request work list (JW315/JW317)."""

from __future__ import annotations

from typing import Any

from services.web.apis import ApiSession


class AllocationClient:
    def __init__(self, api: ApiSession) -> None:
        self.api = api

    async def open_requests(self) -> list[dict[str, Any]]:
        return (await self.api.get("allocation", "/allocation/v1/requests")).json()
