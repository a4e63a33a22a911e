"""The distributed deployment the benchmarks send to: deploy/local's processes (a throwaway
PostgreSQL cluster with fsync on, the tansu broker, one process per service) on free loopback
ports, with the benchmark's parties and allocations in place, and the clock of the answers.

Each JW323 is posted over HTTP as a provider would; a JW325 is done when the gateway has put it in
the provider's mailbox, and the time of the last one is the mailbox row's own creation time, so
polling for it adds nothing to the figure.

A service answers /health before its consumers have joined their groups, which takes tansu
another 5 s a group. A bench that posted at once measured the joins along with the intake (a
10,000-line JW323 took 6.4 s, of which 4.2 s was the routed message waiting for invoicing's
join), so the benches first send a one-line JW323 of a provider of its own through the whole
path (`warm_up`) and start their clock after its JW325. (Waiting for every /ready instead cost
30-40 s: the first report of a joined group asks tansu for its offsets, 5-12 s a service.)
"""

from __future__ import annotations

import asyncio
import os
import shutil
import time
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx
import sqlalchemy as sa

from services.bench.answers import verdicts
from services.bench.workload import Declaration, allocate, register_parties, single, token_of
from services.catalog import SERVICES
from services.gateway.adapters.tables import mailbox
from shared.bus.memory import InMemoryBus
from shared.clock import SystemClock
from shared.devtools.local_deployment import APPS, LocalDeployment
from shared.ijw import decode
from shared.service import ServiceContainer
from shared.settings import load_settings


@dataclass(frozen=True)
class Sent:
    started: datetime
    receipts: float
    """Seconds from the first POST to the last 202."""
    ids: dict[str, str]
    """Message id → the declaration's identification."""


class Deployed:
    """`with Deployed(invoicing=2) as d:` runs the four services (and a second invoicing process)."""

    def __init__(self, invoicing: int = 1, env: dict[str, str] | None = None) -> None:
        self.local = LocalDeployment(free_ports=True, durable=True, env=env)
        self.invoicing = [f"invoicing-{n}" for n in range(2, invoicing + 1)]

    def __enter__(self) -> Deployed:
        try:
            self.local.start(services=APPS)
            for replica in self.invoicing:
                self.local.start_replica("invoicing", replica)
            for name in (*APPS, *self.invoicing):
                if not self.local.wait_healthy(name, within=120):
                    raise RuntimeError(f"{name} exited:\n{self.local.log_tail(name)}")
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *_: object) -> None:
        self.local.stop()
        if self.local.logs is not None:
            shutil.rmtree(self.local.logs, ignore_errors=True)

    def cpu_seconds(self) -> dict[str, float]:
        """Each service process's CPU time so far (user + system, all threads); empty where the
        system has no /proc to read it from."""
        found: dict[str, float] = {}
        for name in (*APPS, *self.invoicing):
            try:
                fields = Path(f"/proc/{self.local.processes[name].pid}/stat").read_text().rsplit(")", 1)[1].split()
            except (KeyError, OSError):
                continue
            found[name] = (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        return found

    @property
    def gateway(self) -> str:
        return self.local.url("gateway")

    def container(self, name: str) -> ServiceContainer:
        """The service's container in this process, on its database (nothing consumed or relayed)."""
        env = self.local.environment(name)
        spec = SERVICES[name]
        overrides: dict[str, object] = {"database_url": env[f"HAPPYFLOW_{name.upper()}_DATABASE_URL"],
                                        "audit_key": self.local.audit_key}
        if "session_secret" in spec.settings.model_fields:
            overrides["session_secret"] = self.local.session_secret
        return spec.container(load_settings(spec.settings, **overrides), InMemoryBus(), SystemClock())


async def prepare(deployed: Deployed, declarations: Sequence[Declaration]) -> None:
    gateway, invoicing = deployed.container("gateway"), deployed.container("invoicing")
    try:
        await register_parties(gateway.context, declarations)
        await allocate(invoicing.db, declarations)
    finally:
        await gateway.db.close()
        await invoicing.db.close()


WARM_UP_PROVIDER = "42439999"  # outside provider_codes (4242nnnn)
WARM_UP_ALLOCATION = 999_999_001  # above any plan's numbers; the largest ToewijzingNummer is 999,999,999


async def warm_up(deployed: Deployed, folder: Path) -> float:
    """Seconds until a one-line JW323 of the warm-up provider was answered: every consumer on the
    way has joined its group by then. Its own provider and allocation keep it out of the history
    and ceilings of the declarations measured after it."""
    work = single(1, provider=WARM_UP_PROVIDER, first=WARM_UP_ALLOCATION, prefix="W")
    started = time.perf_counter()
    await prepare(deployed, work)
    await last_answer(deployed, await send(deployed, work, folder), within=180)
    return time.perf_counter() - started


async def send(deployed: Deployed, declarations: Sequence[Declaration], folder: Path, in_flight: int = 4) -> Sent:
    """Post every declaration (at most `in_flight` at once, each after the ones before it started)."""
    files = [d.write(folder / f"{d.ident}.xml") for d in declarations]
    ids: dict[str, str] = {}
    slots = asyncio.Semaphore(in_flight)
    async with httpx.AsyncClient(base_url=deployed.gateway, timeout=600) as client:
        async def post(declaration: Declaration, path: Path) -> None:
            try:
                answer = await client.post("/gateway/v1/messages", content=path.read_bytes(), headers={
                    "Authorization": f"Bearer {token_of(declaration.provider)}", "Content-Type": "application/xml"})
                if answer.status_code != 202:
                    raise RuntimeError(f"{declaration.ident} refused: {answer.status_code} {answer.text[:500]}")
                ids[answer.json()["message_id"]] = declaration.ident
            finally:
                slots.release()

        started, clock = datetime.now(UTC), time.perf_counter()
        tasks = []
        for declaration, path in zip(declarations, files, strict=True):
            await slots.acquire()
            tasks.append(asyncio.create_task(post(declaration, path)))
        await asyncio.gather(*tasks)
        return Sent(started, time.perf_counter() - clock, ids)


async def last_answer(deployed: Deployed, sent: Sent, within: float, progress=None) -> datetime:  # type: ignore[no-untyped-def]
    """When the JW325 of the last of `sent` reached its mailbox; fails after `within` seconds without it."""
    gateway = deployed.container("gateway")
    count = len(sent.ids)
    query = sa.select(sa.func.count(), sa.func.max(mailbox.c.created_at)).where(
        mailbox.c.message_code == "325", mailbox.c.in_reply_to.in_(list(sent.ids)))
    deadline = time.monotonic() + within
    try:
        while True:
            async with gateway.db.engines.read.connect() as conn:
                done, last = (await conn.execute(query)).one()
            if progress is not None:
                progress(done)
            if done >= count:
                return last if last.tzinfo else last.replace(tzinfo=UTC)
            if time.monotonic() > deadline:
                raise RuntimeError(f"{done} of {count} JW325s within {within:.0f} s")
            await asyncio.sleep(0.2)
    finally:
        await gateway.db.close()


async def answers(deployed: Deployed, declarations: Sequence[Declaration], sent: Sent) -> dict[str, dict[str, Any]]:
    """Every JW325 decoded, by the identification of the declaration it answers."""
    found: dict[str, dict[str, Any]] = {}
    async with httpx.AsyncClient(base_url=deployed.gateway, timeout=120) as client:
        for provider in sorted({d.provider for d in declarations}):
            headers = {"Authorization": f"Bearer {token_of(provider)}"}
            for item in (await client.get("/gateway/v1/mailbox", headers=headers)).json():
                if item["message_code"] == "JW325" and item["in_reply_to"] in sent.ids:
                    xml = (await client.get(f"/gateway/v1/mailbox/{item['message_id']}", headers=headers)).content
                    found[sent.ids[item["in_reply_to"]]] = verdicts(decode(xml))
    return found
