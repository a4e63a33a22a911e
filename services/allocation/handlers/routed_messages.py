"""What the handlers of routed messages share: the day a message was received on, and its status
("processing" when taken up, "rejected" when unreadable, "processed" or refused where iJw has no
retour) as a command whose decision is that status, in the consumer's transaction."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime

from services.allocation.adapters.outgoing import status
from services.allocation.context import Allocations
from services.allocation.ports import AllocationWork
from shared.clock import AMSTERDAM
from shared.commands import Command, Decision, History
from shared.exchange.contract import MessageRouted


@dataclass(frozen=True)
class ReportStatus:
    message_id: str
    status: str
    reason: str | None = None


def no_streams(_: object) -> list[str]:
    return []


def decide_status(c: ReportStatus, _: Mapping[str, History], __: None, now: datetime) -> Decision[None]:
    return Decision(None, publish=[status(c.message_id, c.status, c.reason)])


REPORT_STATUS: Command = Command(no_streams, decide_status)


async def report_status(work: AllocationWork, ctx: Allocations, message_id: str, value: str,
                        reason: str | None = None) -> None:
    await ctx.commands.within(work, REPORT_STATUS, ReportStatus(message_id, value, reason))


def received_on(routed: MessageRouted) -> date:
    """The Dutch business day the gateway received a message on: what deadlines count from."""
    return datetime.fromisoformat(routed.received_at).astimezone(AMSTERDAM).date()
