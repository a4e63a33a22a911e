"""Parties, region sections and region loads in memory (the contract: ports.py)."""

from __future__ import annotations

from collections.abc import Sequence

from services.gateway.adapters.memory.state import GatewayState
from services.gateway.ports import Party, RegionLoad
from shared.auth.principal import PartyKind, PartyPrincipal


class MemoryParties:
    def __init__(self, state: GatewayState) -> None:
        self._s = state

    async def by_token(self, token_hash: str) -> PartyPrincipal | None:
        party = self._s.parties.get(self._s.party_tokens.get(token_hash, ""))
        return None if party is None else PartyPrincipal(party.code, party.kind, frozenset(party.on_behalf_of))

    async def get(self, code: str) -> Party | None:
        return self._s.parties.get(code)

    async def exists(self, code: str) -> bool:
        return code in self._s.parties

    async def municipalities(self) -> frozenset[str]:
        return frozenset(p.code for p in self._s.parties.values() if p.kind is PartyKind.MUNICIPALITY)

    async def directory(self, municipalities: frozenset[str]) -> list[Party]:
        shown = [p for p in self._s.parties.values() if p.kind is PartyKind.PROVIDER
                 or (p.kind is PartyKind.MUNICIPALITY and p.code in municipalities)]
        return sorted(shown, key=lambda p: (p.kind.value, p.name, p.code))

    async def known_tokens(self, hashes: Sequence[str]) -> set[str]:
        return set(hashes) & set(self._s.party_tokens)

    async def everyone(self) -> list[Party]:
        return sorted(self._s.parties.values(), key=lambda p: p.code)

    async def tokens(self) -> dict[str, frozenset[str]]:
        return owners_of(self._s.party_tokens)

    async def token_hashes(self, code: str) -> list[str]:
        return sorted(h for h, c in self._s.party_tokens.items() if c == code)

    async def register(self, parties: Sequence[Party]) -> None:
        self._s.parties.update((p.code, p) for p in parties)

    async def add_tokens(self, tokens: Sequence[tuple[str, str]]) -> None:
        self._s.party_tokens.update(tokens)

    async def revoke_tokens(self, token_hashes: Sequence[str]) -> None:
        for h in token_hashes:
            self._s.party_tokens.pop(h, None)


class MemoryRegionSections:
    def __init__(self, state: GatewayState) -> None:
        self._s = state

    async def digest(self, section: str) -> str | None:
        return self._s.sections.get(section)

    async def changed(self, section: str, sha256: str) -> None:
        self._s.sections[section] = sha256


class MemoryRegionLoads:
    def __init__(self, state: GatewayState) -> None:
        self._s = state

    async def add(self, loads: Sequence[RegionLoad]) -> None:
        self._s.region_loads.extend(loads)

    async def latest(self, limit: int) -> list[RegionLoad]:
        return sorted(self._s.region_loads, key=lambda r: r.position, reverse=True)[:limit]


def owners_of(tokens: dict[str, str]) -> dict[str, frozenset[str]]:
    """token hash -> owner, as owner -> its token hashes."""
    found: dict[str, set[str]] = {}
    for token, owner in tokens.items():
        found.setdefault(owner, set()).add(token)
    return {owner: frozenset(hashes) for owner, hashes in found.items()}
