"""Replaying the invoicing event store rebuilds the same declarations and lines (design.md §3.2):
after a month of intake, refusals, finance at the queue, a late allocation, a credit, JW325s and
the deadline job, the read models are a function of the events alone."""

from __future__ import annotations

from calendar import monthrange
from dataclasses import dataclass
from datetime import date

import pytest

from services.invoicing.adapters import projections, rebuild
from services.invoicing.domain import events as ev
from services.invoicing.handlers.deadline import reject_overdue
from tests.integration.invoicing.test_declaration_flow import (  # noqa: F401 (fixture)
    JW323, ROOT, allocate, post_and_settle, region,
)
from tests.integration.invoicing.test_rematch import PUBLISHED, publish_allocation
from tests.support.embedded import settle
from tests.support.read_models import snapshot

FINANCE = {"Authorization": "Bearer demo-staff-financien"}
CLIENT, STRANGER = "999900006", "999900018"  # STRANGER: a valid BSN with no allocation of its own
# Never allocated: their lines wait with 9338 for finance or the deadline (one each: TR416).
NONE_1, NONE_2, NONE_3, NONE_4 = 300296, 300297, 300298, 300299


@dataclass(frozen=True)
class Line:
    reference: str
    allocation: int = 300201
    hours: int = 8
    amount: int | None = None
    bsn: str = CLIENT
    code: str = "45A01"


def jw323(message_id: str, number: str, month: int, lines: list[Line]) -> bytes:
    """A JW323 for one month of 2026 from provider 98000001 to Zwolle (0193), 78.50 euro an hour."""
    begin, end = date(2026, month, 1), date(2026, month, monthrange(2026, month)[1])
    dated = date(2026, month + 1, 3).isoformat()
    amounts = [line.amount or line.hours * 7850 for line in lines]
    template = JW323.decode()
    head, rest = template.split("<jw323:Clienten>")
    head = (head.replace("323-0506-1", message_id).replace("DN20260401", number)
            .replace("2026-05-06", dated).replace("2026-04-01", begin.isoformat())
            .replace("2026-04-30", end.isoformat()).replace("62800", str(sum(amounts))))
    clients = "".join(_client(bsn, [(ln, a) for ln, a in zip(lines, amounts) if ln.bsn == bsn], begin, end)
                      for bsn in dict.fromkeys(ln.bsn for ln in lines))
    return (head + "<jw323:Clienten>" + clients + "</jw323:Clienten></jw323:Declaratie></jw323:Bericht>").encode()


def _client(bsn: str, lines: list[tuple[Line, int]], begin: date, end: date) -> str:
    prestaties = "".join(
        f"<jw323:Prestatie><jw323:ProductReferentie><ijw:ReferentieNummer>{ln.reference}</ijw:ReferentieNummer>"
        f"</jw323:ProductReferentie><jw323:ToewijzingNummer>{ln.allocation}</jw323:ToewijzingNummer>"
        f"<jw323:ProductCategorie>45</jw323:ProductCategorie><jw323:ProductCode>{ln.code}</jw323:ProductCode>"
        f"<jw323:ProductPeriode><ijw:Begindatum>{begin}</ijw:Begindatum><ijw:Einddatum>{end}</ijw:Einddatum>"
        f"</jw323:ProductPeriode><jw323:GeleverdVolume>{ln.hours}</jw323:GeleverdVolume><jw323:Eenheid>04"
        "</jw323:Eenheid><jw323:ProductTarief>7850</jw323:ProductTarief><jw323:IngediendBedrag>"
        f"<ijw:Bedrag>{amount}</ijw:Bedrag><ijw:DebetCredit>D</ijw:DebetCredit></jw323:IngediendBedrag>"
        "</jw323:Prestatie>" for ln, amount in lines)
    return f"<jw323:Client><jw323:Bsn>{bsn}</jw323:Bsn><jw323:Prestaties>{prestaties}</jw323:Prestaties></jw323:Client>"


async def queue(client) -> dict[str, dict]:  # type: ignore[no-untyped-def, type-arg]
    return {h["reference"]: h for h in (await client.get("/invoicing/v1/queue", headers=FINANCE)).json()}


async def act(client, held: dict, action: str, body: dict | None = None) -> None:  # type: ignore[no-untyped-def, type-arg]
    path = f"/invoicing/v1/queue/{held['declaration_id']}/{held['reference']}/{action}"
    response = await client.post(path, json=body, headers=FINANCE)
    assert response.status_code == 204, response.text


async def finance_works_the_queue(runtime, client) -> None:  # type: ignore[no-untyped-def]
    held = await queue(client)
    await act(client, held["R300"], "claim")
    await act(client, held["R300"], "comment", {"text": "asked the provider for the allocation"})
    await act(client, held["R300"], "release")
    await act(client, held["R300"], "claim")
    await act(client, held["R300"], "comment", {"text": "agreed by phone"})
    await act(client, held["R300"], "approve", {"reason": "allocation agreed by phone"})
    await act(client, held["R301"], "reject", {"reason": "no allocation exists", "codes": ["9338"]})
    await act(client, held["R303"], "rematch")  # still nothing: it stays held with the same findings
    await publish_allocation(runtime, {**PUBLISHED, "allocation_number": 300203, "start": "2026-07-01"})


@pytest.fixture
async def busy_region(region):  # type: ignore[no-untyped-def]
    runtime, client = region
    await allocate(runtime)
    await post_and_settle(runtime, client, JW323)  # R100 approved and answered 8001
    await post_and_settle(runtime, client, (ROOT / "examples/demo/JW323_correction.xml").read_bytes())  # credits R100
    await post_and_settle(runtime, client, JW323 + b"\r\n")  # same message id: refused as a whole (9056)
    await post_and_settle(runtime, client, jw323("323-0703-1", "DN20260601", 6, [
        Line("R200", amount=61000), Line("R201", bsn=STRANGER, code="45A03")]))  # 9346; a client refused with 8187
    await post_and_settle(runtime, client, jw323("323-0803-1", "DN20260701", 7, [
        Line("R300", NONE_1), Line("R301", NONE_2), Line("R302", 300203), Line("R303", NONE_3),
        Line("R304", hours=4)]))
    await finance_works_the_queue(runtime, client)
    inv = runtime.container("invoicing").context
    assert await reject_overdue(inv, date.fromisoformat((await queue(client))["R303"]["due_on"])) == 2  # R103 too
    await settle(runtime)
    await post_and_settle(runtime, client, jw323("323-0903-1", "DN20260801", 8, [Line("R400", NONE_4)]))
    await act(client, (await queue(client))["R400"], "claim")
    await act(client, (await queue(client))["R400"], "comment", {"text": "waiting for the gemeente"})
    return runtime, client


@pytest.mark.parametrize("batch_size", [rebuild.BATCH, 2])  # 2: one command's events span read batches
async def test_replaying_every_event_rebuilds_the_same_declarations_and_lines(busy_region, batch_size):
    runtime, _ = busy_region
    db = runtime.container("invoicing").db
    before = await snapshot(db, rebuild.PROJECTIONS)
    assert await rebuild.rebuild_projections(db, batch_size) > 0
    assert await snapshot(db, rebuild.PROJECTIONS) == before


async def test_the_flow_leaves_every_kind_of_row_to_rebuild(busy_region):
    runtime, _ = busy_region
    rows = await snapshot(runtime.container("invoicing").db, rebuild.PROJECTIONS)
    text = "\n".join(rows["declarations"] + rows["declaration_lines"])
    for trace in ('"refused"', '"answered"', '"open"', '"approved"', '"rejected"', '"held"', "agreed by phone",
                  '"financien"', "9346", "0233", "9338"):
        assert trace in text, trace
    assert sum(", true, " in r for r in rows["declaration_lines"]) == 1  # R100, credited by R101


def test_every_event_type_has_a_projection_and_a_decoder():
    types = {cls.TYPE for cls in ev.CLASSES}
    line_types = {cls.TYPE for cls in projections.LINE_STATUS}
    assert set(projections.PROJECTORS) | line_types == types and {c.TYPE for c in rebuild.REGISTRY.classes} == types
