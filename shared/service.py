"""What every service's composition root builds: its database, relay and subscriptions.

The concrete adapters are named in each service's `bootstrap.py`; this module only holds the
shape they share, so the runtime can start any set of services the same way.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from shared.bus.port import Handler
from shared.clock import Clock
from shared.events.registry import EventRegistry
from shared.persistence.relay import OutboxRelay
from shared.persistence.sql import SqlDatabase
from shared.settings import ServiceSettings


def events_topic(service: str) -> str:
    """One topic per producing service, keyed by stream id (design.md §3.2)."""
    return f"happyflow.{service}.events"


@dataclass(frozen=True)
class Subscription:
    group: str
    topics: Sequence[str]
    handler: Handler


@dataclass(frozen=True)
class Job:
    """Work the runtime repeats on a timer, such as the invoicing deadline margin."""

    name: str
    every_seconds: float
    run: Callable[[], Awaitable[int]]


@dataclass
class ServiceContainer:
    name: str
    settings: ServiceSettings
    db: SqlDatabase
    clock: Clock
    registry: EventRegistry
    relay: OutboxRelay
    subscriptions: list[Subscription] = field(default_factory=list)
    context: Any = None
    """The service's own collaborators, built by its bootstrap, for its routers."""
    jobs: list[Job] = field(default_factory=list)

    @property
    def topic(self) -> str:
        return events_topic(self.name)
