"""The budget and the ceilings count what a lump-sum contract pays (issue 17, item 1), through the
payments API on the demo region: Gezinshuis De Linde (98000006) is paid €45.000 a month for
availability, Zwolle's share 25 %; the lines it declares under the contract are information. Payments
runs on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from shared.exchange.invoicing import LINES_DECIDED, LINES_HELD
from tests.integration.payments.conftest import (
    CONTROLLER, FINANCE, ROOT, allocation, demo_region, envelope, line, publish, publish_allocation,
    publish_settled, settled,
)
from tests.support.postgres import ON_BOTH

pytestmark = pytest.mark.parametrize("database_kind", ON_BOTH)

LUMP, ZWOLLE_SHARE = 4500000, 4500000 // 4
BUDGET, CEILINGS = "/payments/v1/reports/budget", "/payments/v1/reports/ceilings"


async def schedule(client: httpx.AsyncClient, up_to: str) -> None:
    done = await client.post("/payments/v1/lump-sums/schedule", json={"up_to": up_to}, headers=FINANCE)
    assert done.status_code == 200, done.text


async def told(runtime: Any, kind: str, lines: list[dict[str, Any]], key: str) -> None:
    """invoicing.LinesHeld or LinesDecided of De Linde for Zwolle."""
    payload = {"declaration_id": f"d-{kind}", "declaration_number": "D9", "provider": "98000006",
               "municipality": "0193", key: lines, **({"rejected": []} if kind == LINES_DECIDED else {})}
    await publish(runtime, envelope(kind, payload, f"declaration-d-{kind}"))


async def youth_care(client: httpx.AsyncClient) -> dict[str, Any]:
    report = (await client.get(BUDGET, params={"year": 2026, "municipality": "0193"}, headers=CONTROLLER)).json()
    return next(r for r in report["rows"] if r["budget line"] == "jeugd-opvoedhulp") | {"months": [
        m for m in report["sheets"][0]["rows"] if m["budget line"] == "jeugd-opvoedhulp"]}


async def test_the_budget_counts_zwolles_share_of_the_lump_sum_and_not_the_lines_under_it(region):
    runtime, client = region
    await schedule(client, "2026-02-15")
    await publish_settled(runtime, settled("98000006", "0193", [line("LI1", 645000, code="43A01")]))
    await told(runtime, LINES_HELD, [line("LI2", 215000, code="43A01")], "held")
    linde = allocation(300301) | {"provider_agb": "98000006", "product": {"category": "43", "code": "43A01"},
                                  "extent": {"volume": 20, "unit": "14", "frequency": "4"}}
    await publish_allocation(runtime, linde)
    figures = await youth_care(client)
    assert (figures["realised"], figures["pending"]) == (2 * ZWOLLE_SHARE, 0)
    assert figures["committed"] == 10 * ZWOLLE_SHARE  # the periods still to book; the allocation is paid by them
    january, february, march = figures["months"][:3]
    assert (january["realised"], february["realised"], march["committed"]) == (ZWOLLE_SHARE,) * 3


LINDE = '[[contracts]]\nprovider = "98000006"\nbudget_line = "jeugd-opvoedhulp"\npayment_term_days = 30\n'


@asynccontextmanager
async def demo_region_with(request: pytest.FixtureRequest, var: Path, database_kind: str,
                           linde: str) -> AsyncIterator[tuple[Any, httpx.AsyncClient]]:
    """The demo region with `linde` added to De Linde's contract."""
    text = (ROOT / "examples/regions/ijsselland.toml").read_text(encoding="utf-8")
    assert LINDE in text
    region = var / "region.toml"
    region.write_text(text.replace(LINDE, LINDE + linde), encoding="utf-8")
    async with demo_region(request, var / "var", region, database_kind) as started:
        yield started


@pytest.fixture
async def capped(request: pytest.FixtureRequest, tmp_path: Path,
                 database_kind: str) -> AsyncIterator[tuple[Any, httpx.AsyncClient]]:
    """The demo region with a 2026 ceiling of €1.000.000 on De Linde's contract."""
    async with demo_region_with(request, tmp_path, database_kind, "ceiling.2026 = 100000000\n") as started:
        yield started


async def linde_ceiling(client: httpx.AsyncClient) -> dict[str, Any]:
    report = (await client.get(CEILINGS, params={"year": 2026}, headers=CONTROLLER)).json()
    return next(r for r in report["rows"] if r["provider"] == "98000006")


async def test_the_ceiling_counts_the_lump_sums_paid_and_not_the_lines_under_them(capped):
    runtime, client = capped
    await schedule(client, "2026-03-01")
    await told(runtime, LINES_HELD, [line("LI2", 215000, code="43A01")], "held")
    await told(runtime, LINES_DECIDED, [line("LI3", 430000, code="43A01")], "approved")
    await publish_settled(runtime, settled("98000006", "0193", [line("LI1", 645000, code="43A01")]))
    ceiling = await linde_ceiling(client)
    assert (ceiling["approved"], ceiling["held"], ceiling["used"]) == (3 * LUMP, 0, 3 * LUMP)


@pytest.fixture
async def subcontracted(request: pytest.FixtureRequest, tmp_path: Path,
                        database_kind: str) -> AsyncIterator[tuple[Any, httpx.AsyncClient]]:
    """The demo region where De Linde has a subcontractor for its family homes (43A01)."""
    sub = '[[contracts.subcontractors]]\nagb = "98100021"\nname = "Gezinshuis De Linde Oost"\nproducts = ["43A01"]\n'
    async with demo_region_with(request, tmp_path, database_kind, sub) as started:
        yield started


async def test_spending_per_contractor_is_the_lump_sum_not_the_subcontractors_lines_under_it(subcontracted):
    runtime, client = subcontracted
    await schedule(client, "2026-01-01")
    await publish_allocation(runtime, allocation(300201) | {"provider_agb": "98000006", "product": {
        "category": "43", "code": "43A01"}, "extent": {"volume": 20, "unit": "14", "frequency": "4"}})
    await publish_settled(runtime, settled("98000006", "0193", [line("LI1", 645000, code="43A01")]))
    report = (await client.get("/payments/v1/reports/contractors", params={"year": 2026}, headers=CONTROLLER)).json()
    linde = {(r["subcontractor"], r["municipality"]): r["realised"] for r in report["rows"] if r["provider"] == "98000006"}
    assert linde[("98000006", "0193")] == ZWOLLE_SHARE and sum(linde.values()) == LUMP
    assert ("98100021", "0193") not in linde  # its line is information, paid by the lump sum
