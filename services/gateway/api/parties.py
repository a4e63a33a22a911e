"""Who is calling the gateway protocol: a party, by its bearer token (stored only as a hash)."""

from __future__ import annotations

from fastapi import Request

from services.gateway.adapters import store
from services.gateway.context import Gateway
from shared.auth.http import bearer_token, unauthorized
from shared.auth.principal import PartyPrincipal
from shared.auth.secrets import token_hash


def party_dependency(gw: Gateway):  # type: ignore[no-untyped-def]
    async def caller(request: Request) -> PartyPrincipal:
        principal = await store.party_by_token(gw.db.engines.read, token_hash(bearer_token(request)))
        if principal is None:
            raise unauthorized()
        return principal

    return caller
