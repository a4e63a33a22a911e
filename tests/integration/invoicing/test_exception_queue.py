"""Finance staff work the exception queue; the JW325 leaves once the last held line is decided."""

from __future__ import annotations

from datetime import date, timedelta

from services.invoicing.handlers.deadline import reject_overdue
from shared.ijw import decode
from tests.integration.invoicing.test_declaration_flow import (  # noqa: F401 (fixture)
    JW323, PROVIDER, allocate, post_and_settle, region,
)
from tests.support.embedded import settle

FINANCE = {"Authorization": "Bearer demo-staff-financien"}
ZWOLLE_ACCESS = {"Authorization": "Bearer demo-staff-toegang.zwolle"}


async def held_queue(client) -> list[dict]:  # type: ignore[no-untyped-def]
    response = await client.get("/invoicing/v1/queue", headers=FINANCE)
    assert response.status_code == 200, response.text
    return response.json()


async def test_a_line_without_an_allocation_waits_in_the_queue_with_its_findings(region):
    runtime, client = region
    await post_and_settle(runtime, client, JW323)
    [held] = await held_queue(client)
    assert (held["reference"], held["codes"], held["amount"]) == ("R100", ["9338"], 62800)
    assert held["municipality"] == "0193" and held["due_on"] is not None


async def test_approving_the_last_held_line_sends_the_jw325_with_it_granted(region):
    runtime, client = region
    sent = await post_and_settle(runtime, client, JW323)
    [held] = await held_queue(client)
    path = f"/invoicing/v1/queue/{held['declaration_id']}/R100/approve"
    assert (await client.post(path, json={"reason": "allocation agreed by phone"}, headers=FINANCE)).status_code == 204
    await settle(runtime)
    status = (await client.get(f"/gateway/v1/messages/{sent}", headers=PROVIDER)).json()
    answer = decode((await client.get(f"/gateway/v1/mailbox/{status['answer_id']}", headers=PROVIDER)).content)
    assert answer.answer.codes == ("8001",) and answer.answer.total_granted.cents == 62800
    assert await held_queue(client) == []


async def test_rejecting_a_held_line_lists_it_in_the_answer_with_the_given_codes(region):
    runtime, client = region
    await post_and_settle(runtime, client, JW323)
    [held] = await held_queue(client)
    path = f"/invoicing/v1/queue/{held['declaration_id']}/R100/reject"
    await client.post(path, json={"reason": "no allocation exists", "codes": ["9338"]}, headers=FINANCE)
    await settle(runtime)
    item = (await client.get("/gateway/v1/mailbox", headers=PROVIDER)).json()[0]
    answer = decode((await client.get(f"/gateway/v1/mailbox/{item['message_id']}", headers=PROVIDER)).content)
    assert answer.answer.clients[0].lines[0].codes == ("9338",) and answer.answer.total_granted.cents == 0


async def test_an_approval_needs_a_reason(region):
    runtime, client = region
    await post_and_settle(runtime, client, JW323)
    [held] = await held_queue(client)
    path = f"/invoicing/v1/queue/{held['declaration_id']}/R100/approve"
    assert (await client.post(path, json={"reason": ""}, headers=FINANCE)).status_code == 422


async def test_staff_without_the_finance_role_cannot_use_the_queue(region):
    _, client = region
    assert (await client.get("/invoicing/v1/queue", headers=ZWOLLE_ACCESS)).status_code == 403


async def test_held_lines_still_open_at_the_margin_are_rejected_and_answered(region):
    runtime, client = region
    await post_and_settle(runtime, client, JW323)
    [held] = await held_queue(client)
    inv = runtime.container("invoicing").context
    assert await reject_overdue(inv, date.fromisoformat(held["due_on"]) - timedelta(days=1)) == 0
    assert await reject_overdue(inv, date.fromisoformat(held["due_on"])) == 1
    await settle(runtime)
    item = (await client.get("/gateway/v1/mailbox", headers=PROVIDER)).json()[0]
    answer = decode((await client.get(f"/gateway/v1/mailbox/{item['message_id']}", headers=PROVIDER)).content)
    assert answer.answer.clients[0].lines[0].codes == ("9338",)


async def test_a_claimed_line_cannot_be_claimed_by_someone_else(region):
    runtime, client = region
    await post_and_settle(runtime, client, JW323)
    [held] = await held_queue(client)
    base = f"/invoicing/v1/queue/{held['declaration_id']}/R100"
    assert (await client.post(f"{base}/claim", headers=FINANCE)).status_code == 204
    assert (await held_queue(client))[0]["claimed_by"] == "financien"
    assert (await client.post(f"{base}/release", headers=FINANCE)).status_code == 204


async def test_a_sign_in_at_the_gateway_holds_at_the_invoicing_service(region):
    runtime, client = region
    login = await client.post("/auth/login", json={"username": "financien", "password": "demo-kasboek-ijssel-2026"})
    assert login.status_code == 200
    await settle(runtime)  # the session's start reaches the invoicing service
    assert (await client.get("/invoicing/v1/queue")).status_code == 200  # the session cookie alone


async def test_comments_are_kept_on_the_held_line(region):
    runtime, client = region
    await post_and_settle(runtime, client, JW323)
    [held] = await held_queue(client)
    path = f"/invoicing/v1/queue/{held['declaration_id']}/R100/comment"
    assert (await client.post(path, json={"text": "called the provider"}, headers=FINANCE)).status_code == 204
    [held] = await held_queue(client)
    assert [(c["by"], c["text"]) for c in held["comments"]] == [("financien", "called the provider")]


async def test_rerunning_the_match_after_the_allocation_arrived_approves_the_line(region):
    runtime, client = region
    await post_and_settle(runtime, client, JW323)
    [held] = await held_queue(client)
    await allocate(runtime)  # written straight into the read model: no automatic re-match
    path = f"/invoicing/v1/queue/{held['declaration_id']}/R100/rematch"
    assert (await client.post(path, headers=FINANCE)).status_code == 204
    assert await held_queue(client) == []
