"""A municipality's own JW301 is registered like a staff-issued allocation (and not sent twice);
the provider's JW302 is recorded on the allocations of the JW301 it answers."""

from __future__ import annotations

from datetime import time

from shared.ijw import encode
from shared.ijw.model.allocation import Allocation, AllocationClient, Contact, Jw301, Jw302
from shared.ijw.model.basis import (
    BirthDate,
    Extent,
    FullName,
    Header,
    MessageId,
    Product,
    ReturnHeader,
    Surname,
    XsdVersion,
)
from tests.integration.allocation.conftest import (
    ALLOCATIONS,
    CLIENT,
    PROVIDER,
    STAFF,
    TODAY,
    ZWOLLE,
    days,
    issue,
    mailbox,
    post_message,
)
from tests.support.embedded import settle

XSD = XsdVersion("1.0.0", "1.0.0")


def municipal_jw301(number: int) -> Jw301:
    allocation = Allocation(number, TODAY, time(9, 30), days(-3), days(40), product=Product("45", "45A01"),
                            extent=Extent(3, "04", "2"))
    client = AllocationClient(CLIENT, BirthDate(days(-4000)), "1", FullName(Surname("Visser"), "1"),
                              (Contact("01"),), (allocation,))
    return Jw301(Header(ZWOLLE, PROVIDER, MessageId("GM-301-1", TODAY), XSD), client)


async def test_a_municipal_jw301_is_registered_and_delivered_once(demo):
    runtime, client = demo
    posted = await client.post("/gateway/v1/messages", content=encode(municipal_jw301(700001)),
                               headers={"Authorization": "Bearer demo-gemeente-0193",
                                        "Content-Type": "application/xml"})
    await settle(runtime)
    assert posted.status_code == 202
    found = (await client.get(ALLOCATIONS, params={"client_bsn": CLIENT}, headers=STAFF)).json()
    assert [(a["allocation_number"], a["extent"]["volume"]) for a in found] == [(700001, 3)]
    assert len(await mailbox(client, "JW301")) == 1


async def test_a_jw302_without_remarks_marks_the_allocation_accepted(demo):
    runtime, client = demo
    issued = await issue(runtime, client)
    [jw301] = await mailbox(client, "JW301")
    receipt = Jw302(ReturnHeader(jw301.header, "R302-1", TODAY, XSD))
    await post_message(runtime, client, receipt)
    [found] = (await client.get(ALLOCATIONS, params={"client_bsn": CLIENT}, headers=STAFF)).json()
    assert (found["allocation_number"], found["receipt"]) == (issued["allocation_number"], "accepted")


async def test_a_municipal_jw301_ends_processed_at_the_gateway(demo):
    runtime, client = demo
    gemeente = {"Authorization": "Bearer demo-gemeente-0193", "Content-Type": "application/xml"}
    posted = await client.post("/gateway/v1/messages", content=encode(municipal_jw301(700002)), headers=gemeente)
    await settle(runtime)
    status = await client.get(f"/gateway/v1/messages/{posted.json()['message_id']}", headers=gemeente)
    assert status.json()["status"] == "processed"
