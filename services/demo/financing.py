"""The demo's financing beyond price × quantity (issue 17), through the payments API as finance
staff would, before the month's payment run: the lump-sum periods begun by today are booked, and
each municipality's PGB transfer to the SVB for the month (a twentieth of its contribution)."""

from __future__ import annotations

from datetime import date

import httpx

from services.gateway.region.model import Region


async def financing(client: httpx.AsyncClient, region: Region, finance: dict[str, str], today: date) -> dict[str, int]:
    done = {"lump_sum_periods": 0, "pgb_transfers": 0}
    if region.lump_sums:
        scheduled = await client.post("/payments/v1/lump-sums/schedule", json={"up_to": str(today)}, headers=finance)
        done["lump_sum_periods"] = scheduled.json().get("scheduled", 0) if scheduled.status_code == 200 else 0
    if region.ledger.svb is None:
        return done
    month = today.replace(day=1)
    for c in (c for c in region.ledger.contributions if c.year == today.year):
        body = {"municipality": c.municipality, "month": str(month), "amount": c.per_month // 20,
                "reference": f"SVB-{month:%Y-%m}-{c.municipality}", "due_on": str(today)}
        booked = await client.post("/payments/v1/ledger/pgb-transfers", json=body, headers=finance)
        done["pgb_transfers"] += booked.status_code == 201 and booked.json().get("booked", False)
    return done
