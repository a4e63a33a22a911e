"""Composition root of the invoicing service: the only module that names its concrete adapters."""

from services.invoicing.adapters import tables
from services.invoicing.config import InvoicingSettings
from services.invoicing.domain.events import TYPES
from shared.bus.port import Bus
from shared.clock import Clock
from shared.events.registry import EventRegistry
from shared.persistence.engines import create_engines
from shared.persistence.relay import OutboxRelay
from shared.persistence.sql import SqlDatabase
from shared.service import ServiceContainer

NAME = "invoicing"


def build(settings: InvoicingSettings, bus: Bus, clock: Clock) -> ServiceContainer:
    db = SqlDatabase(create_engines(settings.database_url), tables.kernel, clock.now)
    relay = OutboxRelay(db, bus, clock, name=NAME)
    return ServiceContainer(NAME, settings, db, clock, EventRegistry(TYPES), relay)
