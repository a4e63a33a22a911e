"""The gateway's admin API as the workbench uses it: staff users and their sessions, and loading
a region file (a dry run first, then the load of exactly what it showed)."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

from services.web.apis import ApiSession

STAFF = "/gateway/v1/staff"
LOADS = "/gateway/v1/region/loads"
TOML = "application/toml"


class AdminClient:
    def __init__(self, api: ApiSession) -> None:
        self.api = api

    async def users(self, role: str = "", municipality: str = "") -> list[dict[str, Any]]:
        return (await self.api.get("gateway", STAFF, {"role": role, "municipality": municipality})).json()

    async def user(self, username: str) -> dict[str, Any]:
        return (await self.api.get("gateway", f"{STAFF}/{quote(username, safe='')}")).json()

    async def end_sessions(self, username: str) -> int:
        answer = await self.api.post("gateway", f"{STAFF}/{quote(username, safe='')}/sessions/end")
        return int(answer.json()["ended"])

    async def preview(self, text: bytes) -> dict[str, Any]:
        """What loading the file would change; Refused (422) with every problem it has."""
        return (await self.api.post_content("gateway", f"{LOADS}?dry_run=true", text, TOML)).json()

    async def load(self, text: bytes, preview: str) -> dict[str, Any]:
        """Refused 409 when the file no longer changes exactly what `preview` showed."""
        return (await self.api.post_content("gateway", f"{LOADS}?preview={quote(preview)}", text, TOML)).json()

    async def loads(self, limit: int = 10) -> list[dict[str, Any]]:
        return (await self.api.get("gateway", LOADS, {"limit": limit})).json()
