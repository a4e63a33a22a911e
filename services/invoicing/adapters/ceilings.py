"""Contracts' budget ceilings as the matcher needs them, and their usage (approved + held) from
the declared lines (domain/ceilings.py). The ceilings come from `allocation.ContractPublished`
and are kept as one setting: a region has tens of contracts, not thousands."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from services.invoicing.adapters.policy import store_setting
from services.invoicing.adapters.tables import lines, settings
from services.invoicing.domain.ceilings import ContractCeiling, ceiling_for, excluded_municipalities
from services.invoicing.domain.policy import Status

SETTING = "ceilings"
COUNTED = (Status.APPROVED.value, Status.HELD.value)


async def record_contract_ceilings(conn: AsyncConnection, published: dict[str, Any]) -> bool:
    """Keep the ceilings of one contract as published; True when they changed."""
    known = dict(await _stored(conn))
    entry = contract_entry(published)
    if known.get(published["contract_id"]) == entry:
        return False
    known[published["contract_id"]] = entry
    await store_setting(conn, SETTING, known)
    return True


def contract_entry(published: dict[str, Any]) -> dict[str, Any]:
    """One contract's ceilings as the setting keeps them."""
    return {"provider": published["provider_agb"], "municipalities": sorted(published.get("municipalities") or []),
            "ceilings": {str(year): int(cents) for year, cents in (published.get("ceilings") or {}).items()}}


def stored_ceilings(setting: dict[str, Any]) -> list[ContractCeiling]:
    return _ceilings(setting.items())


async def contract_ceiling(conn: AsyncConnection, provider: str, municipality: str) -> ContractCeiling | None:
    return ceiling_for(_ceilings((await _stored(conn)).items()), provider, municipality)


async def ceiling_usage(conn: AsyncConnection, ceiling: ContractCeiling | None) -> dict[int, int]:
    """Year of care → Σ signed amount of the approved and held lines under the ceiling: of the
    municipalities whose lines the contract covers (lines exempt from it do not count)."""
    if ceiling is None or not ceiling.amounts:
        return {}
    ln = lines.c
    query = (sa.select(ln.care_year, sa.func.sum(ln.signed_amount))
             .where(ln.provider == ceiling.provider, ln.care_year.in_(sorted(ceiling.amounts)), ln.status.in_(COUNTED),
                    ln.ceiling_exempt == sa.false())
             .group_by(ln.care_year))
    if ceiling.municipalities:
        query = query.where(ln.municipality.in_(sorted(ceiling.municipalities)))
    if excluded := excluded_municipalities(_ceilings((await _stored(conn)).items()), ceiling):
        query = query.where(ln.municipality.not_in(sorted(excluded)))
    return {int(year): int(total or 0) for year, total in await conn.execute(query)}


async def _stored(conn: AsyncConnection) -> dict[str, Any]:
    return await conn.scalar(sa.select(settings.c.value).where(settings.c.name == SETTING)) or {}


def _ceilings(entries: Iterable[tuple[str, Any]]) -> list[ContractCeiling]:
    return [ContractCeiling(contract_id, e["provider"], frozenset(e["municipalities"]),
                            {int(year): int(cents) for year, cents in e["ceilings"].items()})
            for contract_id, e in entries]
