"""Lease owners that say which process holds the lease, so that its successor can tell it is dead.

A process killed with SIGKILL releases nothing: its lease stays until it expires, and a relay
started again in a new process (a new owner) would wait that long before publishing. An owner id
names the host, the pid and the process's start time (clock ticks since boot, from /proc), so a
process on the same host can see that the holder no longer runs — its pid is gone, or now belongs
to a process started at another moment — and take the lease over at once. A holder on another
host, or an id of another shape, counts as alive: the lease then expires as before.
"""

from __future__ import annotations

import os
import socket
import uuid
from pathlib import Path


def process_owner() -> str:
    pid = os.getpid()
    return f"{socket.gethostname()}:{pid}:{_started(pid) or '-'}:{uuid.uuid4().hex[:8]}"


def is_dead(owner: str) -> bool:
    parts = owner.rsplit(":", 3)
    if len(parts) != 4 or parts[0] != socket.gethostname() or not parts[1].isdigit():
        return False
    pid, started = int(parts[1]), parts[2]
    now = _started(pid)
    if now is not None:
        return started != "-" and now != started
    return not _exists(pid)


def _started(pid: int) -> str | None:
    """Field 22 of /proc/<pid>/stat; None when there is no such process (or no /proc)."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat.rsplit(")", 1)[1].split()[19]  # the name may hold spaces and parentheses


def _exists(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
