"""The embedded default and the distributed mode start and report their health over HTTP."""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
from collections.abc import Sequence
from pathlib import Path

import httpx
import pytest

from services import migrate
from services.catalog import SERVICES
from services.runtime import Runtime, create_app, embedded, embedded_settings
from shared.bus.local import LocalConsumer
from shared.bus.sqlite import SqliteBus
from shared.clock import SystemClock
from tests.support.regions import copy_loaded_region
from tests.support.server import serving

ROOT = Path(__file__).resolve().parents[2]
REGION_FILE = ROOT / "examples" / "regions" / "ijsselland.toml"
EXAMPLES = ROOT / "examples" / "demo"


async def test_embedded_runtime_answers_health_for_every_service(tmp_path: Path) -> None:
    for name, settings in embedded_settings(tmp_path).items():
        await asyncio.to_thread(migrate.upgrade, name, settings.database_url)
    runtime = embedded(tmp_path)
    app = create_app(runtime)
    await runtime.start()
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as client:
            overall = (await client.get("/health")).json()
            assert overall["status"] == "ok" and set(overall["services"]) == set(SERVICES)
            for name in SERVICES:
                one = await client.get(f"/{name}/health")
                assert one.status_code == 200 and one.json()["database"] == "sqlite"
    finally:
        await runtime.stop()


class JoinsWaitForTheTest(SqliteBus):
    """A bus whose consumer groups take as long to join as the test wants (Kafka takes seconds)."""

    def __init__(self, path: Path) -> None:
        super().__init__(path)
        self.joins_may_finish = asyncio.Event()

    def consumer(self, group: str, topics: Sequence[str]) -> LocalConsumer:
        consumer = super().consumer(group, topics)
        join = consumer.start

        async def slow_join() -> None:
            await self.joins_may_finish.wait()
            await join()

        consumer.start = slow_join  # type: ignore[method-assign]
        return consumer


async def test_the_app_serves_and_the_gateway_accepts_while_consumers_still_join(tmp_path: Path) -> None:
    await copy_loaded_region(tmp_path, REGION_FILE)
    bus = JoinsWaitForTheTest(tmp_path / "bus.db")
    runtime = Runtime([SERVICES[n].container(s, bus, SystemClock()) for n, s in embedded_settings(tmp_path).items()],
                      bus)
    await runtime.start()  # returns although no consumer has joined
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=create_app(runtime)), base_url="http://t") as client:
            assert (await client.get("/health")).json()["status"] == "ok"
            waiting = await client.get("/ready")
            assert waiting.status_code == 503 and not any(g["joined"] for g in waiting.json()["consumers"].values())
            posted = await client.post("/gateway/v1/messages", content=(EXAMPLES / "JW301.xml").read_bytes(),
                                       headers={"Authorization": "Bearer demo-gemeente-0193"})
            assert posted.status_code == 202
            bus.joins_may_finish.set()
            deadline = asyncio.get_running_loop().time() + 30
            while (await client.get("/ready")).status_code != 200:
                assert asyncio.get_running_loop().time() < deadline, "consumers did not join within 30 s"
                await asyncio.sleep(0.05)
    finally:
        await runtime.stop()


def test_happyflow_serve_migrates_and_serves_all_services_on_a_fresh_folder(tmp_path: Path) -> None:
    with serving([], cwd=tmp_path) as base:
        health = httpx.get(f"{base}/health").json()
        assert health["status"] == "ok" and set(health["services"]) == set(SERVICES)
        assert httpx.get(f"{base}/payments/health").json()["service"] == "payments"
        second = subprocess.run([sys.executable, "-m", "services", "serve", "--port", "1"], cwd=tmp_path,
                                capture_output=True, text=True, timeout=60)
        assert second.returncode == 2 and "in use by another process" in second.stderr  # one per folder
    assert (tmp_path / "var" / "invoicing.db").exists()


@pytest.mark.kafka
@pytest.mark.postgres
def test_one_service_runs_alone_on_postgresql_and_kafka(tmp_path: Path, postgres_url: str, kafka_bootstrap: str) -> None:
    env = {
        "HAPPYFLOW_INVOICING_DATABASE_URL": postgres_url,
        "HAPPYFLOW_INVOICING_BUS": "kafka",
        "HAPPYFLOW_INVOICING_KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap,
        "HAPPYFLOW_INVOICING_KAFKA_IDEMPOTENCE": "false",  # the test broker lacks the idempotent producer
        "HAPPYFLOW_INVOICING_AUDIT_KEY": "the-region-audit-key-of-this-test-0123456789",
    }
    migrate.upgrade("invoicing", postgres_url)
    with serving(["invoicing"], cwd=tmp_path, env=env) as base:
        health = httpx.get(f"{base}/health").json()
        assert health == {"status": "ok", "services": {"invoicing": {"status": "ok", "database": "postgresql"}}}


def test_a_bad_setting_stops_the_service_naming_the_variable(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "services", "serve", "gateway"], cwd=tmp_path, capture_output=True,
                          text=True, env={"HAPPYFLOW_GATEWAY_BUS": "carrier-pigeon", "PATH": "/usr/bin:/bin"},
                          timeout=60)
    assert done.returncode == 2 and "HAPPYFLOW_GATEWAY_BUS" in done.stderr


def test_on_postgresql_a_service_without_the_audit_key_stops_naming_it(tmp_path: Path) -> None:
    env = {**os.environ, "HAPPYFLOW_PAYMENTS_DATABASE_URL": "postgresql+asyncpg://nobody@127.0.0.1:9/payments"}
    done = subprocess.run([sys.executable, "-m", "services", "serve", "payments"], cwd=tmp_path, capture_output=True,
                          text=True, env=env, timeout=60)
    assert done.returncode == 2 and "HAPPYFLOW_PAYMENTS_AUDIT_KEY: required with this database" in done.stderr
