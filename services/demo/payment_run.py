"""The demo's last step: finance staff collect what is due into a payment run, review it and
export its SEPA file, through the payments API as a person would (confirming waits for the bank)."""

from __future__ import annotations

from datetime import date, timedelta

import httpx

from services.gateway.region.model import Region
from shared.auth.principal import Role

RUNS = "/payments/v1/runs"


def finance_token(region: Region) -> str | None:
    everywhere = {m.code for m in region.municipalities}
    for user in region.staff:
        if Role.FINANCE in user.roles and set(user.municipalities) == everywhere and user.tokens:
            return user.tokens[0]
    return None


async def payment_run(client: httpx.AsyncClient, region: Region, today: date) -> dict[str, object]:
    token = finance_token(region)
    if token is None:
        return {"skipped": "no finance user for the whole region in the region file"}
    headers = {"Authorization": f"Bearer {token}"}
    created = await client.post(RUNS, json={"due_up_to": str(today + timedelta(days=60))}, headers=headers)
    if created.status_code != 201:
        return {"skipped": f"no run: {created.text[:200]}"}
    run = created.json()
    await client.post(f"{RUNS}/{run['run_id']}/review", json={"note": "demo run"}, headers=headers)
    exported = (await client.post(f"{RUNS}/{run['run_id']}/export", json={}, headers=headers)).json()
    return {"id": run["run_id"], "total": exported.get("total", run["total"]), "status": exported.get("status"),
            "transfers": len(exported.get("transfers", [])), "file": f"{RUNS}/{run['run_id']}/file"}
