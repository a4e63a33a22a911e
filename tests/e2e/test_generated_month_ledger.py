"""The region's ledger on a generated month (issue 17): after the lump sums are paid and settled
and the PGB transfers to the SVB are booked, every municipality's ledger closes —
contributions − spending − equalisation settlement (verevening + afrekening) = 0 — the spending
of all municipalities is every payable item the book holds for the year, and no line declared
under the lump sum is paid on top of it."""

from __future__ import annotations

from tests.e2e.region_year import (
    assert_every_ledger_closes, assert_the_lump_sum_and_the_svb_were_paid,
    assert_the_lump_sums_are_shared_by_the_schedules_shares, pay_the_year, settle_the_lump_sum,
)
from tests.e2e.test_generated_month import (  # noqa: F401 (fixtures)
    month, past_the_deadline, scenario,
)


async def test_every_municipalitys_ledger_closes_after_the_equalisation(month):
    runtime, client = month
    await past_the_deadline(runtime)
    assert_the_lump_sum_and_the_svb_were_paid(await pay_the_year(client))
    balance = await settle_the_lump_sum(client)
    await assert_the_lump_sums_are_shared_by_the_schedules_shares(client, balance)
    await assert_every_ledger_closes(client, runtime.container("payments").clock.today())
