"""Replaying all events rebuilds the same read models: every allocation read model is a
projection of the service's own events, written by the same projectors the handlers call."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import time
from typing import Any

import sqlalchemy as sa

from services.allocation.adapters.projections import PROJECTORS
from services.allocation.adapters.rebuild import PROJECTIONS, rebuild_projections
from services.allocation.domain.allocation import VERSION_EVENTS
from shared.ijw import encode
from shared.ijw.model.allocation import Jw302
from shared.ijw.model.basis import MessageId, Product, ReturnHeader
from shared.ijw.model.delivery import Jw307, StopClient, StoppedProduct
from shared.ijw.model.request import Jw315, RequestClient
from tests.integration.allocation.conftest import (
    ALLOCATIONS,
    STAFF,
    TODAY,
    ZWOLLE,
    days,
    issue,
    mailbox,
    person,
    post_message,
    provider_header,
)
from tests.integration.allocation.test_municipal_messages import XSD, municipal_jw301
from tests.integration.allocation.test_routed_messages import request_message, start_message
from tests.support.embedded import settle

REQUESTS = "/allocation/v1/requests/98000001"
MUNICIPALITY = {"Authorization": "Bearer demo-gemeente-0193", "Content-Type": "application/xml"}


async def staff_changes(runtime: Any, client: Any) -> int:
    """Issue (with the client's particulars), a JW302 receipt, extend; issue, shorten, delete."""
    first = (await issue(runtime, client))["allocation_number"]
    [jw301] = await mailbox(client, "JW301")
    await post_message(runtime, client, Jw302(ReturnHeader(jw301.header, "R302-1", TODAY, XSD)))
    extended = await client.post(f"{ALLOCATIONS}/{ZWOLLE}/{first}/extend", json={"end": str(days(60))},
                                 headers=STAFF)
    second = (await issue(runtime, client, product={"category": "40", "code": "40A01"}))["allocation_number"]
    shortened = await client.post(f"{ALLOCATIONS}/{ZWOLLE}/{second}/shorten",
                                  json={"end": str(days(5)), "reason": "03"}, headers=STAFF)
    deleted = await client.post(f"{ALLOCATIONS}/{ZWOLLE}/{second}/delete", json={}, headers=STAFF)
    await settle(runtime)
    assert [r.status_code for r in (extended, shortened, deleted)] == [200, 200, 200]
    return first


async def deliveries(runtime: Any, client: Any, number: int) -> None:
    await post_message(runtime, client, start_message(number))
    stopped = StoppedProduct(days(-5), days(-1), "31", "1", number, Product("45", "45A01"), days(-10))
    await post_message(runtime, client, Jw307(provider_header(f"307-{number}"), StopClient(person(), (stopped,))))


def request_for(reference: str, bsn: str) -> Jw315:
    """A JW315 for another client each: one open request per client and provider (TR374)."""
    message = request_message(reference)
    return replace(message, client=RequestClient(replace(person(), bsn=bsn), message.client.products))


async def requests_answered(runtime: Any, client: Any) -> None:
    """One honoured (a new allocation), one rejected, one left in onderzoek."""
    for reference, bsn in (("VOT-1", "999900018"), ("VOT-2", "999900031"), ("VOT-3", "999900043")):
        await post_message(runtime, client, request_for(reference, bsn))
    answers = [await client.post(f"{REQUESTS}/VOT-1/honour", json={}, headers=STAFF),
               await client.post(f"{REQUESTS}/VOT-2/reject", json={"reason": "3"}, headers=STAFF),
               await client.post(f"{REQUESTS}/VOT-3/investigate", headers=STAFF)]
    await settle(runtime)
    assert [a.json()["status"] for a in answers] == ["honoured", "rejected", "under_investigation"]


async def municipal_versions(runtime: Any, client: Any) -> None:
    """A municipality's JW301, then a late, older version of the same allocation (IV013: it does
    not become the effective one)."""
    first = municipal_jw301(700001)
    newer = replace(first, client=replace(first.client, bsn="999900055"))
    older_allocation = replace(newer.client.allocations[0], decision_time=time(8, 0), end=days(20))
    older = replace(newer, header=replace(newer.header, message_id=MessageId("GM-301-2", TODAY)),
                    client=replace(newer.client, allocations=(older_allocation,)))
    for message in (newer, older):
        posted = await client.post("/gateway/v1/messages", content=encode(message), headers=MUNICIPALITY)
        await settle(runtime)
        status = await client.get(f"/gateway/v1/messages/{posted.json()['message_id']}", headers=MUNICIPALITY)
        assert status.json()["status"] == "processed"


async def snapshot(db: Any) -> dict[str, list[str]]:
    async with db.engines.read.connect() as conn:
        return {table.name: sorted(json.dumps(dict(row._mapping), sort_keys=True, default=str)
                                   for row in await conn.execute(sa.select(table))) for table in PROJECTIONS}


async def test_replaying_all_events_rebuilds_the_same_read_models(demo):
    runtime, client = demo
    number = await staff_changes(runtime, client)
    await deliveries(runtime, client, number)
    await requests_answered(runtime, client)
    await municipal_versions(runtime, client)
    db = runtime.container("allocation").db
    before = await snapshot(db)
    replayed = await rebuild_projections(db)
    assert replayed > 0 and all(before.values())
    assert await snapshot(db) == before


async def test_iv013_a_rebuild_keeps_the_latest_version_not_the_last_arrived(demo):
    runtime, client = demo
    await municipal_versions(runtime, client)
    await rebuild_projections(runtime.container("allocation").db)
    [found] = (await client.get(ALLOCATIONS, params={"client_bsn": "999900055"}, headers=STAFF)).json()
    assert (found["allocation_number"], found["end"]) == (700001, str(days(40)))


def test_every_allocation_version_event_has_a_projector():
    assert VERSION_EVENTS <= PROJECTORS.keys()
