"""The whole chain: a JW323 posted at the gateway, matched and answered by invoicing, becomes a
payable item that a payment run pays in its SEPA file."""

from __future__ import annotations

import calendar
from datetime import date, time
from decimal import Decimal

from lxml import etree

from services.invoicing.domain.allocation import AllocationVersion, Extent, Frequency
from services.invoicing.domain.declaration import Unit
from services.invoicing.adapters.sql.master_data import record_allocation_version
from tests.integration.payments.conftest import (
    ACCESS_ZWOLLE, CONTROLLER, EIGHT_HOURS, FINANCE, JW323, PROVIDER, TODAY, create_run, declare_through_the_apis,
    pay, transfers,
)
from tests.support.embedded import settle

NS = {"p": "urn:iso:std:iso:20022:tech:xsd:pain.001.001.03"}


async def allocate(runtime) -> None:  # type: ignore[no-untyped-def]
    """Allocation 300201 of 45A01 in invoicing's read model (the demo contract pays 7850 an hour)."""
    version = AllocationVersion(date(2026, 3, 20), time(10, 0), "45", "45A01", date(2026, 4, 1), date(2026, 12, 31),
                                extent=Extent(8, Unit.HOUR, Frequency.PER_MONTH))
    db = runtime.container("invoicing").db
    async with db.unit_of_work() as uow:
        await record_allocation_version(uow.connection, "0193", 300201, "98000001", "999900006", version)
        await uow.commit()


async def test_a_declaration_answered_at_the_gateway_is_paid_by_the_next_run(region):
    runtime, client = region
    await allocate(runtime)
    posted = await client.post("/gateway/v1/messages", content=JW323, headers=PROVIDER)
    await settle(runtime)
    items = (await client.get("/payments/v1/items", headers=FINANCE)).json()
    assert [(i["declaration_id"], i["amount"], i["due_on"]) for i in items] == [
        (posted.json()["message_id"], EIGHT_HOURS, date.fromordinal(TODAY.toordinal() + 30).isoformat())]
    run = (await create_run(client)).json()
    assert transfers(run) == {"98000001": EIGHT_HOURS}
    await pay(client, run["run_id"])
    xml = (await client.get(f"/payments/v1/runs/{run['run_id']}/file", headers=FINANCE)).content
    assert Decimal(etree.fromstring(xml).findtext(".//p:GrpHdr/p:CtrlSum", namespaces=NS)) == Decimal("628.00")


async def test_an_allocation_issued_by_the_access_team_counts_as_a_referral_and_commits_budget(region):
    runtime, client = region
    month_end = TODAY.replace(day=calendar.monthrange(TODAY.year, TODAY.month)[1])
    body = {"municipality": "0193", "client_bsn": "999900006", "provider_agb": "98000001",
            "client": {"birth_date": "2014-03-12", "gender": "2", "surname": "Jansen", "initials": "E"},
            "product": {"category": "45", "code": "45A01"}, "start": TODAY.isoformat(),
            "end": month_end.isoformat(), "extent": {"volume": 3, "unit": "04", "frequency": "4"},
            "referrer_type": "01"}
    issued = await client.post("/allocation/v1/allocations", json=body, headers=ACCESS_ZWOLLE)
    assert issued.status_code == 201, issued.text
    await settle(runtime)
    params = {"year": TODAY.year}
    referrals = (await client.get("/payments/v1/reports/referrals", params=params, headers=CONTROLLER)).json()
    counted = [(r["municipality"], r["referrer"], r["allocations"]) for r in referrals["rows"]]
    assert counted == [("0193", "gemeente", 1)]
    budget = (await client.get("/payments/v1/reports/budget", params={**params, "municipality": "0193"},
                               headers=CONTROLLER)).json()
    # Beside the allocation: the demo's lump sum for De Linde (98000006), its twelve periods of 2026 not
    # booked yet, Zwolle's 25 % of €45.000 each.
    lump_sums = 12 * 4500000 // 4 if TODAY.year == 2026 else 0
    assert next(r for r in budget["rows"] if r["budget line"] == "jeugd-opvoedhulp")["committed"] == (
        3 * 7850 + lump_sums)


async def test_allocation_and_declaration_through_the_apis_end_in_a_payment(region):
    runtime, client = region
    await declare_through_the_apis(runtime, client)
    run = (await create_run(client)).json()
    assert transfers(run) == {"98000001": EIGHT_HOURS}
