"""Start `happyflow serve ...` as a real process on a free loopback port and wait until it answers."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

from shared.devtools.ports import free_port

HAPPYFLOW = [sys.executable, "-m", "services"]


@contextmanager
def serving(args: list[str], cwd: Path, env: dict[str, str] | None = None,
            ready_within: float = 60.0) -> Iterator[str]:
    port = free_port()
    log = cwd / f"serve-{port}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            HAPPYFLOW + ["serve", *args, "--port", str(port)], cwd=cwd, stdout=out, stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL, env={**os.environ, **(env or {})},
        )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait(process, f"{base}/health", ready_within, log)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()


def _wait(process: subprocess.Popen[bytes], url: str, within: float, log: Path) -> None:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise AssertionError(f"server exited with {process.returncode}:\n{log.read_text()[-3000:]}")
        try:
            if httpx.get(url, timeout=1.0).status_code < 500:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.1)
    raise AssertionError(f"server did not answer {url} within {within}s:\n{log.read_text()[-3000:]}")
