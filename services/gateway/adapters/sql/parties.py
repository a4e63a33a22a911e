"""The region's parties and their token hashes, in SQL."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict

import sqlalchemy as sa

from services.gateway.adapters.tables import parties, party_tokens
from services.gateway.ports import Party
from shared.auth.principal import PartyKind, PartyPrincipal
from shared.persistence.rows import grouped
from shared.persistence.sql_work import Source, connected


class SqlParties:
    def __init__(self, source: Source) -> None:
        self._source = source

    async def by_token(self, token_hash: str) -> PartyPrincipal | None:
        p = parties.c
        query = (sa.select(p.code, p.kind, p.on_behalf_of).join(party_tokens, party_tokens.c.party_code == p.code)
                 .where(party_tokens.c.token_hash == token_hash))
        async with connected(self._source) as conn:
            row = (await conn.execute(query)).first()
        return None if row is None else PartyPrincipal(row.code, PartyKind(row.kind), frozenset(row.on_behalf_of))

    async def get(self, code: str) -> Party | None:
        async with connected(self._source) as conn:
            row = (await conn.execute(sa.select(parties).where(parties.c.code == code))).first()
        return None if row is None else _party(row)

    async def exists(self, code: str) -> bool:
        async with connected(self._source) as conn:
            return await conn.scalar(sa.select(parties.c.code).where(parties.c.code == code)) is not None

    async def municipalities(self) -> frozenset[str]:
        async with connected(self._source) as conn:
            return frozenset(await conn.scalars(
                sa.select(parties.c.code).where(parties.c.kind == PartyKind.MUNICIPALITY.value)))

    async def directory(self, municipalities: frozenset[str]) -> list[Party]:
        p = parties.c
        query = sa.select(parties).where(sa.or_(
            p.kind == PartyKind.PROVIDER.value,
            sa.and_(p.kind == PartyKind.MUNICIPALITY.value, p.code.in_(sorted(municipalities))),
        )).order_by(p.kind, p.name, p.code)
        async with connected(self._source) as conn:
            return [_party(row) for row in await conn.execute(query)]

    async def known_tokens(self, hashes: Sequence[str]) -> set[str]:
        t = party_tokens.c
        async with connected(self._source) as conn:
            return set(await conn.scalars(sa.select(t.token_hash).where(t.token_hash.in_(list(hashes)))))

    async def everyone(self) -> list[Party]:
        async with connected(self._source) as conn:
            return [_party(row) for row in await conn.execute(sa.select(parties).order_by(parties.c.code))]

    async def tokens(self) -> dict[str, frozenset[str]]:
        t = party_tokens.c
        async with connected(self._source) as conn:
            return grouped(await conn.execute(sa.select(t.party_code, t.token_hash)))

    async def token_hashes(self, code: str) -> list[str]:
        t = party_tokens.c
        async with connected(self._source) as conn:
            return sorted(await conn.scalars(sa.select(t.token_hash).where(t.party_code == code)))

    async def register(self, registered: Sequence[Party]) -> None:
        async with connected(self._source) as conn:
            for party in registered:  # a region load's worth: one at a time is plenty
                row = {**asdict(party), "kind": party.kind.value, "on_behalf_of": list(party.on_behalf_of)}
                updated = await conn.execute(sa.update(parties).where(parties.c.code == party.code).values(**row))
                if updated.rowcount == 0:
                    await conn.execute(sa.insert(parties).values(**row))

    async def add_tokens(self, tokens: Sequence[tuple[str, str]]) -> None:
        async with connected(self._source) as conn:
            await conn.execute(sa.insert(party_tokens), [{"token_hash": h, "party_code": c} for h, c in tokens])

    async def revoke_tokens(self, token_hashes: Sequence[str]) -> None:
        async with connected(self._source) as conn:
            await conn.execute(sa.delete(party_tokens).where(party_tokens.c.token_hash.in_(list(token_hashes))))


def _party(row: sa.Row) -> Party:  # type: ignore[type-arg]
    return Party(row.code, PartyKind(row.kind), row.name, tuple(row.on_behalf_of))
