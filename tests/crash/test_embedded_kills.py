"""`happyflow serve` killed with SIGKILL at every step of a month — while taking messages in,
matching, answering and making a payment run — and started again on the same data each time:
every accepted message is processed exactly once, and the parties see what they see without kills."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

import httpx

from services.demo.scenario import Scenario
from tests.crash.conftest import APPROVER, FINANCE, REGION_FILE, TOKENS, assert_same, due_up_to
from tests.support.crashing import EmbeddedServer, Recovery
from tests.support.regions import copy_loaded_region
from tests.support.traffic import RecoveringTransport, at_rest, outcome, payment_run, send_month

KILLS = [
    "http:POST /gateway/v1/messages@8",  # intake: the message is kept, its 202 never sent
    "inbox:allocation.messages@1",  # allocations registered, the bus offset not committed
    "inbox:invoicing.intake@1",  # matching: the declaration committed, the offset not
    "relay:invoicing@1",  # answering: the JW325's events acknowledged by the bus, the outbox not marked
    "inbox:gateway.exchange@1",  # answering: the JW325 in the mailbox, the offset not committed
    "http:POST /payments/v1/runs@1",  # the run made, its answer never sent
    "http:POST /payments/v1/runs/{run_id}/export@1",  # the run exported, its answer never sent
]


async def test_a_month_killed_at_every_step_loses_and_doubles_nothing(
        tmp_path: Path, scenario: Scenario, without_kills: dict[str, Any]) -> None:
    await copy_loaded_region(tmp_path / "var", REGION_FILE)
    server = EmbeddedServer(tmp_path, tmp_path / "var")
    recovery = Recovery(server, {server.name: KILLS})
    recovery.start(server.name)
    try:
        await asyncio.to_thread(server.wait_healthy, server.name)
        async with httpx.AsyncClient(base_url=server.url, transport=RecoveringTransport(recovery),
                                     timeout=60) as client:
            ids = await send_month(client, scenario.messages, TOKENS, lambda: at_rest(client, [server.url]))
            run_id = await payment_run(client, FINANCE, APPROVER, due_up_to())
            await at_rest(client, [server.url])
            seen = await outcome(client, client, ids, TOKENS, FINANCE, run_id)
    finally:
        server.stop()
    assert_same(seen, without_kills)
    assert recovery.pending == {}, f"kill points never reached; carried out: {recovery.kills}"
    assert "database is locked" not in server.log.read_text()
