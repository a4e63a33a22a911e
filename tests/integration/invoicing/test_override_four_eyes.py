"""Four eyes on overrides: approving a held line at or above the region's `four_eyes_from` takes
two finance users; the first approval waits in the queue, the same user twice is refused."""

from __future__ import annotations

from pathlib import Path


from services.gateway.region.loader import load_region
from services.gateway.region.model import read_region
from services.invoicing.adapters.rebuild import rebuild_projections
from services.invoicing.adapters.tables import lines
from tests.integration.invoicing.test_declaration_flow import (  # noqa: F401 (fixture)
    JW323, post_and_settle, region,
)
from tests.support.audit import audit_entries
from tests.support.embedded import settle
from tests.support.read_models import snapshot

ROOT = Path(__file__).resolve().parents[3]
FINANCE = {"Authorization": "Bearer demo-staff-financien"}
SECOND_FINANCE = {"Authorization": "Bearer demo-staff-financien2"}


async def held_line_of(runtime, client, four_eyes_from: int) -> str:  # type: ignore[no-untyped-def]
    """The demo JW323's line (62800 ct) held for want of an allocation, under a policy that asks
    two users from `four_eyes_from`; the path that approves it."""
    region = read_region(ROOT / "examples/regions/ijsselland.toml")
    policy = region.policy.model_copy(update={"four_eyes_from": four_eyes_from})
    await load_region(runtime.container("gateway").context, region.model_copy(update={"policy": policy}))
    await settle(runtime)
    await post_and_settle(runtime, client, JW323)
    [held] = (await client.get("/invoicing/v1/queue", headers=FINANCE)).json()
    return f"/invoicing/v1/queue/{held['declaration_id']}/{held['reference']}/approve"


async def queue(client) -> list[dict]:  # type: ignore[no-untyped-def]
    return (await client.get("/invoicing/v1/queue", headers=FINANCE)).json()


async def test_a_line_at_the_threshold_waits_for_a_second_user_after_the_first_approval(region):
    runtime, client = region
    approve = await held_line_of(runtime, client, four_eyes_from=62800)
    first = await client.post(approve, json={"reason": "allocation agreed"}, headers=FINANCE)
    assert first.status_code == 202  # recorded, not approved yet
    await settle(runtime)
    [waiting] = await queue(client)
    assert waiting["first_approval"] == {"by": "financien", "reason": "allocation agreed"}
    again = await client.post(approve, json={"reason": "still agreed"}, headers=FINANCE)
    assert again.status_code == 403 and "HF-FOUR-EYES" in again.text
    assert (await client.post(approve, json={"reason": "checked"}, headers=SECOND_FINANCE)).status_code == 204
    await settle(runtime)
    assert await queue(client) == []


async def test_both_approvers_are_events_and_replay_to_the_same_queue(region):
    runtime, client = region
    approve = await held_line_of(runtime, client, four_eyes_from=62800)
    await client.post(approve, json={"reason": "allocation agreed"}, headers=FINANCE)
    db = runtime.container("invoicing").db
    before = await snapshot(db, (lines,))
    await rebuild_projections(db)
    assert await snapshot(db, (lines,)) == before
    await client.post(approve, json={"reason": "checked"}, headers=SECOND_FINANCE)
    events = {e.type: e.payload for e in await db.read_all()}
    assert events["invoicing.HeldLineFirstApproved"]["by"] == "financien"
    approved = events["invoicing.HeldLineApproved"]
    assert (approved["by"], approved["first_approved_by"], approved["first_reason"]) == (
        "financien2", "financien", "allocation agreed")
    entries = await audit_entries(runtime, service="invoicing")
    assert [(e.action, e.username) for e in entries if e.action.endswith("approved")] == [
        ("queue.first_approved", "financien"), ("queue.approved", "financien2")]


async def test_below_the_threshold_one_user_approves(region):
    runtime, client = region
    approve = await held_line_of(runtime, client, four_eyes_from=62801)
    assert (await client.post(approve, json={"reason": "allocation agreed"}, headers=FINANCE)).status_code == 204
    assert await queue(client) == []
