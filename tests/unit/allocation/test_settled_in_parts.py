"""A big declaration's settlement travels in parts (shared/exchange/invoicing.py `in_parts`): the
allocations' approved lines (TR385/OP362) come out of its parts as out of the whole."""

from __future__ import annotations

from datetime import UTC, date, datetime

from services.allocation.bootstrap import build_in_memory
from services.allocation.config import AllocationSettings
from services.allocation.handlers.declarations import apply_settled
from shared.clock import FixedClock
from shared.events.envelope import Envelope, NewEvent
from shared.exchange import invoicing as xi

T0 = datetime(2026, 5, 1, 9, 0, tzinfo=UTC)
ZWOLLE, NUMBERS = "0193", (101, 102, 103)


def line(reference: str, number: int, amount: int) -> xi.SettledLine:
    return xi.SettledLine(reference, None, "999900006", number, "45", "45A01", date(2026, 4, 1), date(2026, 4, 30), 1,
                          "04", amount)


def whole() -> xi.DeclarationSettled:
    """101 approved twice, 102 credited back to none, 103 once."""
    lines = (line("R1", 101, 7850), line("R2", 102, 7850), line("R3", 101, 7850), line("R4", 102, -7850),
             line("R5", 103, 7850))
    return xi.DeclarationSettled("d-1", "D1", "98000001", ZWOLLE, T0.date(), T0.date(), 23550, 23550, lines)


async def approved(*messages: xi.DeclarationSettled) -> dict[int, bool]:
    _, store = build_in_memory(AllocationSettings(), FixedClock(T0))
    for message in messages:
        async with store.unit_of_work() as work:
            await apply_settled(work, Envelope.from_json(
                Envelope.of("declaration-d-1", 1, NewEvent.of(message, T0)).to_json()))
            await work.commit()
    async with store.unit_of_work() as work:
        return {n: await work.ports.region.has_approved_lines(ZWOLLE, n) for n in NUMBERS}


async def test_the_parts_of_a_settled_declaration_count_the_allocations_approved_lines_as_the_whole():
    parts = xi.in_parts(whole(), 2)
    assert len(parts) == 3
    assert await approved(*parts) == await approved(whole()) == {101: True, 102: False, 103: True}
