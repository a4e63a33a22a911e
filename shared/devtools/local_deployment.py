"""deploy/compose.yaml's processes on loopback, without a container engine (deploy/local/up.py,
and the crash tests, which kill and restart single services).

It reads the compose file, starts what the images would provide (a throwaway PostgreSQL cluster
with one database per service, and a Kafka-protocol broker), rewrites the `postgres` and `kafka`
host names in each service's variables to those loopback addresses, runs the `migrate` service,
then starts every application service with its compose command and variables. The workbench
(web) starts beside the four services and calls them over HTTP on loopback.
"""

from __future__ import annotations

import asyncio
import os
import secrets
import shutil
import subprocess
import sys
import time
from pathlib import Path

import asyncpg
import httpx
import yaml

from shared.devtools.ports import free_port
from shared.devtools.postgres_cluster import PostgresCluster
from shared.devtools.tansu import TansuBroker

ROOT = Path(__file__).resolve().parents[2]
APPS = ("gateway", "allocation", "invoicing", "payments")
SERVED = (*APPS, "web")
DATABASE_PREFIX = "postgresql+asyncpg://happyflow:happyflow@postgres/"


def compose() -> dict:
    return yaml.safe_load((ROOT / "deploy" / "compose.yaml").read_text())


class LocalDeployment:
    def __init__(self, free_ports: bool = False, durable: bool = True, env: dict[str, str] | None = None,
                 keep_logs: bool = False) -> None:
        """`env`: variables every service start gets on top of its compose variables. The services'
        logs are removed at `stop` unless `keep_logs` (an operator's deployment keeps them to read)."""
        self.spec = compose()["services"]
        self._env = env or {}
        self._free_ports = free_ports
        self._durable = durable
        self._keep_logs = keep_logs
        self.session_secret = secrets.token_urlsafe(48)  # what an operator sets as HAPPYFLOW_SESSION_SECRET
        self.audit_key = secrets.token_urlsafe(48)  # what an operator sets (and keeps) as HAPPYFLOW_AUDIT_KEY
        self.cluster: PostgresCluster | None = None
        self.broker: TansuBroker | None = None
        self.ports: dict[str, int] = {}
        self.replica_ports: dict[str, int] = {}
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self.logs: Path | None = None

    def start(self, env: dict[str, dict[str, str]] | None = None, services: tuple[str, ...] = SERVED) -> None:
        """Cluster, broker, databases, migrations, then `services` (`env`: extra variables per
        service, such as a crash plan). Returns once they run; see `wait_healthy`."""
        self.cluster = PostgresCluster.start(durable=self._durable)
        self.broker = TansuBroker.start()
        self.logs = self.cluster.base.parent / f"{self.cluster.base.name}-logs"
        self.logs.mkdir(exist_ok=True)
        asyncio.run(self._create_databases())
        migrate = self._happyflow(self.spec["migrate"]["command"], self.environment("migrate"), "migrate")
        if migrate.wait(timeout=180) != 0:
            raise RuntimeError(self.log_tail("migrate"))
        self.ports = {name: free_port() if self._free_ports else self.spec_port(name) for name in services}
        for name in services:
            self.start_service(name, (env or {}).get(name))

    def spec_port(self, service: str) -> int:
        return int(self.spec[service]["ports"][0].split(":")[0])

    def environment(self, service: str) -> dict[str, str]:
        """The compose variables with loopback addresses: the cluster, the broker, and each service
        (`http://gateway:8001` becomes the port the local gateway listens on)."""
        assert self.cluster is not None and self.broker is not None
        local = {}
        for name, value in self.spec[service]["environment"].items():
            value = str(value)
            for app, port in self.ports.items():
                value = value.replace(f"http://{app}:{self.spec_port(app)}", f"http://127.0.0.1:{port}")
            if value.startswith("${HAPPYFLOW_SESSION_SECRET"):
                value = self.session_secret
            if value.startswith("${HAPPYFLOW_AUDIT_KEY"):
                value = self.audit_key
            if value.startswith(DATABASE_PREFIX):
                value = self.cluster.url(value.removeprefix(DATABASE_PREFIX))
            local[name] = value.replace("kafka:9092", self.broker.bootstrap)
            if name.endswith("_KAFKA_BOOTSTRAP_SERVERS"):
                local[name.replace("_BOOTSTRAP_SERVERS", "_IDEMPOTENCE")] = "false"  # tansu lacks it
        if service in self.ports:
            local[f"HAPPYFLOW_{service.upper()}_PORT"] = str(self.ports[service])
        return local

    def start_service(self, name: str, env: dict[str, str] | None = None) -> None:
        command = [arg for arg in self.spec[name]["command"] if arg not in ("--host", "0.0.0.0")]
        self.processes[name] = self._happyflow(command, {**self.environment(name), **self._env, **(env or {})}, name)

    def start_replica(self, service: str, replica: str, env: dict[str, str] | None = None) -> None:
        """One more process of `service` named `replica`, on a port of its own: another member of
        the service's consumer groups on the same database."""
        command = [arg for arg in self.spec[service]["command"] if arg not in ("--host", "0.0.0.0")]
        self.replica_ports[replica] = free_port()
        local = {**self.environment(service), f"HAPPYFLOW_{service.upper()}_PORT": str(self.replica_ports[replica])}
        self.processes[replica] = self._happyflow(command, {**local, **self._env, **(env or {})}, replica)

    def url(self, name: str) -> str:
        return f"http://127.0.0.1:{self.ports.get(name) or self.replica_ports[name]}"

    def wait_healthy(self, name: str, within: float = 60.0) -> dict:
        """The service's health report, or {} when its process exited first."""
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            if self.processes[name].poll() is not None:
                return {}
            try:
                response = httpx.get(f"{self.url(name)}/health", timeout=1.0)
                if response.status_code == 200:
                    return response.json()
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise RuntimeError(f"{name}: no healthy answer at {self.url(name)} within {within}s\n"
                           f"{self.log_tail(name)}")

    def log_tail(self, name: str) -> str:
        log = self.logs / f"{name}.log" if self.logs is not None else None
        return log.read_text(errors="replace")[-3000:] if log is not None and log.exists() else ""

    def stop(self) -> None:
        for process in self.processes.values():
            process.terminate()
        for process in self.processes.values():
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                process.kill()
        if self.broker is not None:
            self.broker.stop()
        if self.cluster is not None:
            self.cluster.stop()
        if self.logs is not None and not self._keep_logs:
            shutil.rmtree(self.logs, ignore_errors=True)

    async def _create_databases(self) -> None:
        assert self.cluster is not None
        conn = await asyncpg.connect(host=self.cluster.host, port=self.cluster.port, user="postgres")
        try:
            for name in APPS:
                await conn.execute(f'CREATE DATABASE "{name}"')
        finally:
            await conn.close()

    def _happyflow(self, command: list[str], env: dict[str, str], log: str) -> subprocess.Popen[bytes]:
        assert self.logs is not None
        with (self.logs / f"{log}.log").open("ab") as out:
            return subprocess.Popen([sys.executable, "-m", "services", *command], cwd=ROOT, stdout=out,
                                    stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env={**os.environ, **env})
