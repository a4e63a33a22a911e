"""The home page's part for finance's payments: runs a colleague created that wait for my approval
(four eyes: never my own), approved runs not exported yet, and transfers the bank returned that
are not on their way to the provider again."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from services.web.apis import ApiSession, NotAllowed
from services.web.clients.payment_runs import PaymentRunsClient


@dataclass(frozen=True)
class PaymentWork:
    to_approve: list[dict[str, Any]]
    to_export: list[dict[str, Any]]
    mine_waiting: list[dict[str, Any]]
    """Runs I created, waiting for a colleague's approval."""
    at_the_bank: list[dict[str, Any]]
    """Exported runs the bank's statement has not confirmed yet."""
    returns: list[dict[str, Any]]

    @property
    def nothing(self) -> bool:
        return not (self.to_approve or self.to_export or self.mine_waiting or self.at_the_bank or self.returns)


async def payment_work(api: ApiSession, username: str) -> PaymentWork | None:
    """None for finance staff bound to some municipalities only: runs pay every municipality, so
    the service shows them to staff bound to all of them (403 to the others)."""
    client = PaymentRunsClient(api)
    try:
        runs, returns = await asyncio.gather(client.runs(), client.returns())
    except NotAllowed:
        return None
    created = [r for r in runs if r["status"] == "created"]
    return PaymentWork(
        [r for r in created if r["created_by"] != username],
        [r for r in runs if r["status"] == "approved"],
        [r for r in created if r["created_by"] == username],
        [r for r in runs if r["status"] == "exported"],
        [r for r in returns if r["state"] != "sent_again"],
    )
