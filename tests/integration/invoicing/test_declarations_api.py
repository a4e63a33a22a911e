"""Finance reads a whole declaration — every line with its status and codes, the totals, the
JW325 once sent — downloads the JW323 and JW325 as kept, and finds declarations by number,
provider or client; a search by BSN is in the audit log with the client."""

from __future__ import annotations


from tests.integration.invoicing.test_declaration_flow import (  # noqa: F401 (fixture)
    PROVIDER, post_and_settle, region,
)
from tests.integration.invoicing.test_rebuild import CLIENT, NONE_1, NONE_2, NONE_3, STRANGER, Line, jw323
from tests.support.audit import audit_entries, pseudonym
from tests.support.embedded import settle

FINANCE = {"Authorization": "Bearer demo-staff-financien"}
DECLARATIONS = "/invoicing/v1/declarations"


async def declaration_with_three_held(runtime, client) -> tuple[str, bytes]:  # type: ignore[no-untyped-def]
    body = jw323("323-decl-1", "DNDECL1", 4, [Line("D1", NONE_1), Line("D2", NONE_2, bsn=STRANGER),
                                                Line("D3", NONE_3, hours=4)])
    await post_and_settle(runtime, client, body)
    [found] = (await client.get(DECLARATIONS, params={"number": "DNDECL1"}, headers=FINANCE)).json()
    return found["declaration_id"], body


async def decide(client, declaration_id: str, reference: str, action: str, **body) -> None:  # type: ignore[no-untyped-def]
    path = f"/invoicing/v1/queue/{declaration_id}/{reference}/{action}"
    assert (await client.post(path, json={"reason": "checked", **body}, headers=FINANCE)).status_code == 204


async def test_the_declaration_shows_every_line_with_its_status_and_the_totals_while_lines_are_held(region):
    runtime, client = region
    declaration_id, _ = await declaration_with_three_held(runtime, client)
    await decide(client, declaration_id, "D1", "approve")
    await decide(client, declaration_id, "D2", "reject", codes=["9338"])
    summary = (await client.get(f"{DECLARATIONS}/{declaration_id}", headers=FINANCE)).json()
    assert (summary["number"], summary["status"], summary["answer"]) == ("DNDECL1", "open", None)
    assert {(ln["reference"], ln["status"], tuple(ln["codes"])) for ln in summary["lines"]} == {
        ("D1", "approved", ()), ("D2", "rejected", ("9338",)), ("D3", "held", ("9338",))}
    assert [ln["reference"] for ln in summary["lines"]] == ["D3", "D2", "D1"]  # what still needs deciding first
    assert {t["status"]: (t["lines"], t["amount"]) for t in summary["totals"]} == {
        "approved": (1, 62800), "rejected": (1, 62800), "held": (1, 31400)}


async def test_once_answered_the_jw325_is_shown_and_downloads_as_the_provider_received_it(region):
    runtime, client = region
    declaration_id, body = await declaration_with_three_held(runtime, client)
    for reference in ("D1", "D3"):
        await decide(client, declaration_id, reference, "approve")
    await decide(client, declaration_id, "D2", "reject")
    await settle(runtime)
    answer = (await client.get(f"{DECLARATIONS}/{declaration_id}", headers=FINANCE)).json()["answer"]
    assert (answer["header_codes"], answer["declaration_codes"]) == (["0200"], ["0200"])
    assert (answer["submitted"], answer["granted"], answer["xml_kept"]) == (157000, 94200, True)
    [item] = (await client.get("/gateway/v1/mailbox", headers=PROVIDER)).json()
    sent = (await client.get(f"/gateway/v1/mailbox/{item['message_id']}", headers=PROVIDER)).content
    assert (await client.get(f"{DECLARATIONS}/{declaration_id}/jw325", headers=FINANCE)).content == sent
    assert (await client.get(f"{DECLARATIONS}/{declaration_id}/jw323", headers=FINANCE)).content == body


async def test_no_jw325_is_there_to_download_before_it_is_sent(region):
    runtime, client = region
    declaration_id, _ = await declaration_with_three_held(runtime, client)
    assert (await client.get(f"{DECLARATIONS}/{declaration_id}/jw325", headers=FINANCE)).status_code == 404


async def test_a_search_by_bsn_finds_the_clients_declarations_with_their_held_lines_and_is_audited(region):
    runtime, client = region
    declaration_id, _ = await declaration_with_three_held(runtime, client)
    found = (await client.get(DECLARATIONS, params={"bsn": STRANGER}, headers=FINANCE)).json()
    assert [(f["declaration_id"], f["held_lines"]) for f in found] == [(declaration_id, ["D2"])]
    by_provider = (await client.get(DECLARATIONS, params={"provider": "98000001"}, headers=FINANCE)).json()
    assert by_provider[0]["held_lines"] == ["D1", "D2", "D3"]
    assert (await client.get(DECLARATIONS, params={"bsn": "999999990"}, headers=FINANCE)).json() == []
    searched = {e.client for e in await audit_entries(runtime, action="declarations.search")}
    assert pseudonym(runtime, STRANGER) in searched and pseudonym(runtime, CLIENT) not in searched


async def test_only_finance_reads_declarations_and_an_unknown_one_answers_404(region):
    """Another municipality's declaration answering 404 is the generated authorisation test's."""
    runtime, client = region
    declaration_id, _ = await declaration_with_three_held(runtime, client)
    access = {"Authorization": "Bearer demo-staff-toegang.zwolle"}
    assert (await client.get(f"{DECLARATIONS}/{declaration_id}", headers=access)).status_code == 403
    assert (await client.get(f"{DECLARATIONS}/no-such-id", headers=FINANCE)).status_code == 404


async def test_reading_a_declaration_logs_a_view_of_every_client_it_shows(region):
    runtime, client = region
    declaration_id, _ = await declaration_with_three_held(runtime, client)
    await client.get(f"{DECLARATIONS}/{declaration_id}", headers=FINANCE)
    await client.get(f"{DECLARATIONS}/{declaration_id}/jw323", headers=FINANCE)
    for action in ("declaration.read", "declaration.jw323"):
        viewed = {e.client for e in await audit_entries(runtime, action=action)}
        assert viewed == {pseudonym(runtime, CLIENT), pseudonym(runtime, STRANGER)}, action
