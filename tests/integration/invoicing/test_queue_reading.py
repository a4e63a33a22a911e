"""What the staff screens read from the exception queue: pages in a chosen order with the total,
a code filter, one line with the allocation version it was compared with, the deadlines, and the
retourcodes with their Dutch descriptions."""

from __future__ import annotations

from services.invoicing.adapters.queue import line_detail
from services.invoicing.domain import retourcodes as rc
from tests.integration.invoicing.test_declaration_flow import (  # noqa: F401 (fixture)
    JW323, allocate, post_and_settle, region,
)

FINANCE = {"Authorization": "Bearer demo-staff-financien"}


def declaration(n: int, volume: int, allocation: int = 300299) -> bytes:
    """The example JW323 as the n-th declaration of its provider: its own ids and reference,
    `volume` hours of 78.50, on `allocation` (300201 is the allocated one)."""
    amount = str(volume * 7850).encode()
    return (JW323.replace(b"323-0506-1", b"323-0506-%d" % n).replace(b"DN20260401", b"DN2026040%d" % n)
            .replace(b"R100", b"R10%d" % n).replace(b">8</jw323:GeleverdVolume>", b">%d</jw323:GeleverdVolume>" % volume)
            .replace(b"62800", amount).replace(b"<jw323:ToewijzingNummer>300201", b"<jw323:ToewijzingNummer>%d" % allocation))


async def held_lines(client, **params) -> tuple[list[dict], int]:  # type: ignore[no-untyped-def]
    response = await client.get("/invoicing/v1/queue", params=params, headers=FINANCE)
    assert response.status_code == 200, response.text
    return response.json(), int(response.headers["X-Total-Count"])


async def three_held(runtime, client) -> None:  # type: ignore[no-untyped-def]
    await allocate(runtime)
    for n, volume in ((1, 4), (2, 9), (3, 6)):  # 2: on the allocation of 8 hours a month, one too many
        await post_and_settle(runtime, client, declaration(n, volume, 300201 if n == 2 else 300299))


async def test_the_queue_comes_in_pages_in_the_chosen_order_with_the_total(region):
    runtime, client = region
    await three_held(runtime, client)
    first, total = await held_lines(client, sort="-amount", limit=2)
    second, _ = await held_lines(client, sort="-amount", limit=2, offset=2)
    assert total == 3 and [line["amount"] for line in first + second] == [70650, 47100, 31400]


async def test_the_code_filter_finds_only_lines_with_that_code_and_counts_them(region):
    runtime, client = region
    await three_held(runtime, client)
    lines, total = await held_lines(client, code="9321")
    assert total == 1 and [line["reference"] for line in lines] == ["R102"]
    assert (await client.get("/invoicing/v1/queue", params={"code": "93%"}, headers=FINANCE)).status_code == 422


async def test_one_line_shows_the_allocation_version_it_was_compared_with_and_days_left(region):
    runtime, client = region
    await three_held(runtime, client)
    [held], _ = await held_lines(client, code="9321")
    line = (await client.get(f"/invoicing/v1/queue/{held['declaration_id']}/R102", headers=FINANCE)).json()
    assert line["status"] == "held" and line["allocation"]["code"] == "45A01"
    assert line["allocation"]["extent"] == {"volume": 8, "unit": "04", "frequency": "4"}
    assert line["compared_with"]["tariff_cents"] == 7850 and 0 <= line["working_days_left"] <= 10


async def test_a_line_outside_your_municipalities_is_not_there(region):
    runtime, client = region
    await three_held(runtime, client)
    [held], _ = await held_lines(client, code="9321")  # a line of Zwolle (0193)
    async with runtime.container("invoicing").db.engines.read.connect() as conn:
        assert (await line_detail(conn, held["declaration_id"], "R102", frozenset({"0150"})))[0] is None
        assert (await line_detail(conn, held["declaration_id"], "R102", frozenset({"0193"})))[0] is not None
    path = f"/invoicing/v1/queue/{held['declaration_id']}/R999"
    assert (await client.get(path, headers=FINANCE)).status_code == 404


async def test_the_deadlines_count_held_lines_per_day(region):
    runtime, client = region
    await three_held(runtime, client)
    [day] = (await client.get("/invoicing/v1/queue/deadlines", headers=FINANCE)).json()
    assert (day["lines"], day["amount"]) == (3, 31400 + 70650 + 47100)


async def test_every_retourcode_comes_with_its_rule_and_a_dutch_description(region):
    _, client = region
    codes = {c["code"]: c for c in (await client.get("/invoicing/v1/retourcodes", headers=FINANCE)).json()}
    assert {c for c, v in codes.items() if v["rejects"]} == set(rc.RULE_OF)
    assert codes["9338"]["rule"] == "TR338" and "toewijzing" in codes["9338"]["description"]
    assert (codes["8001"]["rejects"], codes["8001"]["description"]) == (False, "Declaratie is volledig toegekend")
