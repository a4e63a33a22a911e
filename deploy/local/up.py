"""Run deploy/compose.yaml's processes on loopback, without a container engine.

It starts what the images would provide (a throwaway PostgreSQL cluster with one database per
service, and a Kafka-protocol broker), runs the `migrate` service, then starts every application
service with its compose command and variables (shared/devtools/local_deployment.py).

    .venv/bin/python deploy/local/up.py           # serve until Ctrl-C
    .venv/bin/python deploy/local/up.py --check   # start, check every /health, stop (exit 0 = ok)

The workbench (web) starts beside the four services and calls them over HTTP on loopback.
"""

from __future__ import annotations

import argparse
import signal
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from shared.devtools.local_deployment import SERVED, LocalDeployment  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="check every /health, then stop")
    parser.add_argument("--free-ports", action="store_true", help="any free ports instead of 8000-8004")
    args = parser.parse_args()
    deployment = LocalDeployment(free_ports=args.free_ports, keep_logs=not args.check)
    try:
        try:
            deployment.start()
        except RuntimeError as error:
            print(error, file=sys.stderr)
            return 1
        for name in SERVED:
            health = deployment.wait_healthy(name)
            if not health:
                print(f"{name} exited:\n{deployment.log_tail(name)}", file=sys.stderr)
                return 1
            print(f"{name:<11} {deployment.url(name)}  {health['services'][name]}")
        print(f"logs in {deployment.logs}")
        if not args.check:
            signal.sigwait({signal.SIGINT, signal.SIGTERM})
        return 0
    finally:
        deployment.stop()


if __name__ == "__main__":
    sys.exit(main())
