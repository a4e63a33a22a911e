"""The four services, as the runtime and the CLI see them: settings class, builder, routes.

This is composition, not a service: it may name every service; services never import each other.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from fastapi import APIRouter

from services.allocation import api as allocation_api
from services.allocation import bootstrap as allocation_bootstrap
from services.allocation.adapters import rebuild as allocation_rebuild
from services.allocation.adapters import tables as allocation_tables
from services.allocation.config import AllocationSettings
from services.gateway import api as gateway_api
from services.gateway import bootstrap as gateway_bootstrap
from services.gateway.adapters import rebuild as gateway_rebuild
from services.gateway.adapters import tables as gateway_tables
from services.gateway.config import GatewaySettings
from services.invoicing import api as invoicing_api
from services.invoicing import bootstrap as invoicing_bootstrap
from services.invoicing.adapters import rebuild as invoicing_rebuild
from services.invoicing.adapters import tables as invoicing_tables
from services.invoicing.config import InvoicingSettings
from services.payments import api as payments_api
from services.payments import bootstrap as payments_bootstrap
from services.payments.adapters import rebuild as payments_rebuild
from services.payments.adapters import tables as payments_tables
from services.payments.config import PaymentsSettings
from shared.bus.port import Bus
from shared.clock import Clock
from shared.persistence.sql import SqlDatabase
from shared.service import ServiceContainer
from shared.settings import ServiceSettings


@dataclass(frozen=True)
class ServiceSpec:
    name: str
    settings: type[ServiceSettings]
    build: Callable[..., ServiceContainer]
    routers: Callable[[ServiceContainer], list[APIRouter]]
    metadata: object
    rebuild: Callable[[SqlDatabase], Awaitable[int]]
    """Empties the service's read models and replays its own events into them."""

    def container(self, settings: ServiceSettings, bus: Bus, clock: Clock) -> ServiceContainer:
        return self.build(settings, bus, clock)


SERVICES: dict[str, ServiceSpec] = {
    "gateway": ServiceSpec("gateway", GatewaySettings, gateway_bootstrap.build, gateway_api.routers,
                           gateway_tables.metadata, gateway_rebuild.rebuild_projections),
    "allocation": ServiceSpec("allocation", AllocationSettings, allocation_bootstrap.build,
                              allocation_api.routers, allocation_tables.metadata, allocation_rebuild.rebuild_projections),
    "invoicing": ServiceSpec("invoicing", InvoicingSettings, invoicing_bootstrap.build, invoicing_api.routers,
                             invoicing_tables.metadata, invoicing_rebuild.rebuild_projections),
    "payments": ServiceSpec("payments", PaymentsSettings, payments_bootstrap.build, payments_api.routers,
                            payments_tables.metadata, payments_rebuild.rebuild_projections),
}
