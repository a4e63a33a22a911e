"""Run deploy/compose.yaml's processes on loopback, without a container engine.

It reads the compose file, starts what the images would provide (a throwaway PostgreSQL cluster
with one database per service, and a Kafka-protocol broker), rewrites the `postgres` and `kafka`
host names in each service's variables to those loopback addresses, runs the `migrate` service,
then starts every application service with its compose command and variables.

    .venv/bin/python deploy/local/up.py           # serve until Ctrl-C
    .venv/bin/python deploy/local/up.py --check   # start, check every /health, stop (exit 0 = ok)

The workbench (web) starts beside the four services and calls them over HTTP on loopback.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import asyncpg
import httpx
import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from shared.devtools.ports import free_port  # noqa: E402
from shared.devtools.postgres_cluster import PostgresCluster  # noqa: E402
from shared.devtools.tansu import TansuBroker  # noqa: E402

APPS = ("gateway", "allocation", "invoicing", "payments")
DATABASE_PREFIX = "postgresql+asyncpg://happyflow:happyflow@postgres/"


def compose() -> dict:
    return yaml.safe_load((ROOT / "deploy" / "compose.yaml").read_text())


def spec_port(app: str) -> int:
    return int(compose()["services"][app]["ports"][0].split(":")[0])


SESSION_SECRET = secrets.token_urlsafe(48)  # what an operator sets as HAPPYFLOW_SESSION_SECRET


def local_environment(environment: dict[str, str], cluster: PostgresCluster, broker: TansuBroker,
                      ports: dict[str, int] | None = None) -> dict[str, str]:
    """The compose variables with loopback addresses: the cluster, the broker, and each service
    (`http://gateway:8001` becomes the port the local gateway listens on)."""
    local = {}
    for name, value in environment.items():
        value = str(value)
        for app, port in (ports or {}).items():
            value = value.replace(f"http://{app}:{spec_port(app)}", f"http://127.0.0.1:{port}")
        if value.startswith("${HAPPYFLOW_SESSION_SECRET"):
            value = SESSION_SECRET
        if value.startswith(DATABASE_PREFIX):
            value = cluster.url(value.removeprefix(DATABASE_PREFIX))
        local[name] = value.replace("kafka:9092", broker.bootstrap)
        if name.endswith("_KAFKA_BOOTSTRAP_SERVERS"):
            local[name.replace("_BOOTSTRAP_SERVERS", "_IDEMPOTENCE")] = "false"  # tansu lacks it
    return local


async def create_databases(cluster: PostgresCluster) -> None:
    conn = await asyncpg.connect(host=cluster.host, port=cluster.port, user="postgres")
    try:
        for name in APPS:
            await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()


def happyflow(command: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    with log.open("wb") as out:
        return subprocess.Popen([sys.executable, "-m", "services", *command], cwd=ROOT, stdout=out,
                                stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, env={**os.environ, **env})


def wait_healthy(port: int, within: float = 60.0) -> dict:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            response = httpx.get(f"http://127.0.0.1:{port}/health", timeout=1.0)
            if response.status_code == 200:
                return response.json()
        except httpx.TransportError:
            pass
        time.sleep(0.2)
    raise RuntimeError(f"no healthy answer on port {port} within {within}s")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="check every /health, then stop")
    parser.add_argument("--free-ports", action="store_true", help="any free ports instead of 8001-8004")
    args = parser.parse_args()
    spec = compose()["services"]
    cluster, broker = PostgresCluster.start(durable=True), TansuBroker.start()
    processes: list[subprocess.Popen[bytes]] = []
    logs = cluster.base.parent / f"{cluster.base.name}-logs"
    logs.mkdir(exist_ok=True)
    try:
        asyncio.run(create_databases(cluster))
        migrate = happyflow(spec["migrate"]["command"], local_environment(spec["migrate"]["environment"], cluster, broker),
                            logs / "migrate.log")
        if migrate.wait(timeout=120) != 0:
            print((logs / "migrate.log").read_text(), file=sys.stderr)
            return 1
        ports = [free_port() if args.free_ports else spec_port(name) for name in (*APPS, "web")]
        listening = dict(zip((*APPS, "web"), ports))
        for name, port in listening.items():
            command = [arg for arg in spec[name]["command"] if arg not in ("--host", "0.0.0.0")]
            env = local_environment(spec[name]["environment"], cluster, broker, listening)
            env[f"HAPPYFLOW_{name.upper()}_PORT"] = str(port)
            processes.append(happyflow(command, env, logs / f"{name}.log"))
        for name, port in listening.items():
            try:
                health = wait_healthy(port)
            except RuntimeError:
                print((logs / f"{name}.log").read_text()[-3000:], file=sys.stderr)
                raise
            print(f"{name:<11} http://127.0.0.1:{port}  {health['services'][name]}")
        print(f"logs in {logs}")
        if not args.check:
            signal.sigwait({signal.SIGINT, signal.SIGTERM})
        return 0
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=15)
        broker.stop()
        cluster.stop()
        if args.check:
            shutil.rmtree(logs, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
