"""Budget ceilings per contract per year, from the region file, used by approved lines."""

from __future__ import annotations

from services.gateway.region.loader import load_region
from services.gateway.region.model import read_region
from tests.integration.payments.conftest import CONTROLLER, ROOT, line, publish_settled, settled
from tests.support.embedded import settle

CEILING = 80000000  # 98000005 in 2026, from the demo region file


async def ceiling_events(runtime) -> list[tuple[str, dict]]:  # type: ignore[no-untyped-def]
    events = await runtime.container("payments").db.read_all()
    return [(e.type, e.payload) for e in events if e.stream_id == "ceiling-98000005-2026"]


async def test_the_region_file_sets_each_contracts_ceiling_once(region):
    runtime, _ = region
    assert [t for t, _ in await ceiling_events(runtime)] == ["payments.CeilingSet"]


async def test_usage_reaching_70_percent_announces_the_cs_jeugd_warning_once(region):
    runtime, _ = region
    await publish_settled(runtime, settled("98000005", "0193", [line("D1", 55999999, code="54D01")]))
    assert [t for t, _ in await ceiling_events(runtime)] == ["payments.CeilingSet", "payments.CeilingUsageRecorded"]
    await publish_settled(runtime, settled("98000005", "0193", [line("D2", 1, code="54D01")]))
    await publish_settled(runtime, settled("98000005", "0193", [line("D3", 1000, code="54D01")]))
    crossed = [p for t, p in await ceiling_events(runtime) if t == "payments.CeilingThresholdCrossed"]
    assert [(p["percent"], p["usage"]) for p in crossed] == [(70, 56000000)]


async def test_usage_reaching_the_ceiling_is_op_rood(region):
    runtime, client = region
    await publish_settled(runtime, settled("98000005", "0193", [line("D1", CEILING, code="54D01")]))
    types = [t for t, _ in await ceiling_events(runtime)]
    assert types.count("payments.CeilingThresholdCrossed") == 2 and "payments.CeilingOverdrawn" in types
    report = (await client.get("/payments/v1/reports/ceilings", params={"year": 2026}, headers=CONTROLLER)).json()
    row = next(r for r in report["rows"] if r["provider"] == "98000005")
    assert (row["used"], row["used %"], row["state"]) == (CEILING, 100, "op rood")


async def test_a_credit_lowers_the_usage(region):
    runtime, client = region
    await publish_settled(runtime, settled("98000005", "0193", [line("D1", 40000000, code="54D01")]))
    await publish_settled(runtime, settled("98000005", "0193", [line("D2", -40000000, code="54D01", previous="D1")]))
    report = (await client.get("/payments/v1/reports/ceilings", params={"year": 2026}, headers=CONTROLLER)).json()
    assert next(r for r in report["rows"] if r["provider"] == "98000005")["used"] == 0


async def test_the_region_policy_sets_the_warning_thresholds_of_every_ceiling(region, tmp_path):
    runtime, _ = region
    changed = tmp_path / "region.toml"
    changed.write_text((ROOT / "examples/regions/ijsselland.toml").read_text()
                       .replace("ceiling_warn_at = [70, 95]", "ceiling_warn_at = [50]"))
    await load_region(runtime.container("gateway").context, read_region(changed))
    await settle(runtime)
    await publish_settled(runtime, settled("98000005", "0193", [line("D1", CEILING // 2, code="54D01")]))
    events = await ceiling_events(runtime)
    assert [p["warn_at"] for t, p in events if t == "payments.CeilingSet"] == [[70, 95], [50]]
    crossed = [p["percent"] for t, p in events if t == "payments.CeilingThresholdCrossed"]
    assert crossed == [50]
