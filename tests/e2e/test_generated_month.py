"""A generated month through the whole chain, over HTTP only as the parties would send it: every
line ends as the standard says, every declaration gets exactly one JW325 whose totals add up."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
import sqlalchemy as sa

from services.demo.feed import feed, tokens_of
from services.demo.options import GeneratorOptions
from services.demo.scenario import build_scenario
from services.gateway.region.loader import load_region
from services.gateway.region.model import read_region
from services.invoicing.adapters.tables import lines
from services.invoicing.domain.policy import REJECT_BY_DEFAULT
from services.invoicing.handlers.deadline import reject_overdue
from shared.ijw import decode
from tests.support.embedded import embedded_app, settle

REGION = read_region(Path(__file__).resolve().parents[2] / "examples" / "regions" / "ijsselland.toml")
OPTIONS = GeneratorOptions(municipalities=3, clients=12, seed=7)


@pytest.fixture(scope="module")
def scenario():  # type: ignore[no-untyped-def]
    return build_scenario(REGION, OPTIONS)


@pytest.fixture
async def month(tmp_path: Path, scenario):  # type: ignore[no-untyped-def]
    async with embedded_app(tmp_path) as (runtime, client):
        await load_region(runtime.container("gateway").context, REGION)
        await settle(runtime)
        report = await feed(client, scenario.messages, tokens_of(REGION), lambda: settle(runtime), lambda n: None)
        assert report.refused == []
        yield runtime, client


def expected_status(codes: tuple[str, ...]) -> str:
    if not codes:
        return "approved"
    return "rejected" if any(code in REJECT_BY_DEFAULT for code in codes) else "held"


async def line_rows(runtime) -> dict[tuple[str, str], sa.Row]:  # type: ignore[no-untyped-def]
    async with runtime.container("invoicing").db.engines.read.connect() as conn:
        return {(r.provider, r.reference): r for r in await conn.execute(sa.select(lines))}


async def test_every_line_ends_with_the_outcome_and_codes_the_standard_gives(month, scenario):
    runtime, _ = month
    rows = await line_rows(runtime)
    sent = [(m.sender, line) for m in scenario.messages for line in m.lines]
    assert len(rows) == len(sent)  # every line received exactly once
    wrong = [(line.reference, line.codes, rows[(agb, line.reference)].status, rows[(agb, line.reference)].codes)
             for agb, line in sent
             if (rows[(agb, line.reference)].status, set(rows[(agb, line.reference)].codes))
             != (expected_status(line.codes), set(line.codes) if expected_status(line.codes) != "approved" else set())]
    assert wrong == []


async def test_after_the_deadline_every_declaration_has_one_jw325_whose_totals_add_up(month, scenario):
    runtime, client = month
    inv = runtime.container("invoicing").context
    await reject_overdue(inv, inv.clock.today().replace(year=inv.clock.today().year + 1))
    await settle(runtime)
    answers: dict[str, dict[str, object]] = defaultdict(dict)
    for token in {tokens_of(REGION)[m.sender] for m in scenario.messages if m.lines}:  # a hub reads for two
        headers = {"Authorization": f"Bearer {token}"}
        for item in (await client.get("/gateway/v1/mailbox", headers=headers)).json():
            if item["message_code"] == "JW325":
                xml = (await client.get(f"/gateway/v1/mailbox/{item['message_id']}", headers=headers)).content
                answers[item["in_reply_to"]][item["message_id"]] = decode(xml)
    declarations = sum(1 for m in scenario.messages if m.lines)
    assert len(answers) == declarations and all(len(a) == 1 for a in answers.values())
    for answer in (a for by_id in answers.values() for a in by_id.values()):
        body = answer.answer
        returned = sum(line.amount.signed for client in body.clients for line in client.lines)
        assert returned == body.total_submitted.signed - body.total_granted.signed  # TR342
