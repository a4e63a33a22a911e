"""The gateway's read models are a projection of its own events: replaying them rebuilds the same
rows (services/gateway/adapters/rebuild.py), and the bytes of the messages are records a rebuild
leaves alone."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa

from services.gateway.adapters.projections import PROJECTORS
from services.gateway.adapters.rebuild import PROJECTIONS, rebuild_projections
from services.gateway.adapters.tables import received_bodies
from services.gateway.domain.events import TYPES
from services.gateway.handlers.parties import StaffSpec, register_staff
from services.gateway.handlers.region_loads import load_region_file
from services.gateway.region.loader import load_region
from services.gateway.region.model import read_region
from shared.auth.principal import Role
from shared.bus import Message
from shared.events.envelope import Envelope, NewEvent
from shared.exchange.contract import MESSAGE_ISSUED, MessageIssued
from shared.persistence.rows import utc
from tests.support.embedded import embedded_app, settle
from tests.support.staff import csrf, sign_in

ROOT = Path(__file__).resolve().parents[3]
REGION = ROOT / "examples" / "regions" / "ijsselland.toml"
JW323 = (ROOT / "examples" / "demo" / "JW323.xml").read_bytes()
JW301 = (ROOT / "examples" / "demo" / "JW301.xml").read_bytes()
JW325 = (ROOT / "examples" / "ijw" / "valid" / "JW325.xml").read_bytes()
JW315 = (ROOT / "examples" / "ijw" / "valid" / "JW315.xml").read_bytes().replace(b">42420001<", b">98000001<").replace(
    b">0384<", b">0193<")  # a request: its ReferentieAanbieder is kept to link the answer
PROVIDER, HUB, MUNICIPALITY = "demo-aanbieder-98000001", "demo-hub-98009999", "demo-gemeente-0193"


def as_(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}", "Content-Type": "application/xml"}


@pytest.fixture
async def region(tmp_path: Path):  # type: ignore[no-untyped-def]
    async with embedded_app(tmp_path) as (runtime, client):
        await load_region(runtime.container("gateway").context, read_region(REGION))
        await settle(runtime)
        yield runtime, client


async def post(client, body: bytes, token: str) -> Any:  # type: ignore[no-untyped-def]
    return await client.post("/gateway/v1/messages", content=body, headers=as_(token))


async def answer(runtime, in_reply_to: str) -> None:  # type: ignore[no-untyped-def]
    """An answer as the invoicing service issues one (it holds the demo JW323: no allocation)."""
    issued = MessageIssued(str(uuid.uuid4()), "325", "0193", "98000001", JW325.decode(), in_reply_to)
    envelope = Envelope.of("decl-1", 1, NewEvent(MESSAGE_ISSUED, 1, issued.payload(), datetime.now(UTC)))
    await runtime.bus.publish([Message("happyflow.invoicing.events", "decl-1", envelope.to_json())])
    await settle(runtime)


async def a_busy_day(runtime, client, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    await register_staff(runtime.container("gateway").context, StaffSpec("tijdelijk", (Role.FINANCE,), ("0193",)))
    await sign_in(client, "financien")
    assert (await client.post("/auth/logout", headers=csrf(client))).status_code == 204
    await sign_in(client, "controller")
    client.cookies.clear()  # the session stays open; the calls below are the parties' (bearer tokens)
    sent = (await post(client, JW323, PROVIDER)).json()["message_id"]
    assert (await post(client, JW323, PROVIDER)).json()["message_id"] == sent  # the same bytes again
    for_another = JW323.replace(b"Afzender>98000001", b"Afzender>98000005").replace(b"323-0506-1", b"323-0506-5")
    assert (await post(client, for_another, HUB)).status_code == 202
    assert (await post(client, JW325, PROVIDER)).status_code == 422  # a provider does not answer
    assert (await post(client, JW301, MUNICIPALITY)).status_code == 202  # straight into the mailbox
    assert (await post(client, JW315, PROVIDER)).status_code == 202
    await settle(runtime)
    await answer(runtime, sent)
    for item in (await client.get("/gateway/v1/mailbox", headers=as_(PROVIDER))).json():
        assert (await client.post(f"/gateway/v1/mailbox/{item['message_id']}/ack", headers=as_(PROVIDER))).is_success
    changed = tmp_path / "changed.toml"
    changed.write_text(REGION.read_text().replace('tokens = ["demo-staff-beheer"]', 'tokens = ["demo-staff-beheer", '
                                                  '"rotated-staff-beheer"]').replace("Zwolle", "Gemeente Zwolle"))
    # Without "tijdelijk"; loaded as a file, so that the load itself is recorded (RegionFileLoaded).
    await load_region_file(runtime.container("gateway").context, changed.read_bytes(), None)
    await settle(runtime)


async def snapshot(db) -> dict[str, list[tuple[Any, ...]]]:  # type: ignore[no-untyped-def]
    async with db.engines.read.connect() as conn:
        return {t.name: sorted((tuple(plain(v) for v in row) for row in await conn.execute(sa.select(t))), key=repr)
                for t in PROJECTIONS}


def plain(value: Any) -> Any:
    return utc(value).isoformat() if isinstance(value, datetime) else value


async def test_replaying_every_event_rebuilds_the_same_read_models(region, tmp_path):
    runtime, client = region
    await a_busy_day(runtime, client, tmp_path)
    db = runtime.container("gateway").db
    before = await snapshot(db)
    assert all(before.values()), {name: len(rows) for name, rows in before.items()}
    assert await rebuild_projections(db) == len(await db.read_all(limit=100_000))
    assert await snapshot(db) == before
    status = (await client.get("/gateway/v1/mailbox", headers=as_(PROVIDER))).json()
    assert all(m["acknowledged"] for m in status) and len(status) >= 2


async def test_a_rebuild_that_leaves_out_any_projector_is_noticed(region, tmp_path):
    runtime, client = region
    await a_busy_day(runtime, client, tmp_path)
    db = runtime.container("gateway").db
    assert {e.type for e in await db.read_all(limit=100_000)} == set(PROJECTORS)  # the day covers every event

    async def skipped(conn, envelopes) -> None:  # type: ignore[no-untyped-def]
        return None

    before = await snapshot(db)
    for event_type in PROJECTORS:
        await rebuild_projections(db, {**PROJECTORS, event_type: skipped})
        assert await snapshot(db) != before, event_type
    await rebuild_projections(db)
    assert await snapshot(db) == before


def test_every_gateway_event_type_has_a_projector():
    assert set(PROJECTORS) == {t.name for t in TYPES}


async def test_a_rebuild_keeps_the_bytes_of_every_message(region):
    runtime, client = region
    sent = (await post(client, JW323, PROVIDER)).json()["message_id"]
    await rebuild_projections(runtime.container("gateway").db)
    async with runtime.container("gateway").db.engines.read.connect() as conn:
        assert await conn.scalar(sa.select(received_bodies.c.body).where(received_bodies.c.message_id == sent)) == JW323


async def test_the_same_bytes_posted_twice_at_once_are_one_message(region):
    _, client = region
    first, second = await asyncio.gather(post(client, JW323, PROVIDER), post(client, JW323, PROVIDER))
    assert (first.status_code, second.status_code) == (202, 202)
    assert first.json()["message_id"] == second.json()["message_id"]
