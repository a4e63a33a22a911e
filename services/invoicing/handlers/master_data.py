"""The read models the matcher works from, kept up to date from other services' events: the
region's policy and municipalities (gateway), allocations and tariffs (allocation service)."""

from __future__ import annotations

from datetime import date

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from services.invoicing.adapters.policy import policy_from_section, store_setting
from services.invoicing.adapters.records import version_to_json
from services.invoicing.adapters.tables import allocation_versions, tariffs
from services.invoicing.domain.allocation import AllocationVersion
from services.invoicing.domain.contract import Tariff
from shared.events.envelope import Envelope
from shared.exchange.contract import SECTION_PUBLISHED
from shared.persistence.ports import UnitOfWork


def region_consumer():  # type: ignore[no-untyped-def]
    async def apply(uow: UnitOfWork, envelope: Envelope) -> None:
        if envelope.type != SECTION_PUBLISHED:
            return
        section, content = envelope.payload["section"], envelope.payload["content"]
        if section == "policy":
            policy_from_section(content)  # a policy the domain refuses must not be stored
            await store_setting(uow.connection, "policy", content)
        elif section == "budgets":
            await store_setting(uow.connection, "gemeenten", sorted(content))

    return apply


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


def iso(day: str | None) -> date | None:
    return date.fromisoformat(day) if day else None
