"""Composition root of the invoicing service: the only module that names its concrete adapters."""

import secrets
from collections.abc import Callable
from functools import partial

from services.invoicing.adapters import tables
from services.invoicing.adapters.memory import memory_ports
from services.invoicing.adapters.memory.state import InvoicingState
from services.invoicing.adapters.sql import sql_ports
from services.invoicing.adapters.stream_projection import project
from services.invoicing.config import InvoicingSettings
from services.invoicing.context import Invoicing
from services.invoicing.domain.events import registry
from services.invoicing.handlers.deadline import reject_overdue
from services.invoicing.handlers.intake import intake_consumer, is_declaration
from services.invoicing.handlers.master_data import allocation_consumer, region_consumer
from services.invoicing.ports import InvoicingPorts
from shared.audit import AuditTrail, forward_legacy
from shared.audit_sql import legacy_audit_store
from shared.audit_key import audit_key
from shared.auth.identity import identity_consumer
from shared.auth.identity_sql import identity_store
from shared.bus.port import Bus
from shared.clock import Clock
from shared.commands import CommandHandler
from shared.events.registry import EventRegistry, EventType
from shared.exchange import allocation, contract
from shared.ijw import decode
from shared.persistence.engines import create_engines
from shared.persistence.inbox import idempotent_handler
from shared.persistence.relay import OutboxRelay
from shared.persistence.memory import MemoryDatabase
from shared.persistence.memory_work import MemoryStore
from shared.persistence.ports import Store, Work
from shared.persistence.sql import SqlDatabase
from shared.persistence.sql_work import SqlStore
from shared.service import Job, ServiceContainer, Subscription, events_topic

NAME = "invoicing"


def build(settings: InvoicingSettings, bus: Bus, clock: Clock) -> ServiceContainer:
    db = SqlDatabase(create_engines(settings.database_url), tables.kernel, clock.now)
    trail = AuditTrail(NAME, audit_key(settings), clock)
    store = SqlStore(db, sql_ports)
    invoicing = _invoicing(settings, clock, store, sql_ports(db.engines.read), trail)
    gateway = [events_topic("gateway")]
    sections = EventRegistry.of([contract.SectionPublished])
    routed = EventRegistry.of([contract.MessageRouted], contract.UPCASTERS)
    allocations = EventRegistry([EventType(name, 1) for name in (
        allocation.ALLOCATION_PUBLISHED, allocation.TARIFF_PUBLISHED, allocation.CONTRACT_PUBLISHED,
        allocation.PRODUCT_PUBLISHED)])
    subscriptions = [
        Subscription(f"{NAME}.identity", gateway, identity_consumer(identity_store(db), f"{NAME}.identity")),
        Subscription(f"{NAME}.region", gateway, idempotent_handler(store, f"{NAME}.region", sections, region_consumer())),
        Subscription(f"{NAME}.intake", gateway, idempotent_handler(store, f"{NAME}.intake", routed, intake_consumer(invoicing),
                                                                  accepts=is_declaration)),
        Subscription(f"{NAME}.allocations", [events_topic("allocation")], idempotent_handler(
            store, f"{NAME}.allocations", allocations, allocation_consumer(invoicing))),
    ]
    relay = OutboxRelay(db, bus, clock, name=NAME)
    jobs = [Job("invoicing.deadline", 300.0, lambda: reject_overdue(invoicing)),
            Job("audit.legacy", 60.0, partial(forward_legacy, legacy_audit_store(db), trail))]
    return ServiceContainer(NAME, settings, db, clock, registry(), relay, subscriptions, invoicing, jobs)


def build_in_memory(settings: InvoicingSettings, clock: Clock,
                    decoder: Callable[[bytes], object] | None = None) -> tuple[Invoicing, MemoryStore]:  # type: ignore[type-arg]
    """The invoicing handlers on its in-memory adapters (tests that do not test SQL). Without an
    audit key in the settings the pseudonyms are made with a key of its own: nothing it records
    outlives it."""
    store = MemoryStore(MemoryDatabase(), InvoicingState(), memory_ports)
    key = settings.audit_key.encode("utf-8") if settings.audit_key else secrets.token_bytes(32)
    return _invoicing(settings, clock, store, store.queries(), AuditTrail(NAME, key, clock), decoder), store


def _invoicing(settings: InvoicingSettings, clock: Clock, store: Store[InvoicingPorts], queries: InvoicingPorts,
               trail: AuditTrail, decoder: Callable[[bytes], object] | None = None) -> Invoicing:
    commands = CommandHandler(store, registry(), None, events_topic(NAME), clock, trail.sink, project_stream=project)
    return Invoicing(store, queries, commands, clock, events_topic(NAME),
                     decoder or partial(decode, schema_dir=settings.ijw_schema_dir, max_bytes=settings.max_message_bytes),
                     settings.margin_working_days,
                     trail)

