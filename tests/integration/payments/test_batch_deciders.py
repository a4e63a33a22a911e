"""The batch deciders the settlement consumer uses give exactly the events of deciding line by
line with the state evolved in between (they exist for speed only)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from services.payments.domain import book as books
from services.payments.domain import ceilings
from services.payments.domain.commands import BookApprovedLine, RecordCeilingUsage, SetCeiling
from services.payments.domain.payables import decide_book_approved_line, decide_book_approved_lines

NOW = datetime(2026, 5, 1, tzinfo=UTC)


def booking(line_id: str, amount: int = 1000) -> BookApprovedLine:
    return BookApprovedLine(line_id, "98000001", "0193", "98000001", "d1", amount, date(2026, 3, 1),
                            date(2026, 4, 1), 30)


def test_booking_a_declaration_at_once_equals_booking_its_lines_one_by_one():
    start = books.fold(decide_book_approved_line(booking("a"), books.Book(), NOW))
    commands = [booking("a"), booking("b"), booking("b"), booking("c", -500)]
    one_by_one, book = [], start
    for command in commands:
        found = decide_book_approved_line(command, book, NOW)
        book, one_by_one = books.fold(found, book), one_by_one + found
    assert decide_book_approved_lines(commands, start, NOW) == one_by_one
    assert books.fold(one_by_one, start) == book


def test_recording_usages_at_once_equals_recording_them_one_by_one():
    ceiling = ceilings.fold(ceilings.decide_set_ceiling(SetCeiling("c", "p", 2026, 10000), ceilings.Ceiling(), NOW))
    commands = [RecordCeilingUsage("c", 2026, f"l{n}", status, amount) for n, (status, amount) in enumerate(
        [("approved", 5000), ("held", 3100), ("approved", 2000), ("approved", -1000)])]
    commands.append(RecordCeilingUsage("c", 2026, "l1", "released", 0))
    one_by_one, state = [], ceiling
    for command in commands:
        found = ceilings.decide_record_usage(command, state, NOW)
        state, one_by_one = ceilings.fold(found, state), one_by_one + found
    assert ceilings.decide_record_usages(commands, ceiling, NOW) == one_by_one
    assert ceilings.fold(one_by_one, ceiling) == state
