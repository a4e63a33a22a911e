"""The distributed mode: each service in its own runtime with its own PostgreSQL database and its
own Kafka client, as separate processes are; an entry another service records travels through
Kafka to the gateway's log, with the client's pseudonym under the region's one key."""

from __future__ import annotations

import asyncio
import uuid

import asyncpg
import pytest

from services import migrate
from services.catalog import SERVICES
from services.gateway.adapters.sql.audit import SqlAuditLog
from services.gateway.ports import AuditFilter
from services.runtime import Runtime
from shared.audit import AuditEntry, pseudonym
from shared.bus import KafkaBus
from shared.clock import SystemClock
from tests.support.kafka import run_until

KEY = "the-region-audit-key-of-this-test-0123456789"


async def database(cluster, name: str) -> str:  # type: ignore[no-untyped-def]
    admin = await asyncpg.connect(host=cluster.host, port=cluster.port, user="postgres")
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
    finally:
        await admin.close()
    url = cluster.url(name)
    await asyncio.to_thread(migrate.upgrade, name.split("_")[0], url)
    return url


async def alone(name: str, url: str, kafka_settings) -> Runtime:  # type: ignore[no-untyped-def]
    settings = SERVICES[name].settings(database_url=url, bus="kafka", audit_key=KEY,
                                       kafka_bootstrap_servers=kafka_settings.bootstrap_servers)
    bus = KafkaBus(kafka_settings)
    runtime = Runtime([SERVICES[name].container(settings, bus, SystemClock())], bus)
    await runtime.open()
    return runtime


@pytest.mark.postgres
@pytest.mark.kafka
async def test_an_entry_travels_from_its_service_through_kafka_to_the_gateways_log(postgres_cluster, kafka_settings):
    suffix = uuid.uuid4().hex[:8]
    gateway = await alone("gateway", await database(postgres_cluster, f"gateway_{suffix}"), kafka_settings)
    allocation = await alone("allocation", await database(postgres_cluster, f"allocation_{suffix}"), kafka_settings)
    try:
        ctx = allocation.container("allocation").context
        await ctx.audit.record_alone(ctx.db, AuditEntry(f"clerk-{suffix}", ("access",), "allocation.read",
                                                        municipality="0193", client_bsn="999900006"))
        assert await allocation.container("allocation").relay.drain() == 1
        audit_worker = gateway.workers[[s.group for s in gateway.container("gateway").subscriptions].index("gateway.audit")]
        await run_until(audit_worker, 1)
        engine = gateway.container("gateway").db.engines.read
        [entry] = await SqlAuditLog(engine).page(AuditFilter(username=f"clerk-{suffix}"), 10, None)
        assert (entry.service, entry.client) == ("allocation", pseudonym(KEY.encode(), "999900006"))
        assert (await SqlAuditLog(engine).verify()).valid
    finally:
        await allocation.stop()
        await gateway.stop()
