"""deploy/compose.yaml stays valid, and its processes run on loopback through deploy/local."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from services.catalog import SERVICES
from services.web.config import WebSettings

ROOT = Path(__file__).resolve().parents[2]
COMPOSE = yaml.safe_load((ROOT / "deploy" / "compose.yaml").read_text())


@pytest.mark.parametrize("name", list(SERVICES))
def test_compose_runs_each_service_with_variables_its_settings_know(name: str) -> None:
    service = COMPOSE["services"][name]
    settings = SERVICES[name].settings
    prefix = settings.model_config["env_prefix"]
    assert service["command"][:2] == ["serve", name]
    unknown = [v for v in service["environment"] if v.removeprefix(prefix).lower() not in settings.model_fields]
    assert not unknown and all(v.startswith(prefix) for v in service["environment"])
    assert service["environment"][f"{prefix}BUS"] == "kafka"
    # one session secret for all, so a sign-in at one service holds at every other
    assert service["environment"][f"{prefix}SESSION_SECRET"].startswith("${HAPPYFLOW_SESSION_SECRET:?")
    # one audit key for all, so a search by BSN finds every service's entries for that client
    assert service["environment"][f"{prefix}AUDIT_KEY"].startswith("${HAPPYFLOW_AUDIT_KEY:?")


def test_compose_runs_the_workbench_against_every_service_by_name() -> None:
    web = COMPOSE["services"]["web"]
    assert web["command"][:2] == ["serve", "web"]
    assert all(v.startswith("HAPPYFLOW_WEB_") and v.removeprefix("HAPPYFLOW_WEB_").lower() in WebSettings.model_fields
               for v in web["environment"])
    for name in SERVICES:  # each URL names the service's host and the port it listens on
        port = COMPOSE["services"][name]["ports"][0].split(":")[0]
        assert web["environment"][f"HAPPYFLOW_WEB_{name.upper()}_URL"] == f"http://{name}:{port}"


def test_compose_migrates_every_service_database() -> None:
    migrate = COMPOSE["services"]["migrate"]
    assert migrate["command"] == ["migrate"]
    assert {f"HAPPYFLOW_{n.upper()}_DATABASE_URL" for n in SERVICES} == set(migrate["environment"])


@pytest.mark.postgres
@pytest.mark.kafka
def test_deploy_local_brings_every_service_up_on_postgresql_and_kafka(postgres_cluster, kafka_bootstrap) -> None:
    # The fixtures only prove the binaries exist (and fail under CI when they do not);
    # up.py starts its own cluster and broker, as an operator would.
    done = subprocess.run([sys.executable, str(ROOT / "deploy/local/up.py"), "--check", "--free-ports"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-3000:]
    healthy = [line for line in done.stdout.splitlines() if "'status': 'ok', 'database': 'postgresql'" in line]
    assert [line.split()[0] for line in healthy] == list(SERVICES)
    [web] = [line for line in done.stdout.splitlines() if line.startswith("web ")]
    assert all(f"'{name}': 'ok'" in web for name in SERVICES), web  # the workbench reaches every API
    [logs] = [line.removeprefix("logs in ") for line in done.stdout.splitlines() if line.startswith("logs in ")]
    assert not Path(logs).exists()  # a check leaves no cluster, broker or log folder behind
