"""Composition root of the invoicing service: the only module that names its concrete adapters."""

from services.invoicing.adapters import tables
from services.invoicing.config import InvoicingSettings
from services.invoicing.domain.events import TYPES
from shared.auth import identity
from shared.bus.port import Bus
from shared.clock import Clock
from shared.events.registry import EventRegistry
from shared.persistence.engines import create_engines
from shared.persistence.inbox import idempotent_handler
from shared.persistence.relay import OutboxRelay
from shared.persistence.sql import SqlDatabase
from shared.service import ServiceContainer, Subscription, events_topic

NAME = "invoicing"


def build(settings: InvoicingSettings, bus: Bus, clock: Clock) -> ServiceContainer:
    db = SqlDatabase(create_engines(settings.database_url), tables.kernel, clock.now)
    relay = OutboxRelay(db, bus, clock, name=NAME)
    identities = Subscription(f"{NAME}.identity", [events_topic("gateway")], idempotent_handler(
        db, f"{NAME}.identity", EventRegistry(identity.TYPES), identity.identity_projector(tables.kernel)))
    return ServiceContainer(NAME, settings, db, clock, EventRegistry(TYPES), relay, [identities])
