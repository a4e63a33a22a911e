from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest

from services.gateway.handlers.parties import PartySpec, register_party
from shared.auth.principal import PartyKind
from tests.support.embedded import embedded_app

EXAMPLES = Path(__file__).resolve().parents[3] / "examples" / "ijw" / "valid"
PROVIDER, OTHER_PROVIDER, MUNICIPALITY, HUB = "42420001", "42420002", "0384", "42429999"
TOKENS = {PROVIDER: "tok-provider-1", OTHER_PROVIDER: "tok-provider-2", MUNICIPALITY: "tok-gemeente-0384",
          HUB: "tok-hub"}


def auth(party: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {TOKENS[party]}", "Content-Type": "application/xml"}


def example(name: str) -> bytes:
    return (EXAMPLES / name).read_bytes()


@pytest.fixture
async def gateway(tmp_path: Path) -> AsyncIterator[tuple[object, httpx.AsyncClient]]:
    async with embedded_app(tmp_path) as (runtime, client):
        gw = runtime.container("gateway").context
        for code, kind in ((PROVIDER, PartyKind.PROVIDER), (OTHER_PROVIDER, PartyKind.PROVIDER),
                           (MUNICIPALITY, PartyKind.MUNICIPALITY)):
            await register_party(gw, PartySpec(code, kind, f"party {code}", (TOKENS[code],)))
        await register_party(gw, PartySpec(HUB, PartyKind.HUB, "hub", (TOKENS[HUB],), (PROVIDER,)))
        yield runtime, client
