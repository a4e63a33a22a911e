"""Runs a set of services in one process: their relays, their consumers and one HTTP app.

The embedded default runs all four on SQLite files under ./var/ with the durable in-process bus
(var/bus.db); the distributed mode runs one service per process on PostgreSQL and Kafka. Same
code path: only the settings differ (design.md §3.1).
"""

from __future__ import annotations

import asyncio
import os
import secrets
from collections.abc import AsyncIterator, Mapping, Sequence
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import structlog
from fastapi import FastAPI, HTTPException
from fastapi.responses import JSONResponse

from services.catalog import SERVICES
from services.membership import Member
from services.web.app import create_web_app
from services.web.config import WebSettings
from shared.bus.kafka import KafkaBus, KafkaSettings
from shared.bus.memory import InMemoryBus
from shared.bus.port import Bus, Progress
from shared.bus.sqlite import SqliteBus
from shared.bus.worker import ConsumerWorker
from shared.audit_key import key_in
from shared.clock import Clock, SystemClock
from shared.collector import pace_for_batches
from shared.http import service_app
from shared.ijw.releases import RELEASES
from shared.ijw.schemas import compile_schemas
from shared.service import Job, ServiceContainer
from shared.settings import ServiceSettings, load_settings

log = structlog.get_logger(__name__)


def build_bus(settings: ServiceSettings, client_id: str) -> Bus:
    if settings.bus == "memory":
        return InMemoryBus()
    return KafkaBus(KafkaSettings(
        bootstrap_servers=settings.kafka_bootstrap_servers,
        client_id=client_id,
        enable_idempotence=settings.kafka_idempotence,
        session_timeout_ms=settings.kafka_session_timeout_ms,
        heartbeat_interval_ms=min(3_000, settings.kafka_session_timeout_ms // 3),
    ))


class Runtime:
    def __init__(self, containers: Sequence[ServiceContainer], bus: Bus, rejoin_seconds: float = 1.0) -> None:
        self.containers = list(containers)
        self.bus = bus
        self.members = [Member(bus, s) for c in self.containers for s in c.subscriptions]
        self._rejoin_seconds = rejoin_seconds
        self._stop = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self._bus_started = False

    def container(self, name: str) -> ServiceContainer:
        return next(c for c in self.containers if c.name == name)

    @property
    def workers(self) -> list[ConsumerWorker]:
        return [m.worker for m in self.members if m.worker is not None]

    async def open(self) -> None:
        """Start the bus and join every consumer group; nothing runs in the background yet,
        so tests can drive `workers` and the relays deterministically."""
        await self._start_bus()
        for member in self.members:
            await member.join()

    async def start(self) -> None:
        """Run relays, jobs and consumers in the background and return at once: the app serves,
        and the gateway accepts messages into its outbox, while consumers still join their groups
        (with Kafka a join takes seconds, longer after a member died without leaving)."""
        await self._start_bus()
        self._stop.clear()
        for container in self.containers:
            self._tasks.append(asyncio.create_task(container.relay.run_forever(self._stop)))
            self._tasks.extend(asyncio.create_task(self._repeat(job)) for job in container.jobs)
        for member in self.members:
            self._tasks.append(asyncio.create_task(member.run(self._stop, self._rejoin_seconds)))

    async def stop(self, grace_seconds: float = 10.0) -> None:
        self._stop.set()
        if self._tasks:  # a join in progress does not look at the stop event: cancel what lingers
            _, lingering = await asyncio.wait(self._tasks, timeout=grace_seconds)
            for task in lingering:
                task.cancel()
            await asyncio.gather(*self._tasks, return_exceptions=True)
        self._tasks.clear()
        for member in self.members:
            await member.leave()
        if self._bus_started:
            self._bus_started = False
            await self.bus.stop()
        for container in self.containers:
            try:
                await container.relay.release()
            except Exception:  # the database is away: the lease expires by itself
                log.warning("relay lease not released", relay=container.relay.name)
            await container.db.close()

    async def readiness(self) -> dict[str, Any]:
        """Ready once every consumer joined its group; with what each group and each outbox still
        owes. The consumers are read before the outboxes, and with the in-process buses all at one
        moment: two readings with nothing owed and the same `end`s mean the system is at rest."""
        consumers = {m.group: _group_report(m.joined, await m.progress()) for m in self.members}
        outbox = {c.name: await c.db.outbox_backlog() for c in self.containers}
        ready = all(c["joined"] for c in consumers.values())
        return {"ready": ready, "consumers": consumers, "outbox": outbox}

    def _compile_schemas(self) -> None:
        """Every XSD a service may read or write, compiled before any consumer or request runs
        (shared/ijw/schemas.py: libxml2 must not compile while other threads validate)."""
        configured = [getattr(c.settings, "ijw_schema_dir", None) for c in self.containers]
        compile_schemas(*(r.schema_dir for r in RELEASES), *(d for d in configured if d is not None))

    async def _start_bus(self) -> None:
        pace_for_batches()
        self._compile_schemas()
        if not self._bus_started:
            await self.bus.start()
            self._bus_started = True

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


def _group_report(joined: bool, progress: Progress | None) -> dict[str, Any]:
    if progress is None:
        return {"joined": joined, "lag": None, "end": None}
    return {"joined": joined, "lag": progress.lag, "end": progress.end}


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

    @app.get("/ready", tags=["health"], summary="Whether every consumer joined its group, and the backlog")
    async def ready() -> JSONResponse:
        report = await runtime.readiness()
        return JSONResponse(report, 200 if report["ready"] else 503)

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


def embedded_settings(var_dir: Path, databases: Mapping[str, str] | None = None) -> dict[str, ServiceSettings]:
    """All four services on SQLite files in `var_dir` (the environment may still override), but
    those `databases` gives another database URL (a test of a service on PostgreSQL)."""
    shared_secret = os.environ.get("HAPPYFLOW_SESSION_SECRET") or secrets.token_urlsafe(48)
    audit_key = os.environ.get("HAPPYFLOW_AUDIT_KEY") or key_in(var_dir)  # one region key for all four
    settings = {}
    for name, spec in SERVICES.items():
        url = (databases or {}).get(name) or f"sqlite+aiosqlite:///{var_dir / (name + '.db')}"
        overrides: dict[str, object] = {"database_url": url, "audit_key": audit_key}
        if "session_secret" in spec.settings.model_fields:
            overrides["session_secret"] = shared_secret  # a sign-in at one service holds at all
        settings[name] = load_settings(spec.settings, **overrides)
    return settings


BUS_FILE = "bus.db"


def embedded(var_dir: Path, clock: Clock | None = None, databases: Mapping[str, str] | None = None) -> Runtime:
    """All four services in one process on `var_dir`, with the durable bus in the same folder."""
    bus = SqliteBus(var_dir / BUS_FILE)
    clock = clock or SystemClock()
    settings = embedded_settings(var_dir, databases)
    return Runtime([SERVICES[n].container(s, bus, clock) for n, s in settings.items()], bus)


def single(service: str, clock: Clock | None = None) -> Runtime:
    spec = SERVICES[service]
    settings = load_settings(spec.settings)
    bus = build_bus(settings, client_id=f"happyflow-{service}")
    return Runtime([spec.container(settings, bus, clock or SystemClock())], bus)
