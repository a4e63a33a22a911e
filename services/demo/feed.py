"""Feeding generated traffic through the gateway over HTTP, as the parties themselves would: each
message with its sender's token (a provider behind a hub sends through the hub), in sending
order, one step at a time; the system settles between steps so answers exist before follow-ups."""

from __future__ import annotations

import asyncio
from collections import Counter
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, field
from itertools import groupby

import httpx

from services.demo.outgoing import Outgoing
from services.gateway.region.model import Region
from shared.ijw import encode

IN_FLIGHT = 8


def tokens_of(region: Region) -> dict[str, str]:
    """The token each sending party uses: its own, or its hub's."""
    tokens = {m.code: m.tokens[0] for m in region.municipalities if m.tokens}
    tokens |= {p.agb: p.tokens[0] for p in region.providers if p.tokens}
    for hub in region.hubs:
        if hub.tokens:
            tokens |= {agb: hub.tokens[0] for agb in hub.on_behalf_of}
    return tokens


@dataclass
class FeedReport:
    posted: Counter[str] = field(default_factory=Counter)
    refused: list[str] = field(default_factory=list)
    accepted: dict[str, Outgoing] = field(default_factory=dict)
    """The gateway's message id of each message it accepted."""


async def feed(client: httpx.AsyncClient, messages: Iterable[Outgoing], tokens: dict[str, str],
               settle: Callable[[], Awaitable[None]], advance: Callable[[int], None]) -> FeedReport:
    report = FeedReport()
    gate = asyncio.Semaphore(IN_FLIGHT)

    async def post(outgoing: Outgoing) -> None:
        body = await asyncio.to_thread(encode, outgoing.message)
        async with gate:
            response = await client.post("/gateway/v1/messages", content=body, headers={
                "Authorization": f"Bearer {tokens[outgoing.sender]}", "Content-Type": "application/xml"})
        if response.status_code == 202:
            report.posted[f"JW{outgoing.message.code}"] += 1
            report.accepted[response.json()["message_id"]] = outgoing
        else:
            report.refused.append(f"JW{outgoing.message.code} from {outgoing.sender}: {response.text[:200]}")
        advance(1)

    for _, step in groupby(messages, key=lambda m: (m.month, m.step)):
        await asyncio.gather(*(post(m) for m in step))
        await settle()
    return report
