"""Composition root of the invoicing service: the only module that names its concrete adapters."""

from functools import partial

from services.invoicing.adapters import tables
from services.invoicing.adapters.sql import sql_ports
from services.invoicing.config import InvoicingSettings
from services.invoicing.context import Invoicing
from services.invoicing.domain.events import registry
from services.invoicing.handlers.deadline import reject_overdue
from services.invoicing.handlers.intake import intake_consumer, is_declaration
from services.invoicing.handlers.master_data import allocation_consumer, region_consumer
from shared.audit import AuditTrail, forward_legacy
from shared.audit_key import audit_key
from shared.auth import identity
from shared.bus.port import Bus
from shared.clock import Clock
from shared.events.registry import EventRegistry, EventType
from shared.exchange import allocation, contract
from shared.ijw import decode
from shared.persistence.engines import create_engines
from shared.persistence.inbox import idempotent_handler
from shared.persistence.relay import OutboxRelay
from shared.persistence.sql import SqlDatabase
from shared.persistence.sql_work import SqlStore
from shared.service import Job, ServiceContainer, Subscription, events_topic

NAME = "invoicing"


def build(settings: InvoicingSettings, bus: Bus, clock: Clock) -> ServiceContainer:
    db = SqlDatabase(create_engines(settings.database_url), tables.kernel, clock.now)
    trail = AuditTrail(NAME, audit_key(settings), clock)
    store = SqlStore(db, sql_ports)
    invoicing = Invoicing(store, sql_ports(db.engines.read), clock, events_topic(NAME),
                          partial(decode, schema_dir=settings.ijw_schema_dir), settings.margin_working_days, trail)
    gateway = [events_topic("gateway")]
    sections = EventRegistry.of([contract.SectionPublished])
    routed = EventRegistry.of([contract.MessageRouted])
    allocations = EventRegistry([EventType(name, 1) for name in (
        allocation.ALLOCATION_PUBLISHED, allocation.TARIFF_PUBLISHED, allocation.CONTRACT_PUBLISHED,
        allocation.PRODUCT_PUBLISHED)])
    subscriptions = [
        Subscription(f"{NAME}.identity", gateway, idempotent_handler(
            db, f"{NAME}.identity", EventRegistry(identity.TYPES), identity.identity_projector(tables.kernel))),
        Subscription(f"{NAME}.region", gateway, idempotent_handler(store, f"{NAME}.region", sections, region_consumer())),
        Subscription(f"{NAME}.intake", gateway, idempotent_handler(store, f"{NAME}.intake", routed, intake_consumer(invoicing),
                                                                  accepts=is_declaration)),
        Subscription(f"{NAME}.allocations", [events_topic("allocation")], idempotent_handler(
            store, f"{NAME}.allocations", allocations, allocation_consumer(invoicing))),
    ]
    relay = OutboxRelay(db, bus, clock, name=NAME)
    jobs = [Job("invoicing.deadline", 300.0, lambda: reject_overdue(invoicing)),
            Job("audit.legacy", 60.0, partial(forward_legacy, db, tables.kernel.audit_log, trail))]
    return ServiceContainer(NAME, settings, db, clock, registry(), relay, subscriptions, invoicing, jobs)
