"""The demo's last step: finance staff collect what is due into a payment run, a second finance
user approves it (four eyes) and the SEPA file is exported, through the payments API as people
would (confirming waits for the bank)."""

from __future__ import annotations

from datetime import date, timedelta

import httpx

from services.demo.financing import financing
from services.gateway.region.model import Region
from shared.auth.principal import Role

RUNS = "/payments/v1/runs"


def finance_tokens(region: Region) -> list[str]:
    """One token of each finance user bound to the whole region, in the file's order."""
    everywhere = {m.code for m in region.municipalities}
    return [user.tokens[0] for user in region.staff
            if Role.FINANCE in user.roles and set(user.municipalities) == everywhere and user.tokens]


async def payment_run(client: httpx.AsyncClient, region: Region, today: date) -> dict[str, object]:
    tokens = finance_tokens(region)
    if len(tokens) < 2:
        return {"skipped": "a run needs two finance users for the whole region in the region file (four eyes)"}
    creator, approver = ({"Authorization": f"Bearer {token}"} for token in tokens[:2])
    booked = await financing(client, region, creator, today)
    created = await client.post(RUNS, json={"due_up_to": str(today + timedelta(days=60))}, headers=creator)
    if created.status_code != 201:
        return {"skipped": f"no run: {created.text[:200]}"}
    run = created.json()
    approved = await client.post(f"{RUNS}/{run['run_id']}/approve", json={"note": "demo run"}, headers=approver)
    if approved.status_code != 200:
        return {"skipped": f"not approved: {approved.text[:200]}"}
    exported = (await client.post(f"{RUNS}/{run['run_id']}/export", json={}, headers=creator)).json()
    return {"id": run["run_id"], "total": exported.get("total", run["total"]), "status": exported.get("status"),
            "transfers": len(exported.get("transfers", [])), "file": f"{RUNS}/{run['run_id']}/file", **booked}
