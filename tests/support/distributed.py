"""The distributed mode for tests: deploy/compose.yaml's processes on loopback (LocalDeployment),
the region file loaded as an operator loads it, and a wait until every process is at rest."""

from __future__ import annotations

from collections.abc import Sequence

import httpx

from services.gateway.config import GatewaySettings
from services.gateway.region.model import Region
from services.gateway.region.standalone import load_into_gateway
from shared.devtools.local_deployment import APPS, LocalDeployment
from shared.settings import load_settings
from tests.support.traffic import at_rest

QUICK_GROUPS = {f"HAPPYFLOW_{name.upper()}_KAFKA_SESSION_TIMEOUT_MS": "2000" for name in APPS}
"""Every service's group session: tansu lets a join wait half of it in whole seconds, 1 s at least
(5 s at the 10 s default, 2 s at 3 s, 1 s at 2 s), and a killed member holds its partitions for
all of it. Heartbeats go every 2/3 s, so only a process stalled for 2 s loses its partitions."""
STILL = 1.0
"""Seconds the log ends must hold still before the distributed processes count as at rest. A
consumer's lag counts to the end its last fetch saw, and the broker holds an empty fetch 100 ms
(KafkaSettings.fetch_max_wait_ms): ten times that leaves room for a process a busy machine did
not schedule for a while."""


async def load_region(deployment: LocalDeployment, region: Region) -> None:
    """As `happyflow region load` does with the gateway's variables; its relay publishes the rest."""
    env = deployment.environment("gateway")
    settings = load_settings(GatewaySettings, database_url=env["HAPPYFLOW_GATEWAY_DATABASE_URL"],
                             session_secret=deployment.session_secret, audit_key=deployment.audit_key)
    await load_into_gateway(settings, region)


async def settle_all(client: httpx.AsyncClient, deployment: LocalDeployment,
                     services: Sequence[str] = APPS) -> None:
    """Until every consumer has joined and caught up and no outbox owes anything, for STILL."""
    await at_rest(client, [deployment.url(name) for name in services], still=STILL)
