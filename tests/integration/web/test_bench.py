"""`happyflow bench web` finds every page of each role's menu, the first page below it and its
downloads, and asks for them as that user; this test checks what it asks for, not how fast."""

from __future__ import annotations

from pathlib import Path

import httpx

from services.bench.web import measure, pages_of, sign_in, users_per_role
from services.gateway.region.model import read_region
from tests.integration.payments.conftest import line, publish_settled, region, settled  # noqa: F401 (fixture)
from tests.support.embedded import settle

REGION = read_region(Path(__file__).resolve().parents[3] / "examples" / "regions" / "ijsselland.toml")


def test_the_bench_signs_in_one_user_per_role_bound_to_most_municipalities():
    assert [u.username for u in users_per_role(REGION.staff)] == ["financien", "toegang.zwolle", "controller", "beheer"]


async def test_the_bench_asks_for_every_screen_of_the_controller_and_its_downloads(region):
    runtime, client = region
    await publish_settled(runtime, settled("98000001", "0193", [line("A1", 123456)]))
    controller = next(u for u in REGION.staff if u.username == "controller")
    async with httpx.AsyncClient(transport=client._transport, base_url="http://happyflow") as browser:
        await sign_in(browser, controller)
        await settle(runtime)  # the session's start reaches every service (the relays, when serving)
        pages = await pages_of(browser, controller)
        assert pages[:4] == ["/", "/budget", "/plafonds", "/verwijzingen"]
        assert "/download/budget.xlsx?jaar=2026&gemeente=0148" in pages and "/download/plafonds.csv?jaar=2026" in pages
        measured = [await measure(browser, controller, page, repeat=1) for page in pages]
    assert [m.failures for m in measured] == [[]] * len(pages)
