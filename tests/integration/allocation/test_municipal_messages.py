"""A municipality's own JW301 is registered like a staff-issued allocation (and not sent twice),
honours the JW315 it names with the request's referrer; the provider's JW302 is recorded on the
allocations of the JW301 it answers."""

from __future__ import annotations

from dataclasses import replace
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
from tests.integration.allocation.test_routed_messages import request_message
from tests.support.embedded import settle

XSD = XsdVersion("1.0.0", "1.0.0")


GEMEENTE = {"Authorization": "Bearer demo-gemeente-0193", "Content-Type": "application/xml"}


def municipal_jw301(number: int, reference: str | None = None, identification: str = "GM-301-1") -> Jw301:
    allocation = Allocation(number, TODAY, time(9, 30), days(-3), days(40), product=Product("45", "45A01"),
                            extent=Extent(3, "04", "2"), provider_reference=reference)
    client = AllocationClient(CLIENT, BirthDate(days(-4000)), "1", FullName(Surname("Visser"), "1"),
                              (Contact("01"),), (allocation,))
    return Jw301(Header(ZWOLLE, PROVIDER, MessageId(identification, TODAY), XSD), client)


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


async def referrer_of(client, number: int) -> str | None:  # type: ignore[no-untyped-def]
    found = (await client.get(ALLOCATIONS, params={"client_bsn": CLIENT}, headers=STAFF)).json()
    return next(a["referrer_type"] for a in found if a["allocation_number"] == number)


async def test_a_municipal_jw301_naming_a_request_honours_it_and_carries_its_referrer(demo):
    runtime, client = demo
    await post_message(runtime, client, request_message("VOT-7"))  # the GP (02) referred
    assert [r["reference"] for r in (await client.get("/allocation/v1/requests", headers=STAFF)).json()] == ["VOT-7"]
    await client.post("/gateway/v1/messages", content=encode(municipal_jw301(700003, "VOT-7")), headers=GEMEENTE)
    await settle(runtime)
    assert await referrer_of(client, 700003) == "02"
    assert (await client.get("/allocation/v1/requests", headers=STAFF)).json() == []  # answered: off the work list


async def test_a_municipal_jw301_without_a_request_names_no_referrer(demo):
    runtime, client = demo
    await client.post("/gateway/v1/messages", content=encode(municipal_jw301(700004)), headers=GEMEENTE)
    await settle(runtime)
    assert await referrer_of(client, 700004) is None


async def test_a_jw301_sent_again_after_its_request_was_honoured_changes_nothing(demo):
    runtime, client = demo
    await post_message(runtime, client, request_message("VOT-8"))
    first = municipal_jw301(700005, "VOT-8")
    again = replace(first, header=replace(first.header, message_id=MessageId("GM-301-2", TODAY)))
    for message in (first, again):
        posted = await client.post("/gateway/v1/messages", content=encode(message), headers=GEMEENTE)
        await settle(runtime)
        status = await client.get(f"/gateway/v1/messages/{posted.json()['message_id']}", headers=GEMEENTE)
        assert status.json()["status"] == "processed"
    assert await referrer_of(client, 700005) == "02"
