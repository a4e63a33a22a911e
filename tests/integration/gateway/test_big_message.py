"""A message bigger than what the gateway keeps in memory while receiving it (it is spooled to a
file, handlers/received.py) is received, kept, routed and recognised again byte for byte."""

from __future__ import annotations

import base64
import hashlib

from services.gateway.handlers.received import SPOOL_BYTES
from shared.events.envelope import Envelope
from shared.events.registry import EventRegistry
from shared.exchange.contract import CLASSES, MESSAGE_ROUTED, UPCASTERS
from tests.integration.gateway.conftest import PROVIDER, auth, example

ROUTED = EventRegistry.of(CLASSES, UPCASTERS)


def big_jw323(lines: int) -> bytes:
    """The example JW323 with `lines` prestaties: its total no longer adds up (TR358, level 2)."""
    data = example("JW323.xml")
    start, end = data.index(b"<jw323:Prestatie>"), data.index(b"</jw323:Prestatie>") + len(b"</jw323:Prestatie>")
    line = data[start:end]
    lines_ = [line.replace(b">R100<", f">R{n}<".encode()).replace(b">300201<", f">{300201 + n}<".encode())
              for n in range(lines)]
    return data[:start] + b"\n".join(lines_) + data[end:]


def digest(body: bytes) -> dict[str, str]:
    return {"Content-Digest": f"sha-256=:{base64.b64encode(hashlib.sha256(body).digest()).decode()}:"}


async def test_a_big_message_is_kept_routed_and_recognised_byte_for_byte(gateway):
    runtime, client = gateway
    big = big_jw323(4000)
    assert len(big) > SPOOL_BYTES
    posted = await client.post("/gateway/v1/messages", content=big, headers={**auth(PROVIDER), **digest(big)})
    again = await client.post("/gateway/v1/messages", content=big, headers=auth(PROVIDER))
    assert posted.status_code == again.status_code == 202
    message_id = posted.json()["message_id"]
    assert again.json()["message_id"] == message_id
    gw = runtime.container("gateway").context
    assert await gw.queries.messages.body(message_id) == big
    routed = [Envelope.from_json(row.value) for row in await runtime.container("gateway").db.pending_outbox(10)
              if MESSAGE_ROUTED.encode() in row.value]
    assert [ROUTED.decode(e).body() for e in routed] == [big]
    status = (await client.get(f"/gateway/v1/messages/{message_id}", headers=auth(PROVIDER))).json()
    total_line = big[:big.index(b"<jw323:TotaalIngediendBedrag>")].count(b"\n") + 1
    assert [(e["rule"], e["line"]) for e in status["errors"]] == [("TR358", total_line)]
    assert status["size"] == len(big)


async def test_a_big_message_that_does_not_match_its_digest_is_refused_and_records_nothing(gateway):
    runtime, client = gateway
    big = big_jw323(4000)
    posted = await client.post("/gateway/v1/messages", content=big, headers={**auth(PROVIDER), **digest(big + b" ")})
    assert posted.status_code == 422 and posted.json()["errors"][0]["rule"] == "DIGEST"
    assert await runtime.container("gateway").db.pending_outbox(10) == []
