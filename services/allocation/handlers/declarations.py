"""What the allocation service needs to know of declarations: whether approved lines exist on an
allocation (TR385/OP362: a deletion is refused then). Fed by invoicing's DeclarationSettled; an
approved credit takes its debit's place back, so a fully credited allocation may be deleted.
A declaration names thousands of allocations, so counts are read once and written in bulk."""

from __future__ import annotations

from collections import Counter

import sqlalchemy as sa

from services.allocation.adapters.tables import approved_declarations
from shared.events.envelope import Envelope
from shared.persistence.ports import UnitOfWork

CHUNK = 500


async def apply_settled(uow: UnitOfWork, envelope: Envelope) -> None:
    municipality = envelope.payload["municipality"]
    net: Counter[int] = Counter()
    for line in envelope.payload["approved"]:
        net[int(line["allocation_number"])] += 1 if line["amount"] >= 0 else -1
    a, numbers = approved_declarations.c, sorted(net)
    known: dict[int, int] = {}
    for start in range(0, len(numbers), CHUNK):
        rows = await uow.connection.execute(sa.select(a.allocation_number, a.approved_lines).where(
            a.municipality == municipality, a.allocation_number.in_(numbers[start:start + CHUNK])))
        known.update({number: count for number, count in rows})
    new = [{"municipality": municipality, "allocation_number": n, "approved_lines": net[n]}
           for n in numbers if n not in known]
    changed = [{"m": municipality, "n": n, "v": known[n] + net[n]} for n in numbers if n in known]
    if new:
        await uow.connection.execute(sa.insert(approved_declarations), new)
    if changed:
        await uow.connection.execute(sa.update(approved_declarations).where(
            a.municipality == sa.bindparam("m"), a.allocation_number == sa.bindparam("n")).values(
            approved_lines=sa.bindparam("v")), changed)
