"""Routed messages about allocations themselves: a municipality's own JW301 (registered exactly
like a staff-issued version, but not sent again — the gateway delivered it already) and the
provider's JW302 receipt, recorded on every allocation of the JW301 it answers. Both are
commands (domain/municipal_messages.py); a refusal is reported as the message's status."""

from __future__ import annotations

from services.allocation.adapters.allocation_messages import (
    details_from_jw301,
    receipt_from_jw302,
    versions_from_jw301,
)
from services.allocation.context import Allocations
from services.allocation.domain.client import RecordClientDetails
from services.allocation.domain.errors import DomainError
from services.allocation.domain.jw301_content import RecordJw301Sent
from services.allocation.domain.municipal_messages import (
    REFUSED,
    RecordJw301,
    RecordReceipts,
    decide_jw301,
    decide_receipts,
    jw301_streams,
    receipt_streams,
)
from services.allocation.handlers.allocation_steps import RECORD_DETAILS, RECORD_JW301_SENT
from services.allocation.handlers.routed_messages import report_status
from services.allocation.ports import AllocationWork
from shared.commands import Command
from shared.exchange.contract import MessageRouted
from shared.ijw.model.allocation import Jw301, Jw302

RECORD_JW301: Command = Command(jw301_streams, decide_jw301)
RECORD_RECEIPTS: Command = Command(receipt_streams, decide_receipts)


async def record_jw301(work: AllocationWork, ctx: Allocations, routed: MessageRouted, message: Jw301) -> None:
    versions = versions_from_jw301(message)
    try:
        await ctx.commands.within(work, RECORD_JW301, RecordJw301(versions))
    except DomainError as refused:
        await report_status(work, ctx, routed.message_id, REFUSED, str(refused))
        return
    await ctx.commands.within(work, RECORD_DETAILS, RecordClientDetails(
        message.header.sender, message.client.bsn, details_from_jw301(message.client)))
    identification = message.header.message_id.identification
    if await work.ports.jw301s.by_identification(identification) is None:
        await ctx.commands.within(work, RECORD_JW301_SENT, RecordJw301Sent(
            identification, routed.message_id, versions, ctx.local_now()))


async def record_jw302(work: AllocationWork, ctx: Allocations, routed: MessageRouted, message: Jw302) -> None:
    receipt = receipt_from_jw302(message)
    answered = await work.ports.jw301s.by_identification(receipt.jw301_identification)
    if answered is None:
        await report_status(work, ctx, routed.message_id, REFUSED, "JW302 answers no JW301 known here")
        return
    codes = {number: (*receipt.header_codes, *receipt.codes.get(number, [])) for number in answered.allocation_numbers}
    await ctx.commands.within(work, RECORD_RECEIPTS, RecordReceipts(answered.municipality,
                                                                    receipt.jw301_identification, codes))
