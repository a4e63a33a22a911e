"""Recording a client's particulars (domain/client.py) inside the caller's unit of work, where a
JW301 made later in the same transaction finds them."""

from __future__ import annotations

from datetime import datetime
from functools import reduce
from typing import Any

from services.allocation.adapters import projections
from services.allocation.domain import client
from services.allocation.handlers.publishing import append
from services.allocation.ports import AllocationWork


async def record_client_details(work: AllocationWork, municipality: str, client_bsn: str, details: dict[str, Any],
                                now: datetime) -> None:
    stream = client.stream_id(municipality, client_bsn)
    stored = await work.load(stream)
    state = reduce(client.evolve, stored, client.Client())
    decided = client.decide_record_details(municipality, client_bsn, details, state)
    await projections.project(work.ports, append(work, stream, len(stored), decided, now))
