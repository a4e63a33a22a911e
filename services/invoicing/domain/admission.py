"""Header (level 3/4), declaration and client rules: each rejects a whole message, declaration or
client (ijw-3.2.md §12.1 step 3, §12.2, §12.3)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from services.invoicing.domain import retourcodes as rc
from services.invoicing.domain.allocation import AllocationView
from services.invoicing.domain.declaration import Client, Declaration
from services.invoicing.domain.history import History


def header_codes(declaration: Declaration, history: History, received_on: date,
                 gemeenten: frozenset[str]) -> tuple[str, ...]:
    header = declaration.header
    codes = []
    if header.message_id in history.message_ids:  # TR056
        codes.append(rc.MESSAGE_ID_REUSED)
    if header.message_date > received_on:  # TR135: Dagtekening not after the day of receipt
        codes.append(rc.DATED_IN_FUTURE)
    if header.addressee_gemeente not in gemeenten:  # TR378
        codes.append(rc.UNKNOWN_GEMEENTE)
    return tuple(codes)


def declaration_codes(declaration: Declaration, history: History) -> tuple[str, ...]:
    codes = []
    if declaration.number in history.declaration_numbers:  # TR333
        codes.append(rc.DECLARATION_NUMBER_REUSED)
    last = history.last_period_begin
    # TR318 (§12.2, best understanding): a gap cannot be seen, so only a period before the last
    # declared one is out of sequence; repeating the last period is allowed.
    if last is not None and declaration.period.begin < last:
        codes.append(rc.PERIOD_OUT_OF_SEQUENCE)
    return tuple(codes)


def find_allocation(allocations: Mapping[int, AllocationView], number: int,
                    declaration: Declaration) -> AllocationView | None:
    """TR338/UP027: an allocation of this gemeente to this provider (sender = Ontvanger of the 301,
    best understanding)."""
    view = allocations.get(number)
    header = declaration.header
    if view is None or view.gemeente != header.addressee_gemeente or view.provider_agb != header.sender_agb:
        return None
    return view


def client_mismatch(client: Client, allocations: Mapping[int, AllocationView],
                    declaration: Declaration) -> bool:
    """TR304: a line's allocation belongs to another BSN."""
    for line in client.lines:
        view = find_allocation(allocations, line.allocation_number, declaration)
        if view is not None and view.bsn != client.bsn:
            return True
    return False
