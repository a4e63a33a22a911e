"""POST /gateway/v1/check: what posting would do, for the caller's own message, and nothing more."""

from __future__ import annotations

from pathlib import Path

import sqlalchemy as sa

from tests.integration.gateway.conftest import HUB, MUNICIPALITY, OTHER_PROVIDER, PROVIDER, auth, example

INVALID = Path(__file__).resolve().parents[3] / "examples" / "ijw" / "invalid"


async def check(client, body: bytes, party: str = PROVIDER):  # type: ignore[no-untyped-def]
    return await client.post("/gateway/v1/check", content=body, headers=auth(party))


async def test_a_valid_message_is_reported_valid(gateway):
    _, client = gateway
    report = (await check(client, example("JW323.xml"))).json()
    assert report == {"valid": True, "message_code": "JW323", "release": "3.2", "level": None, "errors": []}


async def test_a_level_two_error_is_reported_as_an_answer_0001_would_be_with_its_place(gateway):
    _, client = gateway
    body = (INVALID / "JW323_CS002_bsn_fails_eleven_test.xml").read_bytes()
    report = (await check(client, body)).json()
    (error,) = report["errors"]
    assert (report["valid"], report["level"], error["rule"], error["path"]) == (
        False, 2, "CS002", "/Bericht/Declaratie/Clienten/Client[1]/Bsn")
    assert error["line"] == body[: body.index(b"<jw323:Bsn>")].count(b"\n") + 1 and error["column"] == 9


async def test_the_published_jw317_sample_mistake_is_found(gateway):
    _, client = gateway
    report = (await check(client, (INVALID / "JW317_CS003_end_before_desired_start.xml").read_bytes())).json()
    assert [e["rule"] for e in report["errors"]] == ["CS003"]


async def test_a_schema_error_is_reported_as_a_refusal_at_level_1(gateway):
    _, client = gateway
    report = (await check(client, example("JW323.xml").replace(b">04<", b">05<"))).json()
    assert (report["level"], [e["rule"] for e in report["errors"]]) == (1, ["XSD"])
    assert report["errors"][0]["column"] is not None and report["errors"][0]["path"].endswith("/Eenheid")


async def test_a_message_the_gateway_does_not_take_from_you_is_reported_as_its_post_would_be_refused(gateway):
    _, client = gateway
    report = (await check(client, example("JW325.xml"), MUNICIPALITY)).json()  # answers come from the services
    assert (report["level"], report["errors"][0]["rule"]) == (1, "DIRECTION")


async def test_another_partys_message_is_not_checked(gateway):
    _, client = gateway
    refused = await check(client, example("JW323.xml"), OTHER_PROVIDER)
    assert refused.status_code == 403 and refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["errors"] == [{"rule": "AFZENDER", "message": refused.json()["detail"]}]


async def test_a_hub_checks_for_the_providers_it_sends_for(gateway):
    _, client = gateway
    assert (await check(client, example("JW323.xml"), HUB)).json()["valid"] is True


async def test_checking_records_and_sends_nothing(gateway):
    runtime, client = gateway
    db = runtime.container("gateway").db
    async with db.engines.read.connect() as conn:
        before = await conn.scalar(sa.select(sa.func.count()).select_from(db.tables.events))
    await check(client, example("JW323.xml"))
    await check(client, (INVALID / "JW323_CS002_bsn_fails_eleven_test.xml").read_bytes())
    async with db.engines.read.connect() as conn:
        assert await conn.scalar(sa.select(sa.func.count()).select_from(db.tables.events)) == before
    assert (await client.get("/gateway/v2/messages", headers=auth(PROVIDER))).json()["items"] == []


async def test_a_body_over_the_limit_is_refused_with_413(gateway):
    _, client = gateway
    assert (await check(client, b"<x>" + b" " * (25 * 1024 * 1024) + b"</x>")).status_code == 413


async def test_the_openapi_document_shows_the_check_with_examples(gateway):
    _, client = gateway
    operation = (await client.get("/openapi.json")).json()["paths"]["/gateway/v1/check"]["post"]
    examples = operation["responses"]["200"]["content"]["application/json"]["examples"]
    assert {"valid", "level 1", "level 2"} <= set(examples) and "application/xml" in operation["requestBody"]["content"]
