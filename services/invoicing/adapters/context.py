"""Everything the matcher needs for one declaration, read in one go from the read models:
the allocations it names (every version), the provider's tariffs, its history, and the budget
ceiling it declares under with that ceiling's usage."""

from __future__ import annotations

from collections import defaultdict
from datetime import date

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from services.invoicing.adapters.ceilings import ceiling_usage, contract_ceiling
from services.invoicing.adapters.products import product_list
from services.invoicing.adapters.records import line_from_json, version_from_json
from services.invoicing.adapters.sharing import Shared
from services.invoicing.adapters.tables import allocation_versions, declarations, lines, settings, tariffs
from services.invoicing.domain.allocation import AllocationVersion, AllocationView
from services.invoicing.domain.contract import ContractView, Tariff
from services.invoicing.domain.declaration import Declaration, Unit
from services.invoicing.domain.history import History, PriorLine
from services.invoicing.domain.matcher import MatchContext

CHUNK = 500


async def load_context(conn: AsyncConnection, declaration: Declaration, received_on: date) -> MatchContext:
    numbers = sorted({line.allocation_number for _, line in declaration.lines()})
    header = declaration.header
    ceiling = await contract_ceiling(conn, header.sender_agb, header.addressee_gemeente)
    return MatchContext(
        received_on=received_on,
        allocations=await _allocations(conn, header.addressee_gemeente, numbers),
        contract=await _contract(conn, header.sender_agb, await product_list(conn)),
        history=await _history(conn, declaration, numbers),
        gemeenten=await _gemeenten(conn, header.addressee_gemeente),
        ceiling=ceiling,
        ceiling_used=await ceiling_usage(conn, ceiling),
    )


async def _allocations(conn: AsyncConnection, gemeente: str, numbers: list[int]) -> dict[int, AllocationView]:
    """Every version of the allocations named, held while the declaration is matched: equal values
    (the provider, the dates, the product codes) share one object (adapters/sharing.py), which for
    the bench's 100,000 allocations is some 20 MB less."""
    found: dict[int, list[tuple[str, str, AllocationVersion]]] = defaultdict(list)
    v, same = allocation_versions.c, Shared().value
    for start in range(0, len(numbers), CHUNK):
        query = sa.select(allocation_versions).where(v.municipality == gemeente,
                                                     v.number.in_(numbers[start:start + CHUNK]))
        for row in await conn.execute(query):
            found[row.number].append((same(row.provider), row.bsn,
                                      version_from_json(row.decided_on, row.decided_at, row.version, same)))
    return {number: AllocationView(number, gemeente, versions[0][0], versions[0][1],
                                   tuple(version for _, _, version in versions))
            for number, versions in found.items()}


async def _contract(conn: AsyncConnection, provider: str, products: dict[str, str]) -> ContractView:
    """TR381 asks whether the code belongs to its category in the product code list in use: the
    region's list, not this provider's contract. A listed product without a tariff here is the
    contract's business (0611, TR418), not S329. The tariffs' own categories stand in for a list
    that was never loaded (they come from it)."""
    rows = list(await conn.execute(sa.select(tariffs).where(tariffs.c.provider == provider)))
    return ContractView(
        tuple(Tariff(r.code, Unit(r.unit), r.cents, r.valid_from, r.valid_to) for r in rows),
        {**{r.code: r.category for r in rows}, **products},
    )


async def _history(conn: AsyncConnection, declaration: Declaration, numbers: list[int]) -> History:
    header, d, ln = declaration.header, declarations.c, lines.c
    # IV087: a declaration refused as a whole (0001, 9056, 8848, 9333, 8214) counts as never sent:
    # its number may be used again and its period is not the last one declared (TR333, TR318).
    mine = sa.and_(d.provider == header.sender_agb, d.municipality == header.addressee_gemeente,
                   d.status != "refused")
    message_ids = await conn.scalars(sa.select(d.message_identification).where(
        d.provider == header.sender_agb, d.message_identification == header.message_id))
    numbers_used = await conn.scalars(sa.select(d.number).where(d.provider == header.sender_agb,
                                                                d.number == declaration.number, d.status != "refused"))
    last_begin = await conn.scalar(sa.select(sa.func.max(d.period_begin)).where(mine))
    references = [line.reference for _, line in declaration.lines()]
    used: set[str] = set()
    for start in range(0, len(references), CHUNK):
        used |= set(await conn.scalars(sa.select(ln.reference).where(
            ln.provider == header.sender_agb, ln.reference.in_(references[start:start + CHUNK]))))
    approved: dict[str, PriorLine] = {}
    for start in range(0, len(numbers), CHUNK):
        rows = await conn.execute(sa.select(ln.line, ln.credited, d.status).join(
            declarations, d.declaration_id == ln.declaration_id).where(
            ln.municipality == header.addressee_gemeente, ln.provider == header.sender_agb,
            ln.allocation_number.in_(numbers[start:start + CHUNK]), ln.status == "approved",
            ln.signed_amount >= 0))
        for row in rows:
            prior = PriorLine(line_from_json(row.line), row.credited, answered=row.status == "answered")
            approved[prior.line.reference] = prior
    return History(frozenset(message_ids), frozenset(numbers_used), last_begin,
                   frozenset(used) | approved.keys(), approved)


async def _gemeenten(conn: AsyncConnection, addressee: str) -> frozenset[str]:
    known = await conn.scalar(sa.select(settings.c.value).where(settings.c.name == "gemeenten"))
    # Before a region is loaded the gateway has already refused receivers it does not know.
    return frozenset(known) if known else frozenset({addressee})
