"""The embedded default and the distributed mode start and report their health over HTTP."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

from services import migrate
from services.catalog import SERVICES
from services.runtime import create_app, embedded, embedded_settings
from tests.support.server import serving


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


def test_happyflow_serve_migrates_and_serves_all_services_on_a_fresh_folder(tmp_path: Path) -> None:
    with serving([], cwd=tmp_path) as base:
        health = httpx.get(f"{base}/health").json()
        assert health["status"] == "ok" and set(health["services"]) == set(SERVICES)
        assert httpx.get(f"{base}/payments/health").json()["service"] == "payments"
    assert (tmp_path / "var" / "invoicing.db").exists()


@pytest.mark.kafka
@pytest.mark.postgres
def test_one_service_runs_alone_on_postgresql_and_kafka(tmp_path: Path, postgres_url: str, kafka_bootstrap: str) -> None:
    env = {
        "HAPPYFLOW_INVOICING_DATABASE_URL": postgres_url,
        "HAPPYFLOW_INVOICING_BUS": "kafka",
        "HAPPYFLOW_INVOICING_KAFKA_BOOTSTRAP_SERVERS": kafka_bootstrap,
        "HAPPYFLOW_INVOICING_KAFKA_IDEMPOTENCE": "false",  # the test broker lacks the idempotent producer
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
