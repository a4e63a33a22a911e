"""What a provider's software sees when its message is wrong: every error with its rule, element
path, line and column, at once (level 1) or on the message's status (level 2, answered 0001)."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from shared.ijw import decode
from tests.integration.gateway.conftest import PROVIDER, auth, example
from tests.support.embedded import settle

INVALID = Path(__file__).resolve().parents[3] / "examples" / "ijw" / "invalid"


def position(data: bytes, needle: bytes) -> tuple[int, int]:
    at = data.index(needle)
    return data[:at].count(b"\n") + 1, at - data.rfind(b"\n", 0, at)


async def test_a_level_two_rejection_lists_every_violation_on_the_status_and_the_answer_says_0001(gateway):
    runtime, client = gateway
    bad_bsn = (INVALID / "JW323_CS002_bsn_fails_eleven_test.xml").read_bytes()
    body = bad_bsn.replace(b"<ijw:TotaalBedrag>60000<", b"<ijw:TotaalBedrag>50000<")  # and wrong totals
    sent = (await client.post("/gateway/v1/messages", content=body, headers=auth(PROVIDER))).json()["message_id"]
    await settle(runtime)
    status = (await client.get(f"/gateway/v1/messages/{sent}", headers=auth(PROVIDER))).json()
    assert {e["rule"]: (e["path"], e["line"], e["column"]) for e in status["errors"]} == {
        "CS002": ("/Bericht/Declaratie/Clienten/Client[1]/Bsn", *position(body, b"<jw323:Bsn>")),
        "TR358": ("/Bericht/Declaratie/TotaalIngediendBedrag", *position(body, b"<jw323:TotaalIngediendBedrag>"))}
    answer = decode((await client.get(f"/gateway/v1/mailbox/{status['answer_id']}", headers=auth(PROVIDER))).content)
    assert status["status"] == "answered" and answer.header.codes == ("0001",) and answer.answer is None


async def test_a_valid_message_has_no_errors_and_the_digest_of_its_bytes(gateway):
    _, client = gateway
    body = example("JW323.xml")
    sent = (await client.post("/gateway/v1/messages", content=body, headers=auth(PROVIDER))).json()["message_id"]
    status = (await client.get(f"/gateway/v1/messages/{sent}", headers=auth(PROVIDER))).json()
    assert status["errors"] == []
    assert status["content_digest"] == f"sha-256=:{base64.b64encode(hashlib.sha256(body).digest()).decode()}:"


async def test_every_schema_error_names_its_line_column_and_element(gateway):
    _, client = gateway
    broken = example("JW323.xml").replace(b"<jw323:Eenheid>04<", b"<jw323:Eenheid>05<")
    refused = await client.post("/gateway/v1/messages", content=broken, headers=auth(PROVIDER))
    (error,) = refused.json()["errors"]
    assert (error["rule"], error["line"], error["column"]) == ("XSD", *position(broken, b"<jw323:Eenheid>05<"))
    assert error["path"] == "/Bericht/Declaratie/Clienten/Client/Prestaties/Prestatie/Eenheid"


async def test_a_message_of_a_release_the_gateway_does_not_read_is_refused_at_level_1_with_cs015(gateway):
    _, client = gateway
    newer = example("JW323.xml").replace(b"/ijw/3_2/", b"/ijw/3_3/").replace(
        b"<jw323:BerichtSubversie>2<", b"<jw323:BerichtSubversie>3<")
    refused = await client.post("/gateway/v1/messages", content=newer, headers=auth(PROVIDER))
    (error,) = refused.json()["errors"]
    assert refused.status_code == 422 and error["rule"] == "CS015" and "iJw 3.3" in error["message"]
    assert (error["line"], error["column"]) == position(newer, b"<jw323:BerichtSubversie>")


async def test_a_body_that_does_not_match_its_content_digest_is_refused(gateway):
    _, client = gateway
    body = example("JW323.xml")
    digest = base64.b64encode(hashlib.sha256(body + b" ").digest()).decode()
    headers = {**auth(PROVIDER), "Content-Digest": f"sha-256=:{digest}:"}
    refused = await client.post("/gateway/v1/messages", content=body, headers=headers)
    assert refused.status_code == 422 and refused.json()["errors"][0]["rule"] == "DIGEST"
