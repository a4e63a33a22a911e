"""The command handler's projection (shared/commands.py): the events one append decided for a
declaration stream, projected through the ports as they were decided, as the rebuild replays them."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any

from services.invoicing.ports import InvoicingPorts


async def project(ports: InvoicingPorts, stream: str, events: Sequence[Any], at: datetime) -> None:
    await ports.declarations.project(stream.removeprefix("declaration-"), events, at)
