"""The gateway protocol of design.md §4, through HTTP only."""

from __future__ import annotations

from shared.exchange.contract import MESSAGE_ROUTED
from tests.integration.gateway.conftest import HUB, MUNICIPALITY, OTHER_PROVIDER, PROVIDER, auth, example


async def test_a_valid_jw323_is_accepted_and_received(gateway):
    _, client = gateway
    posted = await client.post("/gateway/v1/messages", content=example("JW323.xml"), headers=auth(PROVIDER))
    assert posted.status_code == 202 and posted.json()["status"] == "accepted"
    status = (await client.get(f"/gateway/v1/messages/{posted.json()['message_id']}", headers=auth(PROVIDER))).json()
    assert (status["status"], status["message_code"], status["sender"]) == ("received", "JW323", PROVIDER)


async def test_the_same_bytes_again_return_the_same_message_id(gateway):
    _, client = gateway
    first = await client.post("/gateway/v1/messages", content=example("JW323.xml"), headers=auth(PROVIDER))
    again = await client.post("/gateway/v1/messages", content=example("JW323.xml"), headers=auth(PROVIDER))
    assert again.status_code == 202 and again.json()["message_id"] == first.json()["message_id"]


async def test_an_invalid_message_is_refused_naming_line_and_rule(gateway):
    _, client = gateway
    broken = example("JW323.xml").replace(b"<jw323:DeclaratieNummer>DN20260401", b"<jw323:DeclaratieNummer>")
    refused = await client.post("/gateway/v1/messages", content=broken, headers=auth(PROVIDER))
    assert refused.status_code == 422
    error = refused.json()["errors"][0]
    assert error["rule"].startswith("XSD") and error["line"] == 19


async def test_a_hostile_message_is_refused_at_level_1(gateway):
    _, client = gateway
    laughs = (b'<?xml version="1.0" encoding="UTF-8"?><!DOCTYPE l [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]>'
              b"<l>&b;</l>")
    refused = await client.post("/gateway/v1/messages", content=laughs, headers=auth(PROVIDER))
    assert refused.status_code == 422 and refused.json()["errors"][0]["rule"] == "DOCTYPE"


async def test_a_body_over_25_mb_is_refused_with_413(gateway):
    _, client = gateway
    huge = b"<x>" + b" " * (25 * 1024 * 1024) + b"</x>"
    assert (await client.post("/gateway/v1/messages", content=huge, headers=auth(PROVIDER))).status_code == 413


async def test_a_message_whose_afzender_is_another_party_is_forbidden(gateway):
    _, client = gateway
    posted = await client.post("/gateway/v1/messages", content=example("JW323.xml"), headers=auth(OTHER_PROVIDER))
    assert posted.status_code == 403


async def test_a_hub_may_send_for_the_providers_it_is_authorised_for(gateway):
    _, client = gateway
    posted = await client.post("/gateway/v1/messages", content=example("JW323.xml"), headers=auth(HUB))
    assert posted.status_code == 202
    own = await client.get(f"/gateway/v1/messages/{posted.json()['message_id']}", headers=auth(PROVIDER))
    assert own.json()["sender"] == PROVIDER


async def test_without_a_valid_token_the_answer_is_401(gateway):
    _, client = gateway
    headers = {"Authorization": "Bearer not-a-token", "Content-Type": "application/xml"}
    assert (await client.post("/gateway/v1/messages", content=b"<x/>", headers=headers)).status_code == 401
    assert (await client.get("/gateway/v1/mailbox")).status_code == 401


async def test_another_provider_cannot_see_a_message_it_did_not_send(gateway):
    _, client = gateway
    posted = await client.post("/gateway/v1/messages", content=example("JW323.xml"), headers=auth(PROVIDER))
    peek = await client.get(f"/gateway/v1/messages/{posted.json()['message_id']}", headers=auth(OTHER_PROVIDER))
    assert peek.status_code == 404


async def test_a_municipality_jw301_reaches_the_provider_who_fetches_and_acknowledges_it(gateway):
    _, client = gateway
    jw301 = example("JW301.xml")
    assert (await client.post("/gateway/v1/messages", content=jw301, headers=auth(MUNICIPALITY))).status_code == 202
    inbox = (await client.get("/gateway/v1/mailbox?unacknowledged=true", headers=auth(PROVIDER))).json()
    assert [(m["message_code"], m["sender"]) for m in inbox] == [("JW301", MUNICIPALITY)]
    item = inbox[0]["message_id"]
    fetched = await client.get(f"/gateway/v1/mailbox/{item}", headers=auth(PROVIDER))
    assert fetched.content == jw301 and fetched.headers["content-type"].startswith("application/xml")
    assert (await client.post(f"/gateway/v1/mailbox/{item}/ack", headers=auth(PROVIDER))).status_code == 204
    assert (await client.get("/gateway/v1/mailbox?unacknowledged=true", headers=auth(PROVIDER))).json() == []


async def test_another_provider_cannot_read_or_acknowledge_a_mailbox_item(gateway):
    _, client = gateway
    await client.post("/gateway/v1/messages", content=example("JW301.xml"), headers=auth(MUNICIPALITY))
    item = (await client.get("/gateway/v1/mailbox", headers=auth(PROVIDER))).json()[0]["message_id"]
    assert (await client.get("/gateway/v1/mailbox", headers=auth(OTHER_PROVIDER))).json() == []
    assert (await client.get(f"/gateway/v1/mailbox/{item}", headers=auth(OTHER_PROVIDER))).status_code == 404
    assert (await client.post(f"/gateway/v1/mailbox/{item}/ack", headers=auth(OTHER_PROVIDER))).status_code == 404


async def test_a_provider_cannot_post_an_answer_message(gateway):
    _, client = gateway
    refused = await client.post("/gateway/v1/messages", content=example("JW325.xml"), headers=auth(PROVIDER))
    assert refused.status_code == 422 and refused.json()["errors"][0]["rule"] == "DIRECTION"


async def test_times_are_given_with_their_time_zone(gateway):
    _, client = gateway
    posted = await client.post("/gateway/v1/messages", content=example("JW323.xml"), headers=auth(PROVIDER))
    status = await client.get(f"/gateway/v1/messages/{posted.json()['message_id']}", headers=auth(PROVIDER))
    assert status.json()["received_at"].endswith(("Z", "+00:00"))


async def test_the_openapi_document_describes_the_whole_protocol_with_examples(gateway):
    _, client = gateway
    spec = (await client.get("/openapi.json")).json()
    paths = spec["paths"]
    assert {"/gateway/v1/messages", "/gateway/v1/messages/{message_id}", "/gateway/v1/mailbox",
            "/gateway/v1/mailbox/{message_id}", "/gateway/v1/mailbox/{message_id}/ack"} <= set(paths)
    post = paths["/gateway/v1/messages"]["post"]
    assert "application/xml" in post["requestBody"]["content"] and {"202", "422", "413"} <= set(post["responses"])
    assert spec["components"]["schemas"]["Accepted"]["properties"]["message_id"]["examples"]


async def test_routed_messages_are_keyed_by_municipality_so_a_consumer_group_keeps_their_order(gateway):
    runtime, client = gateway
    first = await client.post("/gateway/v1/messages", content=example("JW323.xml"), headers=auth(PROVIDER))
    again = example("JW323.xml").replace(b"<jw323:DeclaratieNummer>DN20260401",
                                         b"<jw323:DeclaratieNummer>DN20260402")
    second = await client.post("/gateway/v1/messages", content=again, headers=auth(PROVIDER))
    assert first.status_code == second.status_code == 202
    outbox = await runtime.container("gateway").db.pending_outbox(100)
    routed = [row for row in outbox if MESSAGE_ROUTED.encode() in row.value]
    assert [row.key for row in routed] == [f"municipality-{MUNICIPALITY}"] * 2
