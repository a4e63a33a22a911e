"""The payments service's finance side as the workbench uses it: payment runs, their SEPA files and
payment specifications, bank statements and advances. (The reports and the home page's run list
are in payments.py.)"""

from __future__ import annotations

from datetime import date
from typing import Any
from urllib.parse import quote

import httpx

from services.web.apis import ApiSession

RUNS = "/payments/v1/runs"
STATEMENTS = "/payments/v1/statements"
ADVANCES = "/payments/v1/advances"


class PaymentRunsClient:
    """Payment runs, their files and specifications, bank statements and advances (finance)."""

    def __init__(self, api: ApiSession) -> None:
        self.api = api

    async def runs(self) -> list[dict[str, Any]]:
        return (await self.api.get("payments", RUNS)).json()

    async def run(self, run_id: str) -> dict[str, Any]:
        """The run with its transfers and returns, without its (possibly thousands of) items."""
        return (await self.api.get("payments", f"{RUNS}/{run_id}", {"items": "false"})).json()

    async def comparison(self, run_id: str) -> dict[str, Any]:
        return (await self.api.get("payments", f"{RUNS}/{run_id}/comparison")).json()

    async def steps(self, run_id: str) -> dict[str, Any]:
        return (await self.api.get("payments", f"{RUNS}/{run_id}/steps")).json()

    async def create(self, due_up_to: date) -> dict[str, Any]:
        return (await self.api.post("payments", RUNS, {"due_up_to": due_up_to.isoformat()})).json()

    async def step(self, run_id: str, step: str, body: dict[str, Any]) -> dict[str, Any]:
        """approve, export, confirm or cancel, with that step's body."""
        return (await self.api.post("payments", f"{RUNS}/{run_id}/{step}", body)).json()

    async def file(self, run_id: str) -> httpx.Response:
        return await self.api.get("payments", f"{RUNS}/{run_id}/file")

    async def specification(self, run_id: str, provider: str) -> dict[str, Any]:
        return (await self.api.get("payments", f"{RUNS}/{run_id}/specifications/{provider}")).json()

    async def specification_csv(self, run_id: str, provider: str) -> httpx.Response:
        return await self.api.get("payments", f"{RUNS}/{run_id}/specifications/{provider}", {"format": "csv"})

    async def returns(self) -> list[dict[str, Any]]:
        return (await self.api.get("payments", "/payments/v1/returns")).json()

    async def statements(self) -> list[dict[str, Any]]:
        return (await self.api.get("payments", STATEMENTS)).json()

    async def statement(self, statement_id: str) -> dict[str, Any]:
        return (await self.api.get("payments", f"{STATEMENTS}/{quote(statement_id, safe='')}")).json()

    async def import_statement(self, xml: bytes) -> dict[str, Any]:
        return (await self.api.post_content("payments", STATEMENTS, xml, "application/xml")).json()

    async def advances(self) -> list[dict[str, Any]]:
        return (await self.api.get("payments", "/payments/v1/items", {"kind": "advance"})).json()

    async def schedule_advances(self, up_to: date) -> int:
        answer = await self.api.post("payments", f"{ADVANCES}/schedule", {"up_to": up_to.isoformat()})
        return int(answer.json()["scheduled"])

    async def settlements(self, provider: str, year: int, format: str = "json") -> httpx.Response:
        return await self.api.get("payments", f"{ADVANCES}/settlements/{provider}", {"year": year, "format": format})
