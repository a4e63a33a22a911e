"""The demo region for tests of staff sign-in: the clock the test moves, the password hashing it
watches, the address it calls from."""

from __future__ import annotations

import hashlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx

from services.runtime import Runtime, create_app
from shared.auth.secrets import Kdf, PasswordHasher
from shared.clock import Clock
from tests.support.regions import region_app

DEMO = Path(__file__).resolve().parents[2] / "examples" / "regions" / "ijsselland.toml"
PASSWORDS = {
    "toegang.zwolle": "demo-sassenpoort-2026", "toegang.deventer": "demo-bergkerk-2026",
    "financien": "demo-kasboek-ijssel-2026", "financien2": "demo-tweede-paar-ogen-2026",
    "controller": "demo-balans-ijssel-2026", "beheer": "demo-sleutelbos-2026",
    "accountant": "demo-grootboek-zicht-2026",
}


class CountingKdf:
    """scrypt as the hasher calls it, counting each call with its cost parameters."""

    def __init__(self, kdf: Kdf = hashlib.scrypt) -> None:
        self.calls: list[tuple[int, int, int]] = []
        self._kdf = kdf

    def __call__(self, password: bytes, *, salt: bytes, n: int, r: int, p: int, **_: Any) -> bytes:
        self.calls.append((n, r, p))
        return self._kdf(password, salt=salt, n=n, r=r, p=p)


def never_matching(password: bytes, *, salt: bytes, **_: Any) -> bytes:
    """No work and no match: for tests that only need sign-ins to fail, many times."""
    return b"\0" * 64


@asynccontextmanager
async def demo_staff(var: Path, clock: Clock | None = None, kdf: Kdf | None = None
                     ) -> AsyncIterator[tuple[Runtime, httpx.AsyncClient]]:
    """The demo region, settled; its app built after the gateway was given `kdf`."""
    async with region_app(var, DEMO, clock) as (runtime, _):
        if kdf is not None:
            gateway = runtime.container("gateway")
            gateway.context = replace(gateway.context, passwords=PasswordHasher(kdf))
        async with client_of(runtime) as client:
            yield runtime, client


def client_of(runtime: Runtime, address: str = "127.0.0.1", https: bool = False) -> httpx.AsyncClient:
    """A client on a fresh app of `runtime` (its own throttles), calling from `address`."""
    return _client(create_app(runtime, manage_runtime=False), address, https)


def clients_of(runtime: Runtime, *addresses: str) -> list[httpx.AsyncClient]:
    """Clients on one fresh app of `runtime`, each calling from its own address."""
    app = create_app(runtime, manage_runtime=False)
    return [_client(app, address) for address in addresses]


def _client(app: Any, address: str, https: bool = False) -> httpx.AsyncClient:
    transport = httpx.ASGITransport(app=app, client=(address, 50000))
    return httpx.AsyncClient(transport=transport, base_url=f"{'https' if https else 'http'}://happyflow")


def csrf(client: httpx.AsyncClient) -> dict[str, str]:
    """The header a change made with the session cookie needs: the CSRF cookie's value repeated
    (shared/api/csrf.py); none before the client has the cookie."""
    token = client.cookies.get("csrftoken")
    return {"X-CSRFToken": token} if token else {}


async def sign_in(client: httpx.AsyncClient, username: str) -> str:
    """Signs in with the demo password; returns the session cookie."""
    response = await client.post("/auth/login", json={"username": username, "password": PASSWORDS[username]},
                                 headers=csrf(client))
    assert response.status_code == 200, response.text
    return response.cookies["happyflow_session"]
