"""Messages a provider posts at the gateway reach the allocation service and are answered in
the provider's mailbox."""

from __future__ import annotations

import sqlalchemy as sa

from services.gateway.adapters.tables import kernel as gateway_kernel
from shared.ijw.model.basis import Extent, Product
from shared.ijw.model.delivery import Jw305, StartClient, StartedProduct
from shared.ijw.model.request import Jw315, Referrer, RequestClient, RequestedProduct
from tests.integration.allocation.conftest import (
    AS_PROVIDER,
    OTHER_STAFF,
    PROVIDER,
    STAFF,
    days,
    issue,
    mailbox,
    person,
    post_message,
    provider_header,
)
from tests.support.embedded import settle


def start_message(number: int, status: str = "1") -> Jw305:
    started = StartedProduct(days(-5), status, number, Product("45", "45A01"), days(-10))
    return Jw305(provider_header(f"305-{number}-{status}"), StartClient(person(), (started,)))


def request_message(reference: str, extent: Extent | None = Extent(2, "04", "2")) -> Jw315:
    asked = RequestedProduct(reference, days(3), Referrer("02", "Huisarts Zwolle"), product=Product("45", "45A01"),
                             end=days(90), extent=extent)
    return Jw315(provider_header(f"315-{reference}"), RequestClient(person(), (asked,)))


async def test_a_start_is_answered_with_a_jw306_and_the_message_is_answered(demo):
    runtime, client = demo
    issued = await issue(runtime, client)
    message_id = await post_message(runtime, client, start_message(issued["allocation_number"]))
    [jw306] = await mailbox(client, "JW306")
    assert jw306.client is None and jw306.header.codes == ()
    status = (await client.get(f"/gateway/v1/messages/{message_id}", headers=AS_PROVIDER)).json()
    assert status["status"] == "answered"


async def test_a_start_for_an_unknown_allocation_gets_9019(demo):
    runtime, client = demo
    await post_message(runtime, client, start_message(4242))
    [jw306] = await mailbox(client, "JW306")
    assert jw306.client.products[0].codes == ("9019",)


async def test_a_redelivered_routed_message_changes_nothing(demo):
    runtime, client = demo
    issued = await issue(runtime, client)
    await post_message(runtime, client, start_message(issued["allocation_number"]))
    gateway = runtime.container("gateway").db
    async with gateway.engines.write.begin() as conn:  # as if the relay crashed before marking
        await conn.execute(sa.update(gateway_kernel.outbox).values(published_at=None))
    await settle(runtime)
    assert len(await mailbox(client, "JW306")) == 1
    assert len(await mailbox(client, "JW301")) == 1


async def test_a_request_gets_a_receipt_and_honouring_it_sends_a_jw301_with_its_reference(demo):
    runtime, client = demo
    await post_message(runtime, client, request_message("VOT-1"))
    [jw316] = await mailbox(client, "JW316")
    assert jw316.client is None
    [item] = (await client.get("/allocation/v1/requests", headers=STAFF)).json()
    honoured = await client.post(f"/allocation/v1/requests/{PROVIDER}/VOT-1/honour", json={}, headers=STAFF)
    await settle(runtime)
    assert honoured.status_code == 200, honoured.text
    assert (item["reference"], honoured.json()["status"]) == ("VOT-1", "honoured")
    [jw301] = await mailbox(client, "JW301")
    assert [a.provider_reference for a in jw301.client.allocations] == ["VOT-1"]


async def test_a_rejected_request_is_answered_with_a_jw319(demo):
    runtime, client = demo
    await post_message(runtime, client, request_message("VOT-2"))
    rejected = await client.post(f"/allocation/v1/requests/{PROVIDER}/VOT-2/reject",
                                 json={"reason": "8", "responsible_municipality": "0150"}, headers=STAFF)
    await settle(runtime)
    assert rejected.status_code == 200, rejected.text
    [jw319] = await mailbox(client, "JW319")
    assert (jw319.answer.answer, jw319.answer.rejection_reason, jw319.answer.residence_municipality) == (
        "1", "8", "0150")


async def test_a_request_put_in_onderzoek_gets_a_jw319_answer_2(demo):
    runtime, client = demo
    await post_message(runtime, client, request_message("VOT-3"))
    investigated = await client.post(f"/allocation/v1/requests/{PROVIDER}/VOT-3/investigate", headers=STAFF)
    await settle(runtime)
    assert investigated.json()["status"] == "under_investigation"
    [jw319] = await mailbox(client, "JW319")
    assert (jw319.answer.reference, jw319.answer.answer) == ("VOT-3", "2")


async def test_a_second_request_for_the_same_client_while_one_is_open_gets_9374(demo):
    runtime, client = demo
    await post_message(runtime, client, request_message("VOT-4"))
    await post_message(runtime, client, request_message("VOT-5"))
    second = (await mailbox(client, "JW316"))[-1]
    assert second.client.products[0].codes == ("9374",)


async def test_another_municipalitys_staff_cannot_answer_a_request(demo):
    runtime, client = demo
    await post_message(runtime, client, request_message("VOT-6"))
    honoured = await client.post(f"/allocation/v1/requests/{PROVIDER}/VOT-6/honour", json={}, headers=OTHER_STAFF)
    assert honoured.status_code == 404
    assert (await client.get("/allocation/v1/requests", headers=OTHER_STAFF)).json() == []


async def test_staff_may_grant_another_omvang_than_the_request_named(demo):
    # A request for a product code always names an Omvang (CD041), so staff grant a different one.
    runtime, client = demo
    await post_message(runtime, client, request_message("VOT-7"))
    honoured = await client.post(f"/allocation/v1/requests/{PROVIDER}/VOT-7/honour",
                                 json={"extent": {"volume": 3, "unit": "04", "frequency": "2"}}, headers=STAFF)
    await settle(runtime)
    assert honoured.json()["status"] == "honoured"
    [jw301] = await mailbox(client, "JW301")
    assert jw301.client.allocations[0].extent.volume == 3
