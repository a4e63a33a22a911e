"""JW317 verzoek om wijziging: a JW318 receipt, then honoured by a change that carries its
ReferentieAanbieder, or rejected with a JW319 (reden 8 names the responsible municipality)."""

from __future__ import annotations

from shared.ijw.model.basis import Extent, Product
from shared.ijw.model.request import ChangedProduct, ChangeRequest, ChangeRequestClient, Jw317, NewProduct
from tests.integration.allocation.conftest import (
    ALLOCATIONS,
    CLIENT,
    PROVIDER,
    STAFF,
    ZWOLLE,
    days,
    issue,
    mailbox,
    post_message,
    provider_header,
)
from tests.support.embedded import settle

REQUESTS = f"/allocation/v1/requests/{PROVIDER}"


def change_message(reference: str, number: int) -> Jw317:
    changed = ChangedProduct(number, days(-10), days(60))
    new = NewProduct(days(5), Product("40", "40A01"), days(60), Extent(1, "04", "2"))
    return Jw317(provider_header(f"317-{reference}"),
                 ChangeRequestClient(CLIENT, ChangeRequest(reference, "1", changed=(changed,), new=(new,))))


async def test_a_change_request_rejected_with_reason_8_names_the_other_municipality(demo):
    runtime, client = demo
    issued = await issue(runtime, client)
    await post_message(runtime, client, change_message("VOW-1", issued["allocation_number"]))
    [jw318] = await mailbox(client, "JW318")
    rejected = await client.post(f"{REQUESTS}/VOW-1/reject", json={"reason": "8", "responsible_municipality": "0150"},
                                 headers=STAFF)
    await settle(runtime)
    [jw319] = await mailbox(client, "JW319")
    assert (jw318.client, rejected.json()["status"]) == (None, "rejected")
    assert (jw319.answer.rejection_reason, jw319.answer.residence_municipality) == ("8", "0150")


async def test_a_change_request_omitting_a_current_allocation_gets_9349(demo):
    runtime, client = demo
    await issue(runtime, client)
    other = await issue(runtime, client, product={"category": "40", "code": "40A01"})
    await post_message(runtime, client, change_message("VOW-2", other["allocation_number"]))
    [jw318] = await mailbox(client, "JW318")
    assert jw318.client.request.codes == ("9349",)


async def test_an_extension_honouring_a_change_request_carries_its_reference(demo):
    runtime, client = demo
    number = (await issue(runtime, client))["allocation_number"]
    await post_message(runtime, client, change_message("VOW-3", number))
    await client.post(f"{ALLOCATIONS}/{ZWOLLE}/{number}/extend",
                      json={"end": str(days(60)), "provider_reference": "VOW-3"}, headers=STAFF)
    honoured = await client.post(f"{REQUESTS}/VOW-3/honour", json={"allocation_numbers": [number]}, headers=STAFF)
    await settle(runtime)
    [extended] = (await mailbox(client, "JW301"))[-1].client.allocations
    assert (extended.provider_reference, honoured.json()["status"]) == ("VOW-3", "honoured")
