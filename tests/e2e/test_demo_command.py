"""`happyflow demo` (what `make run` runs): a month through the running system, a summary, and
serving on; a second start serves the month it already made."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import httpx

from shared.devtools.ports import free_port

ROOT = Path(__file__).resolve().parents[2]


def run_demo_until_summary(cwd: Path, port: int) -> str:
    log = cwd / f"demo-{time.monotonic_ns()}.log"
    with log.open("wb") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "services", "demo", "--port", str(port), "--clients", "3", "--municipalities", "2"],
            cwd=cwd, stdout=out, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            env={**os.environ, "COLUMNS": "200"})
    try:
        deadline = time.monotonic() + 240
        while "Where to look next" not in log.read_text():
            assert process.poll() is None, log.read_text()[-3000:]
            assert time.monotonic() < deadline, log.read_text()[-3000:]
            time.sleep(0.5)
        assert httpx.get(f"http://127.0.0.1:{port}/health").json()["status"] == "ok"
        return log.read_text()
    finally:
        process.terminate()
        process.wait(timeout=30)


def test_the_demo_sends_a_month_prints_its_summary_and_serves_it_again_on_a_second_start(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "examples", tmp_path / "examples")
    first = run_demo_until_summary(tmp_path, free_port())
    assert "declaration lines received" in first and "approved (the happy flow)" in first
    assert "payment run" in first and "curl -s" in first
    second = run_demo_until_summary(tmp_path, free_port())
    assert "already in" in second and "declaration lines received" in second
