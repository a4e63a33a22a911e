"""A long period of the audit log pages by a cursor (nothing missed, nothing twice, `limit`
bounded), and exports whole as CSV for Dutch Excel and as XLSX."""

from __future__ import annotations

import io

import pytest
from openpyxl import load_workbook

from shared.audit import AuditEntry
from tests.integration.audit.conftest import ADMIN, AUDIT, AUDITOR
from tests.support.embedded import settle


async def entries(runtime, count: int) -> None:  # type: ignore[no-untyped-def]
    gw = runtime.container("gateway").context
    for n in range(count):
        await gw.audit.record_alone(gw.store, AuditEntry("clerk", ("finance",), "queue.read", object=f"line {n}"))
    await settle(runtime)


async def test_a_long_period_pages_newest_first_without_gaps_or_repeats(demo):
    runtime, client = demo
    await entries(runtime, 23)
    seen, cursor = [], None
    while True:
        params = {"action": "queue.read", "limit": 5, **({"cursor": cursor} if cursor else {})}
        page = (await client.get(AUDIT, params=params, headers=AUDITOR)).json()
        seen += [e["object"] for e in page["items"]]
        cursor = page["next"]
        if cursor is None:
            break
    assert seen == [f"line {n}" for n in reversed(range(23))]


@pytest.mark.parametrize("limit", ["0", "-1", "501", "everything"])
async def test_limit_is_bounded(demo, limit):
    _, client = demo
    answer = await client.get(AUDIT, params={"limit": limit}, headers=ADMIN)
    assert answer.status_code == 422 and answer.json()["errors"][0]["field"] == "query.limit"


async def test_a_cursor_not_handed_out_is_refused(demo):
    _, client = demo
    answer = await client.get(AUDIT, params={"cursor": "not-a-cursor"}, headers=ADMIN)
    assert answer.status_code == 422 and answer.json()["errors"][0]["field"] == "query.cursor"


async def test_the_csv_export_is_for_dutch_excel_and_holds_every_matching_entry(demo):
    runtime, client = demo
    await entries(runtime, 12)
    answer = await client.get(AUDIT, params={"action": "queue.read", "format": "csv", "limit": 5}, headers=AUDITOR)
    assert answer.headers["content-type"].startswith("text/csv")
    text = answer.content.decode("utf-8")
    assert text.startswith("\ufeffvolgnummer;tijdstip (UTC);gebruiker;")
    rows = text.strip().split("\r\n")[1:]
    assert len(rows) == 12 and rows[0].split(";")[2:6] == ["clerk", "finance", "", "queue.read"]


async def test_the_xlsx_export_opens_with_one_row_per_entry(demo):
    runtime, client = demo
    await entries(runtime, 4)
    answer = await client.get(AUDIT, params={"action": "queue.read", "format": "xlsx"}, headers=ADMIN)
    sheet = load_workbook(io.BytesIO(answer.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][0] == "volgnummer" and [r[6] for r in rows[1:]] == [f"line {n}" for n in range(4)]
