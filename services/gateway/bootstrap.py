"""Composition root of the gateway service: the only module that names its concrete adapters."""

from datetime import timedelta
from functools import partial

from services.gateway.adapters import tables
from services.gateway.config import GatewaySettings
from services.gateway.context import Gateway
from services.gateway.domain.events import TYPES
from services.gateway.handlers.audit_trail import audit_consumer
from services.gateway.handlers.exchange import exchange_consumer
from shared.audit import AuditTrail, forward_legacy
from shared.audit_key import audit_key
from shared.auth.secrets import PasswordHasher
from shared.auth.sessions import SessionSigner
from shared.bus.port import Bus
from shared.clock import Clock
from shared.events.registry import EventRegistry
from shared.exchange import audit, contract
from shared.ijw import decode
from shared.persistence.engines import create_engines
from shared.persistence.inbox import idempotent_handler
from shared.persistence.relay import OutboxRelay
from shared.persistence.sql import SqlDatabase
from shared.service import Job, ServiceContainer, Subscription, events_topic

NAME = "gateway"
ANSWERING_SERVICES = ("allocation", "invoicing")


def build(settings: GatewaySettings, bus: Bus, clock: Clock) -> ServiceContainer:
    db = SqlDatabase(create_engines(settings.database_url), tables.kernel, clock.now)
    trail = AuditTrail(NAME, audit_key(settings), clock)
    gateway = Gateway(db, clock, events_topic(NAME), partial(decode, schema_dir=settings.ijw_schema_dir,
                                                            max_bytes=settings.max_message_bytes),
                      settings.max_message_bytes, SessionSigner(settings.session_secret),
                      timedelta(minutes=settings.session_idle_minutes), timedelta(hours=settings.session_max_hours),
                      PasswordHasher(), trail)
    exchange = EventRegistry(contract.TYPES)
    subscriptions = [
        Subscription("gateway.exchange", [events_topic(s) for s in ANSWERING_SERVICES],
                     idempotent_handler(db, "gateway.exchange", exchange, exchange_consumer(gateway))),
        # One consumer appends every service's entries to the one chain (shared/exchange/audit.py).
        Subscription("gateway.audit", [audit.AUDIT_TOPIC],
                     idempotent_handler(db, "gateway.audit", EventRegistry(audit.TYPES), audit_consumer())),
    ]
    relay = OutboxRelay(db, bus, clock, name=NAME)
    jobs = [Job("audit.legacy", 60.0, partial(forward_legacy, db, tables.kernel.audit_log, trail))]
    return ServiceContainer(NAME, settings, db, clock, EventRegistry(TYPES), relay, subscriptions, gateway, jobs)
