"""What the allocation service needs to know of declarations: whether approved lines exist on an
allocation (TR385/OP362: a deletion is refused then). Fed by invoicing's DeclarationSettled; an
approved credit takes its debit's place back, so a fully credited allocation may be deleted."""

from __future__ import annotations

from collections import Counter

import sqlalchemy as sa

from services.allocation.adapters.tables import approved_declarations
from shared.events.envelope import Envelope
from shared.persistence.ports import UnitOfWork


async def apply_settled(uow: UnitOfWork, envelope: Envelope) -> None:
    municipality = envelope.payload["municipality"]
    net = Counter()
    for line in envelope.payload["approved"]:
        net[int(line["allocation_number"])] += 1 if line["amount"] >= 0 else -1
    a = approved_declarations.c
    for number, change in net.items():
        updated = await uow.connection.execute(sa.update(approved_declarations).where(
            a.municipality == municipality, a.allocation_number == number).values(
            approved_lines=a.approved_lines + change))
        if updated.rowcount == 0:
            await uow.connection.execute(sa.insert(approved_declarations).values(
                municipality=municipality, allocation_number=number, approved_lines=change))
