"""The gateway as the workbench uses it: sign-in and -out, who the user is, names of parties."""

from __future__ import annotations

from dataclasses import dataclass

import httpx

from services.web.apis import ApiSession
from shared.auth.principal import Role, StaffPrincipal


@dataclass(frozen=True)
class Directory:
    municipalities: dict[str, str]
    providers: dict[str, str]

    def municipality(self, code: str) -> str:
        return self.municipalities.get(code, code)

    def provider(self, code: str) -> str:
        return self.providers.get(code, code)


class GatewayClient:
    def __init__(self, api: ApiSession) -> None:
        self.api = api

    async def log_in(self, username: str, password: str) -> httpx.Response:
        """The gateway's answer as it is: its Set-Cookie goes on to the browser."""
        return await self.api.post("gateway", "/auth/login", {"username": username, "password": password})

    async def log_out(self) -> httpx.Response:
        return await self.api.post("gateway", "/auth/logout")

    async def me(self) -> StaffPrincipal:
        body = (await self.api.get("gateway", "/auth/me")).json()
        return StaffPrincipal(body["username"], body["username"], frozenset(Role(r) for r in body["roles"]),
                              frozenset(body["municipalities"]))

    async def directory(self) -> Directory:
        body = (await self.api.get("gateway", "/gateway/v1/directory")).json()
        return Directory({p["code"]: p["name"] for p in body["municipalities"]},
                         {p["code"]: p["name"] for p in body["providers"]})
