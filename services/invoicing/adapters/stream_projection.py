"""The command handler's projection (shared/commands.py): the events it appended, decoded and
projected through the ports, one declaration stream and moment at a time, as the handlers project
the events they append themselves and as the rebuild replays them."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import groupby

from services.invoicing.domain.events import registry
from services.invoicing.ports import InvoicingPorts
from shared.events.envelope import Envelope

REGISTRY = registry()


async def project(ports: InvoicingPorts, envelopes: Sequence[Envelope]) -> None:
    for _, group in groupby(envelopes, key=lambda e: (e.stream_id, e.occurred_at)):
        events = list(group)
        await ports.declarations.project(events[0].stream_id.removeprefix("declaration-"),
                                         [REGISTRY.decode(e) for e in events], events[0].occurred_at)
