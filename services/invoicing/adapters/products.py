"""The region's product code list as the matcher reads it for TR381: ProductCode → ProductCategorie,
kept from the allocation service's ProductPublished events (the region file's products and the
ones the register adds)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncConnection

from services.invoicing.adapters.policy import store_setting
from services.invoicing.adapters.tables import settings

PRODUCTS = "products"


async def record_product(conn: AsyncConnection, code: str, category: str) -> bool:
    """Add or change one product of the list; True when the list changed."""
    known = dict(await conn.scalar(sa.select(settings.c.value).where(settings.c.name == PRODUCTS)) or {})
    if known.get(code) == category:
        return False
    known[code] = category
    await store_setting(conn, PRODUCTS, known)
    return True


async def product_list(conn: AsyncConnection) -> dict[str, str]:
    return dict(await conn.scalar(sa.select(settings.c.value).where(settings.c.name == PRODUCTS)) or {})
