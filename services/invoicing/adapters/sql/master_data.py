"""The master data the matcher works from, in SQL: the region's settings, allocation versions,
tariffs, the product code list and contracts' ceilings (adapters/ceilings.py, products.py)."""

from __future__ import annotations

from datetime import date
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from services.invoicing.adapters import ceilings, products
from services.invoicing.adapters.context import load_context
from services.invoicing.adapters.policy import load_four_eyes_from, load_policy, store_setting
from services.invoicing.adapters.records import version_to_json
from services.invoicing.adapters.tables import allocation_versions, tariffs
from services.invoicing.domain.allocation import AllocationVersion
from services.invoicing.domain.contract import Tariff
from services.invoicing.domain.declaration import Declaration
from services.invoicing.domain.matcher import MatchContext
from services.invoicing.domain.policy import MatchPolicy
from shared.persistence.sql_work import Source, connected


async def record_allocation_version(conn: AsyncConnection, municipality: str, number: int, provider: str,
                                    bsn: str, version: AllocationVersion) -> None:
    """Every version is kept as received; which one is effective is the domain's choice (IV013)."""
    key = {"municipality": municipality, "number": number, "decided_on": version.decided_on,
           "decided_at": version.decided_at.isoformat()}
    v = allocation_versions.c
    exists = await conn.scalar(sa.select(v.number).where(*(getattr(v, k) == value for k, value in key.items())))
    if exists is None:
        await conn.execute(sa.insert(allocation_versions).values(**key, provider=provider, bsn=bsn,
                                                                 version=version_to_json(version)))


async def record_tariff(conn: AsyncConnection, provider: str, category: str, tariff: Tariff) -> None:
    key = {"provider": provider, "code": tariff.code, "unit": tariff.unit.value, "valid_from": tariff.valid_from}
    t = tariffs.c
    await conn.execute(sa.delete(tariffs).where(*(getattr(t, k) == value for k, value in key.items())))
    await conn.execute(sa.insert(tariffs).values(**key, valid_to=tariff.valid_to, category=category,
                                                 cents=tariff.cents))


class SqlMasterData:
    def __init__(self, source: Source) -> None:
        self._source = source

    async def match_context(self, declaration: Declaration, received_on: date) -> MatchContext:
        async with connected(self._source) as conn:
            return await load_context(conn, declaration, received_on)

    async def policy(self) -> MatchPolicy:
        async with connected(self._source) as conn:
            return await load_policy(conn)

    async def four_eyes_from(self) -> int | None:
        async with connected(self._source) as conn:
            return await load_four_eyes_from(conn)

    async def keep_setting(self, name: str, value: object) -> None:
        async with connected(self._source) as conn:
            await store_setting(conn, name, value)

    async def record_allocation_version(self, municipality: str, number: int, provider: str, bsn: str,
                                        version: AllocationVersion) -> None:
        async with connected(self._source) as conn:
            await record_allocation_version(conn, municipality, number, provider, bsn, version)

    async def record_tariff(self, provider: str, category: str, tariff: Tariff) -> None:
        async with connected(self._source) as conn:
            await record_tariff(conn, provider, category, tariff)

    async def close_tariff(self, provider: str, code: str, unit: str, valid_from: date,
                           valid_to: date | None) -> None:
        t = tariffs.c
        async with connected(self._source) as conn:
            await conn.execute(sa.update(tariffs).where(t.provider == provider, t.code == code, t.unit == unit,
                                                        t.valid_from == valid_from).values(valid_to=valid_to))

    async def record_contract_ceilings(self, published: dict[str, Any]) -> bool:
        async with connected(self._source) as conn:
            return await ceilings.record_contract_ceilings(conn, published)

    async def record_product(self, code: str, category: str) -> bool:
        async with connected(self._source) as conn:
            return await products.record_product(conn, code, category)
