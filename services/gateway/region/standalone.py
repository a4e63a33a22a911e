"""Loading a region file from the command line: a gateway of its own for the moment of the load.
The outbox rows it writes are published by the running gateway's relay (or the next start)."""

from __future__ import annotations

from services.gateway.bootstrap import build
from services.gateway.config import GatewaySettings
from services.gateway.region.loader import LoadReport, load_region
from services.gateway.region.model import Region
from shared.bus.memory import InMemoryBus
from shared.clock import SystemClock


async def load_into_gateway(settings: GatewaySettings, region: Region) -> LoadReport:
    container = build(settings, InMemoryBus(), SystemClock())
    try:
        return await load_region(container.context, region)
    finally:
        await container.db.close()
