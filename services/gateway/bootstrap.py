"""Composition root of the gateway service: the only module that names its concrete adapters."""

from datetime import timedelta
from functools import partial

from services.gateway.adapters import tables
from services.gateway.config import GatewaySettings
from services.gateway.context import Gateway
from services.gateway.domain.events import TYPES
from services.gateway.handlers.exchange import exchange_consumer
from shared.auth.secrets import PasswordHasher
from shared.auth.sessions import SessionSigner
from shared.bus.port import Bus
from shared.clock import Clock
from shared.events.registry import EventRegistry
from shared.exchange import contract
from shared.ijw import decode
from shared.persistence.engines import create_engines
from shared.persistence.inbox import idempotent_handler
from shared.persistence.relay import OutboxRelay
from shared.persistence.sql import SqlDatabase
from shared.service import ServiceContainer, Subscription, events_topic

NAME = "gateway"
ANSWERING_SERVICES = ("allocation", "invoicing")


def build(settings: GatewaySettings, bus: Bus, clock: Clock) -> ServiceContainer:
    db = SqlDatabase(create_engines(settings.database_url), tables.kernel, clock.now)
    gateway = Gateway(db, clock, events_topic(NAME), partial(decode, schema_dir=settings.ijw_schema_dir),
                      settings.max_message_bytes, SessionSigner(settings.session_secret),
                      timedelta(minutes=settings.session_idle_minutes), timedelta(hours=settings.session_max_hours),
                      PasswordHasher())
    exchange = EventRegistry(contract.TYPES)
    subscriptions = [Subscription("gateway.exchange", [events_topic(s) for s in ANSWERING_SERVICES],
                                  idempotent_handler(db, "gateway.exchange", exchange, exchange_consumer(gateway)))]
    relay = OutboxRelay(db, bus, clock, name=NAME)
    return ServiceContainer(NAME, settings, db, clock, EventRegistry(TYPES), relay, subscriptions, gateway)
