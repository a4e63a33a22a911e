"""Issue 6, end to end over HTTP only: Zwolle posts its allocations as JW301s at the gateway, the
provider declares, finance staff decide the held lines, and the JW325 in the provider's mailbox
lists exactly the rejected lines with the codes the standard gives, and totals that add up.

Every JW325 code of ijw-3.2.md §11.3 is provoked here except S300 (TR378). It cannot arise through
the running system: the XSD lets only a four-digit Ontvanger through, the gateway refuses a receiver
that is not a party of the region (422, rule ONTVANGER) before anything could answer, and the
matcher's gemeente list is exactly the region's municipalities (the gateway's "budgets" section).

The system runs on a fixed clock (3 June 2026) so the 2026 tariffs of the demo region and the
"dated in the future" rule (TR135) give the same answers on any day.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from datetime import date, datetime, time
from pathlib import Path
from typing import Any

import httpx
import pytest

from services import migrate
from services.gateway.region.loader import load_region
from services.gateway.region.model import read_region
from services.runtime import Runtime, create_app, embedded, embedded_settings
from shared.clock import AMSTERDAM, FixedClock
from shared.ijw import decode, encode
from shared.ijw.model.declaration import Jw325
from tests.e2e.every_code_messages import (
    ALLOCATIONS_A, ALLOCATIONS_B, APRIL, CLIENT_A, CLIENT_B, CLIENT_C, MAIN_DATE, MAY, MAY_CASES, deletion,
    earlier_april, april_credit, jw301, jw323, line, may_declaration, small,
)
from tests.support.embedded import settle
from tests.support.prepared import copy_prepared

REGION = Path(__file__).resolve().parents[2] / "examples" / "regions" / "ijsselland.toml"
AS_PROVIDER = {"Authorization": "Bearer demo-aanbieder-98000001"}
AS_ZWOLLE = {"Authorization": "Bearer demo-gemeente-0193"}
FINANCE = {"Authorization": "Bearer demo-staff-financien"}
MESSAGES = "/gateway/v1/messages"
REJECTED_AT_ONCE = {"9056", "8848", "S300", "9333", "8214", "8187", "9346", "8021", "9389", "8017", "9390", "9384"}
"""design.md §5, the default policy; every other code holds the line for a person."""


@asynccontextmanager
async def system_on(var: Path, day: date) -> AsyncIterator[tuple[Runtime, httpx.AsyncClient]]:
    """tests.support.embedded.embedded_app on a fixed clock (that harness takes none)."""
    for name, settings in embedded_settings(var).items():
        await asyncio.to_thread(migrate.upgrade, name, settings.database_url)
    runtime = embedded(var, FixedClock(datetime.combine(day, time(10, 0), AMSTERDAM)))
    await runtime.open()
    try:
        transport = httpx.ASGITransport(app=create_app(runtime))
        async with httpx.AsyncClient(transport=transport, base_url="http://happyflow") as client:
            yield runtime, client
    finally:
        await runtime.stop()


@pytest.fixture
async def zwolle(tmp_path: Path) -> AsyncIterator[tuple[Runtime, httpx.AsyncClient]]:
    """The demo region, with Zwolle's allocations for clients A and B posted as JW301s: made once
    per run, each test on a copy of its databases."""
    await copy_prepared(tmp_path, "every-code-zwolle", zwolle_allocated)
    async with system_on(tmp_path, MAIN_DATE) as (runtime, client):
        yield runtime, client


async def zwolle_allocated(var: Path) -> None:
    async with system_on(var, MAIN_DATE) as (runtime, client):
        await load_region(runtime.container("gateway").context, read_region(REGION))
        await settle(runtime)
        await post(runtime, client, jw301("GM-301-A", CLIENT_A, ALLOCATIONS_A), AS_ZWOLLE)
        await post(runtime, client, jw301("GM-301-B", CLIENT_B, ALLOCATIONS_B), AS_ZWOLLE)
        await post(runtime, client, jw301("GM-301-A2", CLIENT_A, (deletion(400103),)), AS_ZWOLLE)


async def post(runtime: Runtime, client: httpx.AsyncClient, message: Any, headers: dict = AS_PROVIDER) -> str:
    posted = await client.post(MESSAGES, content=encode(message),
                               headers={**headers, "Content-Type": "application/xml"})
    assert posted.status_code == 202, posted.text
    await settle(runtime)
    status = (await client.get(f"{MESSAGES}/{posted.json()['message_id']}", headers=headers)).json()
    assert status["status"] != "rejected", status  # a JW301 the allocation service refused
    return posted.json()["message_id"]


async def answer_to(client: httpx.AsyncClient, sent: str) -> Jw325:
    status = (await client.get(f"{MESSAGES}/{sent}", headers=AS_PROVIDER)).json()
    assert status["answer_id"] is not None, f"no JW325 yet: {status}"
    return decode((await client.get(f"/gateway/v1/mailbox/{status['answer_id']}", headers=AS_PROVIDER)).content)


async def held_lines(client: httpx.AsyncClient) -> list[dict]:
    response = await client.get("/invoicing/v1/queue", headers=FINANCE)
    assert response.status_code == 200, response.text
    return response.json()


async def reject_held(runtime: Runtime, client: httpx.AsyncClient) -> None:
    """Finance staff reject every held line with the matcher's own codes (`codes: []`)."""
    for held in await held_lines(client):
        path = f"/invoicing/v1/queue/{held['declaration_id']}/{held['reference']}/reject"
        response = await client.post(path, json={"reason": "agreed with the matcher", "codes": []}, headers=FINANCE)
        assert response.status_code == 204, response.text
    await settle(runtime)


async def declare_may(runtime: Runtime, client: httpx.AsyncClient) -> str:
    """April declared and approved, one April line credited, then the May declaration."""
    assert (await answer_to(client, await post(runtime, client, earlier_april()))).answer.codes == ("8001",)
    assert (await answer_to(client, await post(runtime, client, april_credit()))).answer.codes == ("8001",)
    return await post(runtime, client, may_declaration())


def listed(answer: Jw325) -> dict[str, list[str]]:
    return {ln.reference: sorted(ln.codes) for c in answer.answer.clients for ln in c.lines}


# --- every line code in one declaration --------------------------------------------------------

async def test_lines_with_a_hold_code_wait_in_the_queue_and_no_answer_leaves(zwolle):
    runtime, client = zwolle
    sent = await declare_may(runtime, client)
    held = {h["reference"]: sorted(h["codes"]) for h in await held_lines(client)}
    expected = {c.line.reference: sorted(c.codes) for c in MAY_CASES
                if c.codes and not set(c.codes) & REJECTED_AT_ONCE}
    assert held == expected
    assert (await client.get(f"{MESSAGES}/{sent}", headers=AS_PROVIDER)).json()["answer_id"] is None


async def test_the_jw325_lists_exactly_the_rejected_lines_each_with_its_codes(zwolle):
    runtime, client = zwolle
    sent = await declare_may(runtime, client)
    await reject_held(runtime, client)
    answer = await answer_to(client, sent)
    assert listed(answer) == {c.line.reference: sorted(c.codes) for c in MAY_CASES if c.codes}
    assert [c.bsn for c in answer.answer.clients] == [CLIENT_A]  # client B had only correct lines
    assert answer.answer.clients[0].codes == ("0200",) and answer.answer.codes == ("0200",)
    assert answer.header.codes == ("0200",)


async def test_the_jw325_grants_the_correct_lines_and_its_totals_add_up(zwolle):
    runtime, client = zwolle
    sent = await declare_may(runtime, client)
    await reject_held(runtime, client)
    body = (await answer_to(client, sent)).answer
    submitted = sum(c.line.amount.signed for c in MAY_CASES)
    correct = sum(c.line.amount.signed for c in MAY_CASES if not c.codes)
    assert (body.total_submitted.signed, body.total_granted.signed) == (submitted, correct)
    returned = sum(ln.amount.signed for c in body.clients for ln in c.lines)
    assert returned == submitted - correct  # TR342


async def test_rejected_lines_are_returned_as_they_were_sent(zwolle):
    runtime, client = zwolle
    sent = await declare_may(runtime, client)
    await reject_held(runtime, client)
    sent_lines = {c.line.reference: c.line for c in MAY_CASES}
    returned = (await answer_to(client, sent)).answer.clients[0].lines
    assert [replace(ln, codes=()) for ln in returned] == [sent_lines[ln.reference] for ln in returned]


# --- whole message, header, declaration and client codes ---------------------------------------

async def test_a_message_failing_an_in_message_rule_is_answered_0001_without_a_body(zwolle):
    runtime, client = zwolle
    wrong_total = small("DCL-0603-9", "D2605", "R0001", total=62801)  # TR358: Σ lines is 62800
    answer = await answer_to(client, await post(runtime, client, wrong_total))
    assert answer.header.codes == ("0001",) and answer.answer is None


async def test_a_reused_message_identification_is_answered_9056_without_a_body(zwolle):
    runtime, client = zwolle
    await post(runtime, client, small("DCL-0603-1", "D2605", "R9056A"))
    again = await post(runtime, client, small("DCL-0603-1", "D2605B", "R9056B"))  # other bytes, same id
    answer = await answer_to(client, again)
    assert answer.header.codes == ("9056",) and answer.answer is None


async def test_a_message_dated_after_the_day_it_arrives_is_answered_8848_without_a_body(zwolle):
    runtime, client = zwolle
    tomorrow = date(2026, 6, 4)  # the clock stands on 3 June
    sent = await post(runtime, client, small("DCL-0604-1", "D2605", "R8848", dated=tomorrow))
    answer = await answer_to(client, sent)
    assert answer.header.codes == ("8848",) and answer.answer is None


async def test_a_reused_declaration_number_is_refused_as_a_whole_with_9333(zwolle):
    runtime, client = zwolle
    await post(runtime, client, small("DCL-0603-1", "D2605", "R9333A"))
    answer = await answer_to(client, await post(runtime, client, small("DCL-0603-2", "D2605", "R9333B")))
    body = answer.answer
    assert answer.header.codes == ("0200",) and body.codes == ("9333",) and body.clients == ()
    assert (body.total_submitted.signed, body.total_granted.signed) == (62800, 0)


async def test_a_period_before_the_last_declared_one_is_refused_as_a_whole_with_8214(zwolle):
    runtime, client = zwolle
    await post(runtime, client, small("DCL-0603-1", "D2605", "R8214A"))
    april = small("DCL-0603-2", "D2604", "R8214B", period=APRIL)
    body = (await answer_to(client, await post(runtime, client, april))).answer
    assert body.codes == ("8214",) and body.clients == ()
    assert (body.total_submitted.signed, body.total_granted.signed) == (62800, 0)


async def test_a_client_declared_on_another_clients_allocation_gets_8187_and_its_lines_0233(zwolle):
    runtime, client = zwolle
    stranger = (line("R8187A", 400101), line("R8187B", 400102, volume=2))
    own = (line("R8187C", 400110),)
    declaration = jw323("DCL-0603-1", "D2605", MAY, MAIN_DATE, {CLIENT_C: stranger, CLIENT_A: own})
    sent = await post(runtime, client, declaration)
    answer = await answer_to(client, sent)
    body = answer.answer
    assert [(c.bsn, c.codes) for c in body.clients] == [(CLIENT_C, ("8187",))]
    assert listed(answer) == {"R8187A": ["0233"], "R8187B": ["0233"]}
    assert (body.codes, body.total_granted.signed) == (("0200",), 62800)


async def test_a_jw323_to_an_unknown_gemeente_is_refused_at_the_gateway_so_s300_cannot_arise(zwolle):
    _, client = zwolle
    message = small("DCL-0603-1", "D2605", "RS300")
    unknown = replace(message, header=replace(message.header, receiver="9999"))
    posted = await client.post(MESSAGES, content=encode(unknown),
                               headers={**AS_PROVIDER, "Content-Type": "application/xml"})
    assert posted.status_code == 422 and posted.json()["errors"][0]["rule"] == "ONTVANGER"


# --- a declaration refused as a whole counts as not sent (IV087; ijw-3.2.md §6) -----------------

async def test_a_declaration_answered_0001_can_be_sent_again_under_its_number(zwolle):
    runtime, client = zwolle
    await post(runtime, client, small("DCL-0603-1", "D2605", "R0001A", total=62801))  # TR358 → 0001
    corrected = await post(runtime, client, small("DCL-0603-2", "D2605", "R0001A"))
    assert (await answer_to(client, corrected)).answer.codes == ("8001",)


async def test_a_declaration_refused_with_8214_can_be_sent_again_under_its_number(zwolle):
    runtime, client = zwolle
    await post(runtime, client, small("DCL-0603-1", "D2605", "R8214A"))
    await post(runtime, client, small("DCL-0603-2", "D2604", "R8214B", period=APRIL))  # 8214
    corrected = await post(runtime, client, small("DCL-0603-3", "D2604", "R8214C", allocation=400110))  # May
    assert (await answer_to(client, corrected)).answer.codes == ("8001",)


async def test_the_period_of_a_declaration_answered_0001_does_not_count_for_8214(zwolle):
    runtime, client = zwolle
    await post(runtime, client, small("DCL-0603-1", "D2605", "R0001B", total=62801))  # May, 0001
    april = await post(runtime, client, small("DCL-0603-2", "D2604", "R8214D", period=APRIL))
    assert (await answer_to(client, april)).answer.codes == ("8001",)
