"""A provider's JW323 through the gateway: matched, answered with a JW325 in its mailbox."""

from __future__ import annotations

from datetime import date, time
from pathlib import Path

import pytest
import sqlalchemy as sa

from services.invoicing.domain.allocation import AllocationVersion, Extent, Frequency
from services.invoicing.domain.declaration import Unit
from services.invoicing.adapters.sql.master_data import record_allocation_version
from services.invoicing.handlers import intake
from shared.bus import Message
from shared.ijw import decode
from tests.support.embedded import settle
from tests.support.regions import region_app

ROOT = Path(__file__).resolve().parents[3]
PROVIDER = {"Authorization": "Bearer demo-aanbieder-98000001", "Content-Type": "application/xml"}
JW323 = (ROOT / "examples" / "demo" / "JW323.xml").read_bytes()


@pytest.fixture
async def region(tmp_path: Path):  # type: ignore[no-untyped-def]
    async with region_app(tmp_path, ROOT / "examples/regions/ijsselland.toml") as (runtime, client):
        yield runtime, client


async def allocate(runtime) -> None:  # type: ignore[no-untyped-def]
    """Allocation 300201 (8 hours a month of 45A01) as the matcher's read model holds it; the demo
    region's contract pays 98000001 7850 cents an hour for 45A01."""
    version = AllocationVersion(date(2026, 3, 20), time(10, 0), "45", "45A01", date(2026, 4, 1), date(2026, 12, 31),
                                extent=Extent(8, Unit.HOUR, Frequency.PER_MONTH))
    db = runtime.container("invoicing").db
    async with db.unit_of_work() as uow:
        await record_allocation_version(uow.connection, "0193", 300201, "98000001", "999900006", version)
        await uow.commit()


async def post_and_settle(runtime, client, body: bytes) -> str:  # type: ignore[no-untyped-def]
    posted = await client.post("/gateway/v1/messages", content=body, headers=PROVIDER)
    assert posted.status_code == 202, posted.text
    await settle(runtime)
    return posted.json()["message_id"]


async def test_a_declaration_that_fits_is_answered_8001_with_everything_granted(region):
    runtime, client = region
    await allocate(runtime)
    sent = await post_and_settle(runtime, client, JW323)
    status = (await client.get(f"/gateway/v1/messages/{sent}", headers=PROVIDER)).json()
    assert status["status"] == "answered"
    answer = decode((await client.get(f"/gateway/v1/mailbox/{status['answer_id']}", headers=PROVIDER)).content)
    assert answer.answer.codes == ("8001",) and answer.answer.total_granted.cents == 62800
    assert answer.header.declaration_id.identification == "323-0506-1"


async def test_a_line_without_an_allocation_is_held_and_no_answer_leaves_yet(region):
    runtime, client = region
    sent = await post_and_settle(runtime, client, JW323)
    status = (await client.get(f"/gateway/v1/messages/{sent}", headers=PROVIDER)).json()
    assert status["status"] == "processing" and status["answer_id"] is None
    assert (await client.get("/gateway/v1/mailbox", headers=PROVIDER)).json() == []


async def test_a_wrong_amount_is_rejected_with_9346_and_listed_in_the_answer(region):
    runtime, client = region
    await allocate(runtime)
    wrong = JW323.replace(b"<ijw:Bedrag>62800</ijw:Bedrag>", b"<ijw:Bedrag>63800</ijw:Bedrag>").replace(
        b"<ijw:TotaalBedrag>62800</ijw:TotaalBedrag>", b"<ijw:TotaalBedrag>63800</ijw:TotaalBedrag>")
    await post_and_settle(runtime, client, wrong)
    item = (await client.get("/gateway/v1/mailbox", headers=PROVIDER)).json()[0]
    answer = decode((await client.get(f"/gateway/v1/mailbox/{item['message_id']}", headers=PROVIDER)).content)
    rejected = answer.answer.clients[0].lines[0]
    assert "9346" in rejected.codes and answer.answer.total_granted.cents == 0


async def test_a_routed_declaration_delivered_twice_is_answered_once(region):
    runtime, client = region
    await allocate(runtime)
    await post_and_settle(runtime, client, JW323)
    gateway = runtime.container("gateway").db
    async with gateway.engines.read.connect() as conn:  # the relay publishes everything once more
        rows = (await conn.execute(sa.select(gateway.tables.outbox))).all()
    await runtime.bus.publish([Message(r.topic, r.key, r.value) for r in rows])
    await settle(runtime)
    assert len((await client.get("/gateway/v1/mailbox", headers=PROVIDER)).json()) == 1


async def test_a_declaration_sent_again_under_the_same_message_id_is_refused_with_9056(region):
    runtime, client = region
    await allocate(runtime)
    await post_and_settle(runtime, client, JW323)
    await post_and_settle(runtime, client, JW323 + b"\r\n")  # other bytes, same BerichtIdentificatie
    answers = (await client.get("/gateway/v1/mailbox", headers=PROVIDER)).json()
    second = decode((await client.get(f"/gateway/v1/mailbox/{answers[1]['message_id']}", headers=PROVIDER)).content)
    assert second.header.codes == ("9056",) and second.answer is None


@pytest.mark.parametrize("chunk", [intake.RECEIPT_CHUNK, 1], ids=["whole", "an-event-a-chunk"])
async def test_a_credit_and_its_replacement_debit_in_one_message_both_pass(region, chunk, monkeypatch):
    """Also with the receipt written one event at a time: the same stream, rows and answer."""
    monkeypatch.setattr(intake, "RECEIPT_CHUNK", chunk)
    runtime, client = region
    await allocate(runtime)
    db = runtime.container("invoicing").db
    wider = AllocationVersion(date(2026, 3, 21), time(9, 0), "45", "45A01", date(2026, 4, 1), date(2026, 12, 31),
                              extent=Extent(10, Unit.HOUR, Frequency.PER_MONTH))
    async with db.unit_of_work() as uow:
        await record_allocation_version(uow.connection, "0193", 300201, "98000001", "999900006", wider)
        await uow.commit()
    await post_and_settle(runtime, client, JW323)  # R100: April, 8 hours, approved
    correction = (ROOT / "examples" / "demo" / "JW323_correction.xml").read_bytes()
    sent = await post_and_settle(runtime, client, correction)  # credit R100, April 7 hours again, May 10 hours
    status = (await client.get(f"/gateway/v1/messages/{sent}", headers=PROVIDER)).json()
    answer = decode((await client.get(f"/gateway/v1/mailbox/{status['answer_id']}", headers=PROVIDER)).content)
    assert answer.answer.codes == ("8001",) and answer.answer.total_granted.cents == 70650
