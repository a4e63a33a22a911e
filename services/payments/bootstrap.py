"""Composition root of the payments service: the only module that names its concrete adapters."""

import secrets
from functools import partial

from services.payments.adapters import tables
from services.payments.adapters.book_store import BookCache, ceiling_cache
from services.payments.adapters.financing_sql import SqlFinancing
from services.payments.adapters.financing_memory import MemoryCareSpells, MemoryFinancing
from services.payments.adapters.memory import memory_ports
from services.payments.adapters.memory.state import PaymentsState
from services.payments.adapters.sql import sql_ports
from services.payments.config import PaymentsSettings
from services.payments.context import Payments, PaymentsWork
from services.payments.domain.events import registry
from services.payments.ports import PaymentsPorts
from services.payments.handlers.book import project_decided
from services.payments.handlers.financing import delivery_consumer
from services.payments.handlers.master_data import REGION, allocation_consumer, region_consumer
from services.payments.handlers.outcomes import outcome_consumer
from services.payments.handlers.settlements import INVOICING, settlement_consumer
from shared.audit import AuditTrail, forward_legacy
from shared.audit_sql import legacy_audit_store
from shared.audit_key import audit_key
from shared.auth.identity import identity_consumer
from shared.auth.identity_sql import identity_store
from shared.bus.port import Bus
from shared.clock import Clock
from shared.commands import CommandHandler
from shared.events.registry import EventRegistry, EventType
from shared.exchange import allocation
from shared.persistence.engines import create_engines
from shared.persistence.inbox import Apply, idempotent_handler
from shared.persistence.relay import OutboxRelay
from shared.persistence.memory import MemoryDatabase
from shared.persistence.memory_work import MemoryStore
from shared.persistence.ports import Database, Store
from shared.persistence.sql import SqlDatabase
from shared.persistence.sql_work import SqlStore
from shared.service import Job, ServiceContainer, Subscription, events_topic

NAME = "payments"


def build(settings: PaymentsSettings, bus: Bus, clock: Clock) -> ServiceContainer:
    db = SqlDatabase(create_engines(settings.database_url), tables.kernel, clock.now)
    book, ceilings = BookCache(settings.region, tables.kernel), ceiling_cache(tables.kernel)
    bind = partial(sql_ports, book=book, ceilings=ceilings)
    store = SqlStore(db, bind)
    trail = AuditTrail(NAME, audit_key(settings), clock)
    ctx = Payments(db, clock, events_topic(NAME), book, ceilings,
                   settings.default_payment_term_days,
                   audit=trail, financing=SqlFinancing.on(db, book.stream),
                   store=store, queries=bind(db.engines.read), commands=_commands(store, clock, trail))
    relay = OutboxRelay(db, bus, clock, name=NAME)
    gateway = [events_topic("gateway")]
    subscriptions = [
        Subscription(f"{NAME}.identity", gateway, identity_consumer(identity_store(db), f"{NAME}.identity")),
        Subscription(f"{NAME}.region", gateway, idempotent_handler(
            store, f"{NAME}.region", REGION, region_consumer(ctx), committed=_books_committed)),  # type: ignore[arg-type]
        Subscription(f"{NAME}.settlements", [events_topic("invoicing")], idempotent_handler(
            store, f"{NAME}.settlements", INVOICING, settlement_consumer(ctx), committed=_books_committed)),
        _consumer(store, f"{NAME}.allocations", [events_topic("allocation")], allocation.ALLOCATION_PUBLISHED,
                  allocation_consumer(ctx), allocation.CONTRACT_PUBLISHED, allocation.TARIFF_PUBLISHED),
        _consumer(store, f"{NAME}.deliveries", [events_topic("allocation")], allocation.DELIVERY_REPORTED,
                  delivery_consumer(ctx)),
        _consumer(store, f"{NAME}.outcomes", [events_topic("allocation")], allocation.ALLOCATION_PUBLISHED,
                  outcome_consumer(ctx), allocation.DELIVERY_REPORTED),
    ]
    jobs = [Job("audit.legacy", 60.0, partial(forward_legacy, legacy_audit_store(db), ctx.audit))]
    return ServiceContainer(NAME, settings, db, clock, registry(), relay, subscriptions, ctx, jobs)


def build_in_memory(settings: PaymentsSettings, clock: Clock) -> tuple[Payments, MemoryStore]:  # type: ignore[type-arg]
    """The handlers on the in-memory adapters: the staff commands on the book and the consumers of
    settlements, allocations and the region file, and the routes' reads (ctx.queries).
    Without an audit key in the settings the audit trail is signed with a key of its own."""
    state = PaymentsState()
    store = MemoryStore(MemoryDatabase(), state, memory_ports)
    key = settings.audit_key.encode("utf-8") if settings.audit_key else secrets.token_bytes(32)
    book = BookCache(settings.region, tables.kernel)
    trail = AuditTrail(NAME, key, clock)
    ctx = Payments(None, clock, events_topic(NAME), book, ceiling_cache(tables.kernel),  # type: ignore[arg-type]
                   settings.default_payment_term_days,
                   audit=trail, financing=MemoryFinancing(MemoryCareSpells(state)),
                   store=store, queries=store.queries(), commands=_commands(store, clock, trail))
    return ctx, store


def _commands(store: Store[PaymentsPorts], clock: Clock, trail: AuditTrail) -> CommandHandler[PaymentsPorts]:
    """Payments' read models are functions of its typed events and never read an event's global
    position (adapters/projections.py): the handler projects the decided events themselves."""
    return CommandHandler(store, registry(), None, events_topic(NAME), clock, trail.sink,
                          project_decided=project_decided)


def _consumer(db: Database, group: str, topics: list[str], event_type: str, apply: Apply,
              *more_types: str) -> Subscription:
    registry = EventRegistry([EventType(name, 1) for name in (event_type, *more_types)])
    return Subscription(group, topics, idempotent_handler(db, group, registry, apply, committed=_books_committed))


def _books_committed(work: PaymentsWork) -> None:
    """A consumer's transaction committed: the book and ceilings it appended to stay warm, so the
    next settlement does not read back and decode this one's events (adapters/sql/books.py)."""
    work.ports.books.committed()
