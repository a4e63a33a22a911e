"""Lines kept before they had a status, in a database migrated to it: each came from a settled
declaration, so it is approved, with its payable item's amount and month, and a credit names the
debet its stored booking says it cancels — the budget counts them as it did."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, date, datetime

import sqlalchemy as sa

from services import migrate
from services.payments.adapters.tables import kernel, line_products


def booked(line_id: str, credited: str | None, version: int) -> dict[str, object]:
    now = datetime(2026, 5, 1, tzinfo=UTC)
    return {"event_id": uuid.uuid4(), "stream_id": "book-test", "stream_version": version,
            "type": "payments.ApprovedLineBooked", "version": 1,
            "payload": {"line_id": line_id, "credited_line_id": credited}, "occurred_at": now, "recorded_at": now}


def item(item_id: str, amount: int) -> dict[str, object]:
    return {"item_id": item_id, "kind": "line" if amount > 0 else "credit", "provider": "98000001",
            "municipality": "0193", "contract_id": "98000001", "declaration_id": None, "amount": amount,
            "period_start": date(2026, 3, 1), "due_on": date(2026, 5, 1), "status": "due", "run_id": None}


def product(line_id: str, volume: int) -> dict[str, object]:
    return {"line_id": line_id, "municipality": "0193", "allocation_number": 1, "category": "45",
            "code": "45A01", "unit": "04", "volume": volume}


async def test_lines_kept_before_their_status_are_approved_with_their_items_amount_and_credited_debet(tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path / 'payments.db'}"
    await asyncio.to_thread(migrate.upgrade, "payments", url, "payments_0006")
    engine = sa.create_engine(url.replace("+aiosqlite", ""))
    old = sa.table("line_products", *(sa.column(c) for c in product("x", 1)))
    items = sa.table("payable_items", *(sa.column(c) for c in item("x", 1)))
    with engine.begin() as conn:
        conn.execute(sa.insert(old), [product("P:R1", 8), product("P:R2", -8)])
        conn.execute(sa.insert(items), [item("P:R1", 62800), item("P:R2", -62800)])
        conn.execute(sa.insert(kernel.events), [booked("P:R1", None, 1), booked("P:R2", "P:R1", 2)])
    await asyncio.to_thread(migrate.upgrade, "payments", url)
    with engine.connect() as conn:
        found = {r.line_id: (r.status, r.amount, r.period_start, r.credits) for r in conn.execute(sa.select(line_products))}
    engine.dispose()
    assert found == {"P:R1": ("approved", 62800, date(2026, 3, 1), None),
                     "P:R2": ("approved", -62800, date(2026, 3, 1), "P:R1")}
