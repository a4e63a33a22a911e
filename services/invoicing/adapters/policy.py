"""Where the service keeps the region's match policy (domain/policy_section.py parses it)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from services.invoicing.adapters.tables import settings
from services.invoicing.domain.policy import MatchPolicy
from services.invoicing.domain.policy_section import exemptions, four_eyes_from, policy_from_section

__all__ = ["exemptions", "four_eyes_from", "load_four_eyes_from", "load_policy", "policy_from_section", "store_setting"]


async def load_four_eyes_from(conn: AsyncConnection) -> int | None:
    section = await conn.scalar(sa.select(settings.c.value).where(settings.c.name == "policy"))
    return None if section is None else four_eyes_from(section)


async def load_policy(conn: AsyncConnection) -> MatchPolicy:
    section = await conn.scalar(sa.select(settings.c.value).where(settings.c.name == "policy"))
    return MatchPolicy.default() if section is None else policy_from_section(section)


async def store_setting(conn: AsyncConnection, name: str, value: object) -> None:
    updated = await conn.execute(sa.update(settings).where(settings.c.name == name).values(value=value))
    if updated.rowcount == 0:
        await conn.execute(sa.insert(settings).values(name=name, value=value))

