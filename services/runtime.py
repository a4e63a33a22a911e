"""Runs a set of services in one process: their relays, their consumers and one HTTP app.

The embedded default runs all four on SQLite files under ./var/ with the in-process bus; the
distributed mode runs one service per process on PostgreSQL and Kafka. Same code path: only
the settings differ (design.md §3.1).
"""

from __future__ import annotations

import asyncio
import os
import secrets
from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from pathlib import Path

import httpx
import structlog
from fastapi import FastAPI, HTTPException

from services.catalog import SERVICES
from services.web.app import create_web_app
from services.web.config import WebSettings
from shared.bus.kafka import KafkaBus, KafkaSettings
from shared.bus.memory import InMemoryBus
from shared.bus.port import Bus, Consumer
from shared.bus.worker import ConsumerWorker
from shared.clock import Clock, SystemClock
from shared.http import service_app
from shared.persistence.inbox import IdempotentHandler
from shared.service import Job, ServiceContainer, Subscription
from shared.settings import ServiceSettings, load_settings

log = structlog.get_logger(__name__)


def build_bus(settings: ServiceSettings, client_id: str) -> Bus:
    if settings.bus == "memory":
        return InMemoryBus()
    return KafkaBus(KafkaSettings(
        bootstrap_servers=settings.kafka_bootstrap_servers,
        client_id=client_id,
        enable_idempotence=settings.kafka_idempotence,
    ))


class Runtime:
    def __init__(self, containers: Sequence[ServiceContainer], bus: Bus, rejoin_seconds: float = 1.0) -> None:
        self.containers = list(containers)
        self.bus = bus
        self.workers: list[ConsumerWorker] = []
        self._members: list[tuple[Subscription, Consumer]] = []
        self._rejoin_seconds = rejoin_seconds
        self._stop = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self._opened = False

    def container(self, name: str) -> ServiceContainer:
        return next(c for c in self.containers if c.name == name)

    async def open(self) -> None:
        """Start the bus and join every consumer group; nothing runs in the background yet,
        so tests can drive `workers` and the relays deterministically."""
        if self._opened:
            return
        self._opened = True
        await self.bus.start()
        for container in self.containers:
            for subscription in container.subscriptions:
                consumer, worker = await self._join(subscription)
                self._members.append((subscription, consumer))
                self.workers.append(worker)

    async def start(self) -> None:
        await self.open()
        self._stop.clear()
        for container in self.containers:
            self._tasks.append(asyncio.create_task(container.relay.run_forever(self._stop)))
        for index, worker in enumerate(self.workers):
            self._tasks.append(asyncio.create_task(self._supervise(index, worker)))
        for container in self.containers:
            self._tasks.extend(asyncio.create_task(self._repeat(job)) for job in container.jobs)

    async def stop(self) -> None:
        self._stop.set()
        await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks.clear()
        for _, consumer in self._members:
            await consumer.stop()
        self._members.clear()
        self.workers.clear()
        self._opened = False
        await self.bus.stop()
        for container in self.containers:
            try:
                await container.relay.release()
            except Exception:  # the database is away: the lease expires by itself
                log.warning("relay lease not released", relay=container.relay.name)
            await container.db.close()

    async def _join(self, subscription: Subscription) -> tuple[Consumer, ConsumerWorker]:
        consumer = self.bus.consumer(subscription.group, subscription.topics)
        await consumer.start()
        handler = subscription.handler
        batch = handler.batch if isinstance(handler, IdempotentHandler) else None
        return consumer, ConsumerWorker(self.bus, consumer, handler, batch_handler=batch)

    async def _repeat(self, job: Job) -> None:
        while not self._stop.is_set():
            try:
                await job.run()
            except Exception:
                log.exception("job failed; it runs again at its next turn", job=job.name)
            try:
                await asyncio.wait_for(self._stop.wait(), job.every_seconds)
            except TimeoutError:
                pass

    async def _supervise(self, index: int, worker: ConsumerWorker) -> None:
        """A worker that fails (say, the dead-letter publish failed) must not be polled again:
        leave the group, wait, and join afresh from the last committed offset."""
        while not self._stop.is_set():
            try:
                await worker.run_forever(self._stop)
            except Exception:
                subscription, consumer = self._members[index]
                log.exception("consumer failed; rejoining", group=subscription.group)
                await consumer.stop()
                try:
                    await asyncio.wait_for(self._stop.wait(), self._rejoin_seconds)
                except TimeoutError:
                    pass
                if self._stop.is_set():
                    return
                consumer, worker = await self._join(subscription)
                self._members[index] = (subscription, consumer)


def create_app(runtime: Runtime, manage_runtime: bool = True) -> FastAPI:
    """`manage_runtime=False` leaves starting and stopping the runtime to the caller (the demo)."""

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        if not manage_runtime:
            yield
            return
        await runtime.start()
        try:
            yield
        finally:
            await runtime.stop()

    routers = [r for c in runtime.containers for r in SERVICES[c.name].routers(c)]
    app = service_app(runtime.containers, routers, lifespan)
    if {c.name for c in runtime.containers} == set(SERVICES):
        # The embedded default: the workbench at /, after every service route, calling the
        # services in this same app without a socket. An unknown path under a service's prefix
        # stays the API's 404 (a problem document), not the workbench's page.
        for prefix in ("auth", *SERVICES):
            app.add_api_route(f"/{prefix}/{{rest:path}}", _no_such_route, include_in_schema=False,
                              methods=["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE"])
        app.mount("/", create_web_app(load_settings(WebSettings), httpx.ASGITransport(app=app)))
    return app


async def _no_such_route() -> None:
    raise HTTPException(404, "no such path")


def embedded_settings(var_dir: Path) -> dict[str, ServiceSettings]:
    """All four services on SQLite files in `var_dir` (the environment may still override)."""
    shared_secret = os.environ.get("HAPPYFLOW_SESSION_SECRET") or secrets.token_urlsafe(48)
    settings = {}
    for name, spec in SERVICES.items():
        overrides: dict[str, object] = {"database_url": f"sqlite+aiosqlite:///{var_dir / (name + '.db')}"}
        if "session_secret" in spec.settings.model_fields:
            overrides["session_secret"] = shared_secret  # a sign-in at one service holds at all
        settings[name] = load_settings(spec.settings, **overrides)
    return settings


def embedded(var_dir: Path, clock: Clock | None = None) -> Runtime:
    bus = InMemoryBus()
    clock = clock or SystemClock()
    settings = embedded_settings(var_dir)
    return Runtime([SERVICES[n].container(s, bus, clock) for n, s in settings.items()], bus)


def single(service: str, clock: Clock | None = None) -> Runtime:
    spec = SERVICES[service]
    settings = load_settings(spec.settings)
    bus = build_bus(settings, client_id=f"happyflow-{service}")
    return Runtime([spec.container(settings, bus, clock or SystemClock())], bus)
