"""A throwaway PostgreSQL cluster on a free loopback port, for tests, benchmarks and deploy/local.

`initdb` refuses to run as root, so as root the cluster runs as the `postgres` user in a
directory that user owns; /tmp is used because pytest's own temp dirs are private to root.
"""

from __future__ import annotations

import glob
import os
import pwd
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from shared.devtools.ports import free_port


class ClusterUnavailable(RuntimeError):
    pass


def find_binary(name: str) -> str | None:
    found = shutil.which(name)
    if found:
        return found
    candidates = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"), reverse=True)
    return candidates[0] if candidates else None


@dataclass
class PostgresCluster:
    base: Path
    port: int
    durable: bool = False
    host: str = "127.0.0.1"
    user: str = "postgres"

    def url(self, database: str = "postgres", driver: str = "postgresql+asyncpg") -> str:
        return f"{driver}://{self.user}@{self.host}:{self.port}/{database}"

    @classmethod
    def start(cls, durable: bool = False) -> PostgresCluster:
        """durable=False turns fsync off: fine for tests, wrong for benchmarks."""
        initdb, pg_ctl = find_binary("initdb"), find_binary("pg_ctl")
        if not initdb or not pg_ctl:
            raise ClusterUnavailable("PostgreSQL server binaries (initdb, pg_ctl) not found")
        cluster = cls(Path(tempfile.mkdtemp(prefix="happyflow-pg-", dir="/tmp")), free_port(), durable)
        cluster._chown()
        cluster._run(initdb, "-D", str(cluster.data), "-A", "trust", "-U", "postgres", "-E", "UTF8", "--no-sync")
        options = f"-p {cluster.port} -k {cluster.base} -c listen_addresses=127.0.0.1 -c max_connections=200"
        if not durable:
            options += " -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
        try:
            cluster._run(pg_ctl, "-D", str(cluster.data), "-l", str(cluster.base / "server.log"),
                         "-w", "-t", "60", "-o", options, "start")
        except ClusterUnavailable:
            log = (cluster.base / "server.log")
            tail = log.read_text()[-2000:] if log.exists() else ""
            raise ClusterUnavailable(f"pg_ctl start failed:\n{tail}") from None
        return cluster

    @property
    def data(self) -> Path:
        return self.base / "data"

    def stop(self) -> None:
        pg_ctl = find_binary("pg_ctl")
        if pg_ctl and self.data.exists():
            self._run(pg_ctl, "-D", str(self.data), "-m", "immediate", "stop", check=False)
        shutil.rmtree(self.base, ignore_errors=True)

    def _chown(self) -> None:
        if os.geteuid() != 0:
            return
        entry = pwd.getpwnam("postgres")
        os.chown(self.base, entry.pw_uid, entry.pw_gid)

    def _run(self, *argv: str, check: bool = True) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        done = subprocess.run(prefix + list(argv), capture_output=True, text=True, cwd=self.base)
        if check and done.returncode != 0:
            raise ClusterUnavailable(f"{argv[0]} failed: {done.stderr.strip() or done.stdout.strip()}")
