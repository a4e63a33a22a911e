"""The read models the matcher works from, kept up to date from other services' events: the
region's policy and municipalities (gateway), allocations, the product code list, tariffs and
contracts' budget ceilings (allocation service)."""

from __future__ import annotations

from datetime import date, time

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from services.invoicing.adapters.ceilings import record_contract_ceilings
from services.invoicing.adapters.policy import four_eyes_from, policy_from_section, store_setting
from services.invoicing.adapters.products import record_product
from services.invoicing.adapters.records import version_to_json
from services.invoicing.adapters.tables import allocation_versions, tariffs
from services.invoicing.context import Invoicing
from services.invoicing.domain.allocation import DELETED, AllocationVersion, Extent, Frequency
from services.invoicing.domain.contract import Tariff
from services.invoicing.domain.declaration import Unit
from services.invoicing.domain.retourcodes import CODE_NOT_IN_CATEGORY
from services.invoicing.handlers.rematch import rematch_allocation, rematch_code, rematch_provider
from shared.events.envelope import Envelope
from shared.exchange.allocation import ALLOCATION_PUBLISHED, CONTRACT_PUBLISHED, PRODUCT_PUBLISHED, TARIFF_PUBLISHED
from shared.exchange.contract import SECTION_PUBLISHED
from shared.persistence.ports import UnitOfWork


def region_consumer():  # type: ignore[no-untyped-def]
    async def apply(uow: UnitOfWork, envelope: Envelope) -> None:
        if envelope.type != SECTION_PUBLISHED:
            return
        section, content = envelope.payload["section"], envelope.payload["content"]
        if section == "policy":
            policy_from_section(content)  # a policy the domain refuses must not be stored
            four_eyes_from(content)
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


def allocation_consumer(inv: Invoicing):  # type: ignore[no-untyped-def]
    async def apply(uow: UnitOfWork, envelope: Envelope) -> None:
        p = envelope.payload
        if envelope.type == ALLOCATION_PUBLISHED:
            await record_allocation_version(uow.connection, p["municipality"], int(p["allocation_number"]),
                                            p["provider_agb"], p["client_bsn"], version_from_published(p))
            await rematch_allocation(inv, uow, p["municipality"], int(p["allocation_number"]))
        elif envelope.type == TARIFF_PUBLISHED:
            await _tariff(uow.connection, p)
            await rematch_provider(inv, uow, p["provider_agb"])
        elif envelope.type == CONTRACT_PUBLISHED:
            if await record_contract_ceilings(uow.connection, p):  # a raised ceiling may fit held lines now
                await rematch_provider(inv, uow, p["provider_agb"])
        elif envelope.type == PRODUCT_PUBLISHED:
            if await record_product(uow.connection, p["code"], p["category"]):
                await rematch_code(inv, uow, CODE_NOT_IN_CATEGORY)

    return apply


def version_from_published(p: dict) -> AllocationVersion:  # type: ignore[type-arg]
    product, extent = p.get("product") or {}, p.get("extent")
    return AllocationVersion(
        decided_on=date.fromisoformat(p["allocated_on"]), decided_at=time.fromisoformat(p["allocated_at"]),
        category=product.get("category"), code=product.get("code"), start=date.fromisoformat(p["start"]),
        end=iso(p.get("end")), reason=DELETED if p.get("deleted") else p.get("change_reason"),
        extent=None if extent is None else Extent(int(extent["volume"]), Unit(extent["unit"]),
                                                  Frequency(str(extent["frequency"]))),
        budget=p.get("budget"), referrer_type=p.get("referrer_type"),
    )


async def _tariff(conn: AsyncConnection, p: dict) -> None:  # type: ignore[type-arg]
    # The tariff is the provider's for every municipality of its contract; a contract limited to
    # some municipalities is not told apart here yet.
    tariff = Tariff(p["code"], Unit(p["unit"]), int(p["amount"]), date.fromisoformat(p["valid_from"]),
                    iso(p.get("valid_until")))
    await record_tariff(conn, p["provider_agb"], p["category"], tariff)
    closes = p.get("closes")
    if closes:
        await conn.execute(sa.update(tariffs).where(
            tariffs.c.provider == p["provider_agb"], tariffs.c.code == p["code"], tariffs.c.unit == p["unit"],
            tariffs.c.valid_from == date.fromisoformat(closes["valid_from"])).values(valid_to=iso(closes["valid_until"])))


def iso(day: str | None) -> date | None:
    return date.fromisoformat(day) if day else None
