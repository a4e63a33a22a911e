"""Loading a region file from the command line: a gateway of its own for the moment of the load.
The outbox rows it writes are published by the running gateway's relay (or the next start)."""

from __future__ import annotations

from services.gateway.bootstrap import build
from services.gateway.config import GatewaySettings
from services.gateway.handlers.region_loads import load_region_file
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


async def load_file_into_gateway(settings: GatewaySettings, text: bytes) -> LoadReport:
    """The file's text, checked again and loaded as the admins' screen loads one, so that the load
    is recorded with the file's SHA-256 (by nobody: the command line)."""
    container = build(settings, InMemoryBus(), SystemClock())
    try:
        return (await load_region_file(container.context, text, None)).report
    finally:
        await container.db.close()
