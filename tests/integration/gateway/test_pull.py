"""The mailbox and the sent messages in pages, as VECOZO's pull hands them out."""

from __future__ import annotations

import base64
import hashlib
import uuid
from datetime import UTC, datetime

from shared.bus import Message
from shared.clock import SystemClock
from shared.events.envelope import Envelope, NewEvent
from shared.exchange.contract import MESSAGE_ISSUED, MessageIssued
from tests.integration.gateway.conftest import MUNICIPALITY, OTHER_PROVIDER, PROVIDER, auth, example
from tests.support.embedded import settle

MAILBOX = "/gateway/v2/mailbox"


async def issue(runtime, *codes: str, to: str = PROVIDER) -> list[str]:  # type: ignore[no-untyped-def]
    """Messages for a mailbox as the services issue them, in this order (one key: one partition)."""
    issued = [MessageIssued(str(uuid.uuid4()), code, MUNICIPALITY, to, example(f"JW{code}.xml").decode())
              for code in codes]
    envelopes = [Envelope.of("service-stream", 1, NewEvent(MESSAGE_ISSUED, 1, m.payload(), datetime.now(UTC)))
                 for m in issued]
    await runtime.bus.publish([Message("happyflow.allocation.events", e.stream_id, e.to_json()) for e in envelopes])
    await settle(runtime)
    return [m.message_id for m in issued]


async def every_page(client, url: str, party: str = PROVIDER) -> list[list[str]]:  # type: ignore[no-untyped-def]
    pages, cursor = [], ""
    while True:
        page = (await client.get(url + (f"&cursor={cursor}" if cursor else ""), headers=auth(party))).json()
        pages.append([item["message_id"] for item in page["items"]])
        if page["next"] is None:
            return pages
        cursor = page["next"]


async def test_the_mailbox_comes_in_pages_of_the_size_asked_oldest_first(gateway):
    runtime, client = gateway
    sent = await issue(runtime, *["306"] * 7)
    pages = await every_page(client, f"{MAILBOX}?limit=3")
    assert [len(p) for p in pages] == [3, 3, 1] and sum(pages, []) == sent


async def test_messages_arriving_while_paging_come_on_later_pages_none_missed_none_twice(gateway):
    runtime, client = gateway
    first = await issue(runtime, *["306"] * 4)
    page = (await client.get(f"{MAILBOX}?limit=3", headers=auth(PROVIDER))).json()
    later = await issue(runtime, "308", "306")
    rest = await every_page(client, f"{MAILBOX}?limit=3&cursor={page['next']}")
    assert [i["message_id"] for i in page["items"]] + sum(rest, []) == first + later


async def test_a_page_holds_at_most_250(gateway):
    _, client = gateway
    refused = await client.get(f"{MAILBOX}?limit=251", headers=auth(PROVIDER))
    assert refused.status_code == 422
    schema = (await client.get("/openapi.json")).json()["paths"][MAILBOX]["get"]["parameters"]
    assert next(p for p in schema if p["name"] == "limit")["schema"]["maximum"] == 250


async def test_a_cursor_the_gateway_did_not_hand_out_is_a_problem_naming_the_field(gateway):
    _, client = gateway
    refused = await client.get(f"{MAILBOX}?cursor=not-a-cursor", headers=auth(PROVIDER))
    assert refused.status_code == 422 and refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["errors"][0]["field"] == "query.cursor"


async def test_the_mailbox_filters_by_code_sender_period_and_acknowledgement(gateway):
    runtime, client = gateway
    start, stop, _ = await issue(runtime, "306", "308", "306")
    await client.post(f"/gateway/v1/mailbox/{start}/ack", headers=auth(PROVIDER))
    today = SystemClock().today()  # the filters count in Dutch days

    async def ids(query: str) -> list[str]:
        return [i["message_id"] for i in (await client.get(f"{MAILBOX}?{query}", headers=auth(PROVIDER))).json()["items"]]

    assert await ids("message_code=JW308") == [stop]
    assert await ids("acknowledged=true") == [start]
    assert len(await ids(f"sender={MUNICIPALITY}&since={today}&until={today}")) == 3
    assert await ids("sender=0363") == [] and await ids(f"until={today.replace(year=today.year - 1)}") == []


async def test_each_message_carries_the_sha256_of_its_bytes_in_the_listing_and_on_the_xml(gateway):
    runtime, client = gateway
    (message_id,) = await issue(runtime, "306")
    (item,) = (await client.get(MAILBOX, headers=auth(PROVIDER))).json()["items"]
    xml = await client.get(f"/gateway/v1/mailbox/{message_id}", headers=auth(PROVIDER))
    expected = f"sha-256=:{base64.b64encode(hashlib.sha256(xml.content).digest()).decode()}:"
    assert item["content_digest"] == xml.headers["content-digest"] == expected


async def test_another_partys_mailbox_stays_out_of_every_page(gateway):
    runtime, client = gateway
    await issue(runtime, "306", "306")
    assert (await client.get(MAILBOX, headers=auth(OTHER_PROVIDER))).json() == {"items": [], "next": None}


async def test_a_declaration_and_its_jw325_share_a_conversation(gateway):
    runtime, client = gateway
    bad = example("JW323.xml").replace(b">999900006<", b">123456789<")  # CS002: answered 0001 at once
    declared = (await client.post("/gateway/v1/messages", content=bad, headers=auth(PROVIDER))).json()["message_id"]
    await settle(runtime)
    (answer,) = (await client.get(f"{MAILBOX}?message_code=JW325", headers=auth(PROVIDER))).json()["items"]
    (sent,) = (await client.get("/gateway/v2/messages", headers=auth(PROVIDER))).json()["items"]
    assert (answer["in_reply_to"], answer["conversation_id"]) == (declared, declared)
    assert (sent["message_id"], sent["conversation_id"], sent["status"]) == (declared, declared, "answered")


async def test_a_jw302_names_the_jw301_it_answers_and_joins_its_conversation(gateway):
    runtime, client = gateway
    allocated = await client.post("/gateway/v1/messages", content=example("JW301.xml"), headers=auth(MUNICIPALITY))
    (item,) = (await client.get(f"{MAILBOX}?message_code=JW301", headers=auth(PROVIDER))).json()["items"]
    receipt = await client.post("/gateway/v1/messages", content=example("JW302.xml"), headers=auth(PROVIDER))
    status = (await client.get(f"/gateway/v1/messages/{receipt.json()['message_id']}", headers=auth(PROVIDER))).json()
    assert status["in_reply_to"] == item["message_id"]
    assert status["conversation_id"] == item["conversation_id"] == allocated.json()["message_id"]


async def test_the_sent_messages_come_in_pages_with_their_status(gateway):
    runtime, client = gateway
    posted = [(await client.post("/gateway/v1/messages", content=example(name), headers=auth(PROVIDER))).json()
              ["message_id"] for name in ("JW315.xml", "JW305.xml", "JW317.xml")]
    await settle(runtime)
    assert sum(await every_page(client, "/gateway/v2/messages?limit=2"), []) == posted
    answered = (await client.get("/gateway/v2/messages?status=answered&message_code=JW305",
                                 headers=auth(PROVIDER))).json()["items"]
    assert [m["message_id"] for m in answered] == [posted[1]]


async def test_the_unpaged_mailbox_still_answers_old_clients_and_names_its_successor(gateway):
    runtime, client = gateway
    await issue(runtime, "306")
    old = await client.get("/gateway/v1/mailbox", headers=auth(PROVIDER))
    assert isinstance(old.json(), list) and len(old.json()) == 1
    assert old.headers["deprecation"].startswith("@") and "/gateway/v2/mailbox" in old.headers["link"]
