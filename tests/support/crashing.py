"""Processes that die on purpose and are started again on the same data, for the crash tests.

Each start of a process takes the next crash plan of its list (shared/crashpoints.py); `Recovery`
is what the traffic client calls when a request went unanswered: every process that died is
checked to have died of its planned SIGKILL, and started again with its next plan (or none).
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Protocol

import httpx

from shared.crashpoints import ENV
from shared.devtools.ports import free_port


class Processes(Protocol):
    processes: dict[str, subprocess.Popen[bytes]]

    def start_service(self, name: str, env: dict[str, str] | None = None) -> None: ...

    def wait_healthy(self, name: str, within: float = 60.0) -> dict:
        """The health report, or {} when the process died first."""
        ...

    def log_tail(self, name: str) -> str: ...


class EmbeddedServer:
    """`happyflow serve` (all services, one process) on `var`, on one port across restarts."""

    name = "happyflow"

    def __init__(self, cwd: Path, var: Path) -> None:
        self.cwd, self.var, self.port = cwd, var, free_port()
        self.processes: dict[str, subprocess.Popen[bytes]] = {}
        self.log = cwd / "serve.log"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start_service(self, name: str, env: dict[str, str] | None = None) -> None:
        with self.log.open("ab") as out:
            self.processes[name] = subprocess.Popen(
                [sys.executable, "-m", "services", "serve", "--var", str(self.var), "--port", str(self.port)],
                cwd=self.cwd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
                env={**os.environ, "HAPPYFLOW_LOG_LEVEL": "WARNING", **(env or {})})

    def wait_healthy(self, name: str, within: float = 60.0) -> dict:
        deadline = time.monotonic() + within
        while time.monotonic() < deadline:
            if self.processes[name].poll() is not None:
                return {}
            try:
                response = httpx.get(f"{self.url}/health", timeout=1.0)
                if response.status_code == 200:
                    return response.json()
            except httpx.TransportError:
                pass
            time.sleep(0.1)
        raise AssertionError(f"no healthy answer within {within}s:\n{self.log_tail(name)}")

    def log_tail(self, name: str) -> str:
        return self.log.read_text(errors="replace")[-3000:] if self.log.exists() else ""

    def stop(self) -> None:
        for process in self.processes.values():
            process.terminate()
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


class Recovery:
    def __init__(self, processes: Processes, plans: dict[str, list[str]]) -> None:
        self._processes = processes
        self._plans = {name: list(plan) for name, plan in plans.items()}
        self._lock = asyncio.Lock()
        self.kills: list[str] = []
        """The plans that were carried out, in order."""

    def start(self, name: str) -> None:
        plan = self._plans.get(name, [])
        self._processes.start_service(name, {ENV: plan[0]} if plan else {ENV: ""})

    @property
    def pending(self) -> dict[str, list[str]]:
        return {name: plan for name, plan in self._plans.items() if plan}

    async def __call__(self) -> None:
        async with self._lock:  # eight requests in flight all find the process dead at once
            for name, process in self._processes.processes.items():
                while process.poll() is not None:  # it may reach its next kill before it answers
                    assert process.returncode == -signal.SIGKILL and self._plans.get(name), (
                        f"{name} died unplanned ({process.returncode}):\n{self._processes.log_tail(name)}")
                    self.kills.append(f"{name}: {self._plans[name].pop(0)}")
                    self.start(name)
                    process = self._processes.processes[name]
                    await asyncio.to_thread(self._processes.wait_healthy, name)
