"""What the allocation service needs to know of declarations: whether approved lines exist on an
allocation (TR385/OP362: a deletion is refused then). Fed by invoicing's DeclarationSettled; an
approved credit takes its debit's place back, so a fully credited allocation may be deleted.
A declaration names thousands of allocations: the port takes them all at once. A big declaration
settles in parts (shared/exchange/invoicing.py `in_parts`): each adds the lines it carries."""

from __future__ import annotations

from collections import Counter

from services.allocation.ports import AllocationWork
from shared.events.envelope import Envelope
from shared.events.registry import EventRegistry
from shared.exchange.invoicing import UPCASTERS, DeclarationSettled

SETTLED = EventRegistry.of((DeclarationSettled,), UPCASTERS)


async def apply_settled(work: AllocationWork, envelope: Envelope) -> None:
    settled: DeclarationSettled = SETTLED.decode(envelope)
    net: Counter[int] = Counter()
    for line in settled.approved:
        net[line.allocation_number] += 1 if line.amount >= 0 else -1
    await work.ports.region.add_approved_lines(settled.municipality, net)
