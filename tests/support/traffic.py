"""A generated month sent to running happyflow processes over HTTP, as the parties would, by a client
that outlives the processes: a request nobody answered (the process was killed) is sent again once
`recover` has started what died — only requests that are safe to repeat: reads, message posts (the
same bytes return the first message id) and the idempotent steps of a payment run. Creating a run
is not repeated blindly: the driver looks for the run first.

What the parties then see (statuses, mailboxes, the JW325s decoded, the payment run) is gathered
with the message ids replaced by the iJw identifications the parties gave, so two runs of the
same month compare equal when each accepted message was processed exactly once.
"""

from __future__ import annotations

import asyncio
import re
import time
from collections import Counter
from collections.abc import Awaitable, Callable, Sequence
from datetime import date
from typing import Any

import httpx

from services.bench.answers import verdicts
from services.demo.feed import feed
from services.demo.outgoing import Outgoing
from shared.ijw import decode

Recover = Callable[[], Awaitable[None]]
REPEATABLE_POSTS = re.compile(r"^/gateway/v1/messages$|^/payments/v1/runs/[^/]+/(approve|export)$")
RUNS = "/payments/v1/runs"


class RecoveringTransport(httpx.AsyncBaseTransport):
    def __init__(self, recover: Recover, within: float = 180.0) -> None:
        self._inner = httpx.AsyncHTTPTransport()
        self._recover = recover
        self._within = within

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        deadline = time.monotonic() + self._within
        while True:
            try:
                return await self._inner.handle_async_request(request)
            except httpx.TransportError:
                await self._recover()
                if not _repeatable(request) or time.monotonic() > deadline:
                    raise
                await asyncio.sleep(0.1)  # alive but not answering yet: ask again shortly

    async def aclose(self) -> None:
        await self._inner.aclose()


def _repeatable(request: httpx.Request) -> bool:
    return request.method == "GET" or bool(REPEATABLE_POSTS.match(request.url.path))


async def at_rest(client: httpx.AsyncClient, ready_urls: Sequence[str], still: float = 0.2, interval: float = 0.1,
                  within: float = 180.0) -> None:
    """Wait until every process reports its consumers joined and nothing owed by any consumer group
    or outbox, with the same log ends for `still` seconds (read every `interval`): reading often
    notices the rest soon after it begins, while `still` alone decides how long it must last."""
    deadline, previous, since = time.monotonic() + within, None, None
    while True:
        now = time.monotonic()
        if now > deadline:
            raise AssertionError(f"not at rest within {within}s: {previous}")
        reports = [(await client.get(f"{url}/ready")).json() for url in ready_urls]
        ends = [(g, c["end"]) for r in reports for g, c in sorted(r["consumers"].items())]
        owed = any(not r["ready"] or any(r["outbox"].values()) or any(c["lag"] for c in r["consumers"].values())
                   for r in reports)
        if owed:
            since = None
        elif since is None or ends != previous:
            since = now
        elif now - since >= still:
            return
        previous = ends
        await asyncio.sleep(interval)


async def send_month(client: httpx.AsyncClient, messages: Sequence[Outgoing], tokens: dict[str, str],
                     settle: Callable[[], Awaitable[None]]) -> dict[str, str]:
    """Every message step by step, settling between steps; message id → the sender's identification."""
    report = await feed(client, messages, tokens, settle, lambda n: None)
    assert report.refused == [], report.refused
    return {message_id: f"{m.sender}/{m.message.header.message_id.identification}"
            for message_id, m in report.accepted.items()}


async def payment_run(client: httpx.AsyncClient, creator: str, approver: str, due_up_to: date) -> str:
    """Create a run of everything due up to `due_up_to`, have a second finance user approve it
    (four eyes), and export it; its id."""
    headers = _party(creator)
    run_id = await _run_for(client, headers, due_up_to)
    while run_id is None:
        try:
            created = await client.post(RUNS, json={"due_up_to": str(due_up_to)}, headers=headers)
            assert created.status_code == 201, created.text
            run_id = created.json()["run_id"]
        except httpx.TransportError:  # killed before it answered: it may have made the run
            run_id = await _run_for(client, headers, due_up_to)
    for step, by in (("approve", approver), ("export", creator)):
        done = await client.post(f"{RUNS}/{run_id}/{step}", json={}, headers=_party(by))
        assert done.status_code == 200, done.text
    return run_id


async def _run_for(client: httpx.AsyncClient, headers: dict[str, str], due_up_to: date) -> str | None:
    runs = (await client.get(RUNS, headers=headers)).json()
    return next((r["run_id"] for r in runs if r["due_up_to"] == str(due_up_to) and r["status"] != "cancelled"), None)


async def outcome(client: httpx.AsyncClient, payments: httpx.AsyncClient, ids: dict[str, str],
                  tokens: dict[str, str], finance: str, run_id: str) -> dict[str, Any]:
    """What the parties and finance see, with our message ids replaced by their identifications
    (`client` at the gateway, `payments` at the payments service: one and the same when embedded)."""
    statuses = {}
    for message_id, sent in ids.items():
        status = (await client.get(f"/gateway/v1/messages/{message_id}", headers=_party(tokens[sent.split("/")[0]])))
        statuses[sent] = status.json()["status"]
    mailboxes: Counter[tuple[str, str, str | None]] = Counter()
    answers = {}
    for token in set(tokens.values()):
        for item in (await client.get("/gateway/v1/mailbox", headers=_party(token))).json():
            mailboxes[(item["addressee"], item["message_code"], ids.get(item["in_reply_to"]))] += 1
            if item["message_code"] == "JW325":
                xml = (await client.get(f"/gateway/v1/mailbox/{item['message_id']}", headers=_party(token))).content
                answers[ids[item["in_reply_to"]]] = verdicts(decode(xml))
    run = (await payments.get(f"{RUNS}/{run_id}", headers=_party(finance))).json()
    paid = {"status": run["status"], "total": run["total"], "items": len(run["items"]),
            "transfers": sorted((t["provider"], t["amount"]) for t in run["transfers"])}
    return {"statuses": statuses, "mailboxes": dict(mailboxes), "jw325": answers, "run": paid}


def _party(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}
