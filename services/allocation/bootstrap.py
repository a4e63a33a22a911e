"""Composition root of the allocation service: the only module that names its concrete adapters."""

import secrets
from functools import partial

from services.allocation.adapters import tables
from services.allocation.adapters.memory import memory_ports
from services.allocation.adapters.memory.state import AllocationState
from services.allocation.adapters.projections import project
from services.allocation.adapters.sql import sql_ports
from services.allocation.config import AllocationSettings
from services.allocation.context import Allocations
from services.allocation.domain.events import registry
from services.allocation.handlers.declarations import SETTLED, apply_settled
from services.allocation.handlers.region import PUBLISHED, region_consumer
from services.allocation.handlers.routed import ROUTED, routed_consumer
from services.allocation.ports import AllocationPorts
from shared.audit import AuditTrail, forward_legacy
from shared.audit_sql import legacy_audit_store
from shared.audit_key import audit_key
from shared.auth.identity import identity_consumer
from shared.auth.identity_sql import identity_store
from shared.bus.port import Bus
from shared.clock import Clock
from shared.commands import CommandHandler
from shared.events.envelope import Envelope
from shared.events.registry import EventRegistry
from shared.ijw import decode, encode
from shared.persistence.engines import create_engines
from shared.persistence.inbox import idempotent_handler
from shared.persistence.memory import MemoryDatabase
from shared.persistence.memory_work import MemoryStore
from shared.persistence.ports import Database, Store, Work
from shared.persistence.relay import OutboxRelay
from shared.persistence.sql import SqlDatabase
from shared.persistence.sql_work import SqlStore
from shared.service import Job, ServiceContainer, Subscription, events_topic

NAME = "allocation"
ALLOCATION_MESSAGES = frozenset({"301", "302", "305", "307", "315", "317", "320"})


def build(settings: AllocationSettings, bus: Bus, clock: Clock) -> ServiceContainer:
    db = SqlDatabase(create_engines(settings.database_url), tables.kernel, clock.now)
    trail = AuditTrail(NAME, audit_key(settings), clock)
    store = SqlStore(db, sql_ports)
    ctx = _allocations(settings, clock, db, store, sql_ports(db.engines.read), trail)
    relay = OutboxRelay(db, bus, clock, name=NAME)
    gateway = [events_topic("gateway")]
    subscriptions = [
        Subscription(f"{NAME}.identity", gateway, identity_consumer(identity_store(db), f"{NAME}.identity")),
        _consumer(store, f"{NAME}.region", gateway, PUBLISHED, region_consumer(ctx)),
        _consumer(store, f"{NAME}.messages", gateway, ROUTED, routed_consumer(ctx), owns_message),
        _consumer(store, f"{NAME}.declarations", [events_topic("invoicing")], SETTLED, apply_settled),
    ]
    jobs = [Job("audit.legacy", 60.0, partial(forward_legacy, legacy_audit_store(db), trail))]
    return ServiceContainer(NAME, settings, db, clock, registry(), relay, subscriptions, ctx, jobs)


def build_in_memory(settings: AllocationSettings, clock: Clock) -> tuple[Allocations, MemoryStore]:  # type: ignore[type-arg]
    """The allocation handlers on the in-memory adapters (tests that do not test SQL). Without an
    audit key in the settings the pseudonyms are made with a key of its own: nothing it records
    outlives it."""
    store = MemoryStore(MemoryDatabase(), AllocationState(), memory_ports)
    key = settings.audit_key.encode("utf-8") if settings.audit_key else secrets.token_bytes(32)
    return _allocations(settings, clock, store.db, store, store.queries(), AuditTrail(NAME, key, clock)), store


def _allocations(settings: AllocationSettings, clock: Clock, db: Database, store: Store[AllocationPorts],
                 queries: AllocationPorts, trail: AuditTrail) -> Allocations:
    commands = CommandHandler(store, registry(), project, events_topic(NAME), clock, trail.sink)
    return Allocations(db, store, queries, commands, clock, events_topic(NAME), settings.region, decode, encode,
                       trail)



def _consumer(store: SqlStore[AllocationPorts], group: str, topics: list[str], registry: EventRegistry,
              apply, accepts=None) -> Subscription:  # type: ignore[no-untyped-def]
    """The inbox's unit of work is the store's, so `apply` gets the ports bound to it."""
    return Subscription(group, topics, idempotent_handler(store, group, registry, apply, accepts))  # type: ignore[arg-type]


def owns_message(envelope: Envelope) -> bool:
    """The messages the gateway routes to this service (design.md §3); a JW323 is not ours."""
    return ROUTED.decode(envelope).message_code in ALLOCATION_MESSAGES
