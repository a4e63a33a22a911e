"""The README's provider walk-through, in the demo region, posting exactly the files it names."""

from __future__ import annotations

from pathlib import Path

import pytest

from shared.ijw import decode
from tests.support.embedded import settle
from tests.support.regions import region_app

ROOT = Path(__file__).resolve().parents[2]
DEMO = ROOT / "examples" / "demo"
PROVIDER = {"Authorization": "Bearer demo-aanbieder-98000001", "Content-Type": "application/xml"}
ZWOLLE = {"Authorization": "Bearer demo-gemeente-0193", "Content-Type": "application/xml"}
FINANCE = {"Authorization": "Bearer demo-staff-financien"}


@pytest.fixture
async def region(tmp_path: Path):  # type: ignore[no-untyped-def]
    async with region_app(tmp_path, ROOT / "examples/regions/ijsselland.toml") as (runtime, client):
        yield runtime, client


async def post(runtime, client, name: str, headers: dict[str, str]) -> str:  # type: ignore[no-untyped-def]
    posted = await client.post("/gateway/v1/messages", content=(DEMO / name).read_bytes(), headers=headers)
    assert posted.status_code == 202, posted.text
    await settle(runtime)
    return posted.json()["message_id"]


async def answer_to(client, message_id: str):  # type: ignore[no-untyped-def]
    status = (await client.get(f"/gateway/v1/messages/{message_id}", headers=PROVIDER)).json()
    assert status["status"] == "answered", status
    return decode((await client.get(f"/gateway/v1/mailbox/{status['answer_id']}", headers=PROVIDER)).content)


async def test_the_readme_allocation_and_declaration_reach_the_happy_flow(region):
    runtime, client = region
    await post(runtime, client, "JW301.xml", ZWOLLE)
    answer = await answer_to(client, await post(runtime, client, "JW323.xml", PROVIDER))
    assert answer.answer.codes == ("8001",) and answer.answer.total_granted.cents == 62800


async def test_a_late_allocation_re_matches_the_held_line_by_itself(region):
    runtime, client = region
    declared = await post(runtime, client, "late/JW323.xml", PROVIDER)
    held = (await client.get("/invoicing/v1/queue", headers=FINANCE)).json()
    assert [(h["reference"], h["codes"]) for h in held] == [("R300", ["9338"])]
    await post(runtime, client, "late/JW301.xml", ZWOLLE)
    answer = await answer_to(client, declared)
    assert answer.answer.codes == ("8001",) and answer.answer.total_granted.cents == 47100
    assert (await client.get("/invoicing/v1/queue", headers=FINANCE)).json() == []


README_ERRORS = [
    {"rule": "CS002", "message": "BSN 123456789 fails the eleven-test", "path": "/Bericht/Declaratie/Clienten/Client[1]/Bsn",
     "line": 31, "column": 9},
    {"rule": "TR358", "message": "TotaalIngediendBedrag 50000 != sum of prestaties 62800",
     "path": "/Bericht/Declaratie/TotaalIngediendBedrag", "line": 25, "column": 5}]


async def test_the_readme_mistakes_are_listed_on_the_status_and_by_the_check_as_shown(region):
    runtime, client = region
    body = (DEMO / "JW323_with_mistakes.xml").read_bytes()
    checked = (await client.post("/gateway/v1/check", content=body, headers=PROVIDER)).json()
    assert (checked["level"], checked["errors"]) == (2, README_ERRORS)
    status = (await client.get(f"/gateway/v1/messages/{await post(runtime, client, 'JW323_with_mistakes.xml', PROVIDER)}",
                               headers=PROVIDER)).json()
    assert status["errors"] == README_ERRORS and (await answer_to(client, status["message_id"])).header.codes == ("0001",)
