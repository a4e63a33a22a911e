"""Who is calling the gateway protocol: a party, by its bearer token (stored only as a hash);
unknown tokens count against their source address (shared/auth/tokens.py)."""

from __future__ import annotations

from fastapi import Request

from services.gateway.context import Gateway
from shared.auth.principal import PartyPrincipal
from shared.auth.tokens import TokenGuard


def party_dependency(gw: Gateway, guard: TokenGuard):  # type: ignore[no-untyped-def]
    async def caller(request: Request) -> PartyPrincipal:
        return await guard.identify(request, gw.queries.parties.by_token)

    return caller
