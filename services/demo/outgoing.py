"""One message of the traffic as a party sends it, and the outcome expected for each of its lines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from shared.ijw.model import Message

REQUESTS, ALLOCATIONS, STARTS, DECLARATIONS, FOLLOW_UPS = 1, 2, 3, 4, 5
STOPS, RETURNS, RETURN_STARTS = 6, 7, 8
"""A month's stops (JW307), then the allocations of clients who come back (JW301) and their starts."""
KIND = {REQUESTS: "request", ALLOCATIONS: "allocation", STARTS: "start", DECLARATIONS: "declaration",
        FOLLOW_UPS: "follow-up", STOPS: "stop", RETURNS: "re-entry", RETURN_STARTS: "re-entry start"}


@dataclass(frozen=True)
class ExpectedLine:
    """One prestatie and what the matcher should make of it: no codes means approve."""

    reference: str
    bsn: str
    allocation_number: int
    amount: int
    """Signed eurocents: a credit is negative."""
    codes: tuple[str, ...]
    mistake: str | None = None
    """The injected mistake (ErrorRates field name); None for a line declared correctly."""

    @property
    def approves(self) -> bool:
        return not self.codes

    @property
    def outcome(self) -> str | list[str]:
        return "approve" if self.approves else list(self.codes)


@dataclass(frozen=True)
class Outgoing:
    """One message as a party sends it. A follow-up declaration (duplicates, credits) may only
    be sent once the answers to the earlier declarations have arrived (IV085)."""

    month: date
    step: int
    message: Message
    lines: tuple[ExpectedLine, ...] = ()

    @property
    def kind(self) -> str:
        return KIND[self.step]

    @property
    def after_answers(self) -> bool:
        return self.step == FOLLOW_UPS

    @property
    def sender(self) -> str:
        return self.message.header.sender

    @property
    def receiver(self) -> str:
        return self.message.header.receiver
