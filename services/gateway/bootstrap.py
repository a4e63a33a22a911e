"""Composition root of the gateway service: the only module that names its concrete adapters."""

from collections.abc import Callable
from datetime import timedelta
from functools import partial

from services.gateway.adapters import tables
from services.gateway.adapters.memory import memory_ports
from services.gateway.adapters.memory.state import GatewayState
from services.gateway.adapters.projections import project
from services.gateway.adapters.sql import sql_ports
from services.gateway.config import GatewaySettings
from services.gateway.context import Gateway
from services.gateway.domain.events import registry
from services.gateway.handlers.exchange import EXCHANGE, exchange_consumer
from services.gateway.ports import GatewayPorts
from shared.auth.secrets import PasswordHasher
from shared.auth.sessions import SessionSigner
from shared.bus.port import Bus
from shared.clock import Clock
from shared.commands import CommandHandler
from shared.ijw import decode
from shared.persistence.engines import create_engines
from shared.persistence.inbox import idempotent_handler
from shared.persistence.memory import MemoryDatabase
from shared.persistence.memory_work import MemoryStore
from shared.persistence.ports import Store, Work
from shared.persistence.relay import OutboxRelay
from shared.persistence.sql import SqlDatabase
from shared.persistence.sql_work import SqlStore
from shared.service import ServiceContainer, Subscription, events_topic

NAME = "gateway"
ANSWERING_SERVICES = ("allocation", "invoicing")


def build(settings: GatewaySettings, bus: Bus, clock: Clock) -> ServiceContainer:
    db = SqlDatabase(create_engines(settings.database_url), tables.kernel, clock.now)
    gateway = _gateway(settings, clock, SqlStore(db, sql_ports), sql_ports(db.engines.read))
    subscriptions = [Subscription("gateway.exchange", [events_topic(s) for s in ANSWERING_SERVICES],
                                  idempotent_handler(gateway.store, "gateway.exchange", EXCHANGE,  # type: ignore[arg-type]
                                                     exchange_consumer(gateway)))]
    relay = OutboxRelay(db, bus, clock, name=NAME)
    return ServiceContainer(NAME, settings, db, clock, registry(), relay, subscriptions, gateway)


def build_in_memory(settings: GatewaySettings, clock: Clock,
                    decoder: Callable[[bytes], object] | None = None) -> tuple[Gateway, MemoryStore]:  # type: ignore[type-arg]
    """The gateway's handlers on its in-memory adapters (tests that do not test SQL)."""
    store = MemoryStore(MemoryDatabase(), GatewayState(), memory_ports)
    return _gateway(settings, clock, store, store.queries(), decoder), store


def _gateway(settings: GatewaySettings, clock: Clock, store: Store[GatewayPorts], queries: GatewayPorts,
             decoder: Callable[[bytes], object] | None = None) -> Gateway:
    commands = CommandHandler(store, registry(), project, events_topic(NAME), clock, _audit)
    return Gateway(store, queries, commands, clock, events_topic(NAME),
                   decoder or partial(decode, schema_dir=settings.ijw_schema_dir), settings.max_message_bytes,
                   SessionSigner(settings.session_secret), timedelta(minutes=settings.session_idle_minutes),
                   timedelta(hours=settings.session_max_hours), PasswordHasher())


async def _audit(work: Work[GatewayPorts], entry: object, at) -> None:  # type: ignore[no-untyped-def]
    await work.ports.audit.record(entry, at)
