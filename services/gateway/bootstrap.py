"""Composition root of the gateway service: the only module that names its concrete adapters."""

import secrets
from collections.abc import Callable
from datetime import timedelta
from functools import partial
from typing import BinaryIO

from services.gateway.adapters import tables
from services.gateway.adapters.memory import memory_ports
from services.gateway.adapters.memory.state import GatewayState
from services.gateway.adapters.projections import project
from services.gateway.adapters.sql import sql_ports
from services.gateway.config import GatewaySettings
from services.gateway.context import Gateway
from services.gateway.domain.events import registry
from services.gateway.handlers.audit_trail import audit_consumer
from services.gateway.handlers.exchange import EXCHANGE, exchange_consumer
from services.gateway.ports import GatewayPorts
from shared.audit import AuditTrail, forward_legacy
from shared.audit_sql import legacy_audit_store
from shared.audit_key import audit_key
from shared.auth.secrets import PasswordHasher
from shared.auth.sessions import SessionSigner
from shared.bus.port import Bus
from shared.clock import Clock
from shared.commands import CommandHandler
from shared.events.registry import EventRegistry
from shared.exchange import audit
from shared.ijw import decode
from shared.persistence.engines import create_engines
from shared.persistence.inbox import idempotent_handler
from shared.persistence.memory import MemoryDatabase
from shared.persistence.memory_work import MemoryStore
from shared.persistence.ports import Store, Work
from shared.persistence.relay import OutboxRelay
from shared.persistence.sql import SqlDatabase
from shared.persistence.sql_work import SqlStore
from shared.service import Job, ServiceContainer, Subscription, events_topic

NAME = "gateway"
ANSWERING_SERVICES = ("allocation", "invoicing")


def build(settings: GatewaySettings, bus: Bus, clock: Clock) -> ServiceContainer:
    db = SqlDatabase(create_engines(settings.database_url), tables.kernel, clock.now)
    trail = AuditTrail(NAME, audit_key(settings), clock)
    gateway = _gateway(settings, clock, SqlStore(db, sql_ports), sql_ports(db.engines.read), trail)
    subscriptions = [
        Subscription("gateway.exchange", [events_topic(s) for s in ANSWERING_SERVICES],
                     idempotent_handler(gateway.store, "gateway.exchange", EXCHANGE,  # type: ignore[arg-type]
                                        exchange_consumer(gateway))),
        # One consumer appends every service's entries to the one chain (shared/exchange/audit.py).
        Subscription("gateway.audit", [audit.AUDIT_TOPIC],
                     idempotent_handler(gateway.store, "gateway.audit", EventRegistry(audit.TYPES),  # type: ignore[arg-type]
                                        audit_consumer())),
    ]
    relay = OutboxRelay(db, bus, clock, name=NAME)
    jobs = [Job("audit.legacy", 60.0, partial(forward_legacy, legacy_audit_store(db), trail))]
    return ServiceContainer(NAME, settings, db, clock, registry(), relay, subscriptions, gateway, jobs)


def build_in_memory(settings: GatewaySettings, clock: Clock,
                    decoder: Callable[[bytes | BinaryIO], object] | None = None) -> tuple[Gateway, MemoryStore]:  # type: ignore[type-arg]
    """The gateway's handlers on its in-memory adapters (tests that do not test SQL). Without an
    audit key in the settings the pseudonyms are made with a key of this gateway's own: nothing
    it records outlives it."""
    store = MemoryStore(MemoryDatabase(), GatewayState(), memory_ports)
    key = settings.audit_key.encode("utf-8") if settings.audit_key else secrets.token_bytes(32)
    return _gateway(settings, clock, store, store.queries(), AuditTrail(NAME, key, clock), decoder), store


def _gateway(settings: GatewaySettings, clock: Clock, store: Store[GatewayPorts], queries: GatewayPorts,
             trail: AuditTrail, decoder: Callable[[bytes | BinaryIO], object] | None = None) -> Gateway:
    commands = CommandHandler(store, registry(), project, events_topic(NAME), clock, trail.sink)
    return Gateway(store, queries, commands, clock, events_topic(NAME),
                   decoder or partial(decode, schema_dir=settings.ijw_schema_dir, max_bytes=settings.max_message_bytes),
                   settings.max_message_bytes,
                   SessionSigner(settings.session_secret), timedelta(minutes=settings.session_idle_minutes),
                   timedelta(hours=settings.session_max_hours), PasswordHasher(), trail)

