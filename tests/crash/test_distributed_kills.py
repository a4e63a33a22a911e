"""The distributed mode — deploy/compose.yaml's processes on loopback, PostgreSQL and a Kafka-protocol
broker — with every service killed once with SIGKILL and started again: nothing accepted is lost or
processed twice, and the parties see what they see without kills."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from services.demo.scenario import Scenario
from shared.crashpoints import ENV
from shared.devtools.local_deployment import APPS, LocalDeployment
from tests.crash.conftest import APPROVER, FINANCE, REGION, TOKENS, assert_same, due_up_to
from tests.support.crashing import Recovery
from tests.support.distributed import QUICK_GROUPS, STILL, load_region
from tests.support.traffic import RecoveringTransport, at_rest, outcome, payment_run, send_month

KILLS = {
    "gateway": ["http:POST /gateway/v1/messages@8"],
    "allocation": ["inbox:allocation.messages@1"],
    "invoicing": ["inbox:invoicing.intake@1"],
    "payments": ["inbox:payments.settlements@1"],
}


@pytest.mark.postgres
@pytest.mark.kafka
async def test_every_service_killed_once_loses_and_doubles_nothing(
        postgres_cluster, kafka_bootstrap, scenario: Scenario, without_kills: dict[str, Any]) -> None:
    # The fixtures prove the binaries exist (and fail under CI when they do not); the deployment
    # starts its own cluster and broker, as deploy/local/up.py does for an operator.
    deployment = LocalDeployment(free_ports=True, durable=False, env=QUICK_GROUPS)
    recovery = Recovery(deployment, KILLS)
    try:
        await asyncio.to_thread(deployment.start, {name: {ENV: plan[0]} for name, plan in KILLS.items()})
        for name in APPS:
            assert await asyncio.to_thread(deployment.wait_healthy, name), deployment.log_tail(name)
        await load_region(deployment, REGION)
        urls = [deployment.url(name) for name in APPS]
        gateway = httpx.AsyncClient(base_url=urls[0], transport=RecoveringTransport(recovery), timeout=60)
        payments = httpx.AsyncClient(base_url=deployment.url("payments"), transport=RecoveringTransport(recovery),
                                     timeout=60)
        async with gateway, payments:
            def settle():  # type: ignore[no-untyped-def]
                return at_rest(gateway, urls, still=STILL)

            await settle()
            ids = await send_month(gateway, scenario.messages, TOKENS, settle)
            run_id = await payment_run(payments, FINANCE, APPROVER, due_up_to())
            await settle()
            seen = await outcome(gateway, payments, ids, TOKENS, FINANCE, run_id)
    finally:
        deployment.stop()
    assert_same(seen, without_kills)
    assert recovery.pending == {}, f"kill points never reached; carried out: {recovery.kills}"

