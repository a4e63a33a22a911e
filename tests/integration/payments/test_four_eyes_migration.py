"""Runs reviewed before four eyes, in a database migrated to it: approved when another user than
the creator reviewed them, waiting for an approval when the creator did — as a replay of their
events gives."""

from __future__ import annotations

import asyncio
import uuid
from datetime import UTC, date, datetime

import sqlalchemy as sa

from services import migrate
from services.payments.adapters.tables import kernel, runs


def reviewed(run_id: str, by: str, version: int) -> dict[str, object]:
    now = datetime(2026, 5, 1, tzinfo=UTC)
    return {"event_id": uuid.uuid4(), "stream_id": "book-test", "stream_version": version,
            "type": "payments.PaymentRunReviewed", "version": 1, "payload": {"run_id": run_id, "by": by, "note": ""},
            "occurred_at": now, "recorded_at": now}


def run_row(run_id: str, status: str) -> dict[str, object]:
    return {"run_id": run_id, "status": status, "due_up_to": date(2026, 5, 31), "total": 100,
            "carried_forward": [], "created_by": "fin-1"}


async def test_reviewed_runs_become_approved_or_wait_for_a_second_user(tmp_path):
    url = f"sqlite+aiosqlite:///{tmp_path / 'payments.db'}"
    await asyncio.to_thread(migrate.upgrade, "payments", url, "payments_0004")
    old_runs = sa.table("payment_runs", *(sa.column(c, sa.JSON() if c == "carried_forward" else None)
                                          for c in run_row("x", "x")))
    engine = sa.create_engine(url.replace("+aiosqlite", ""))
    with engine.begin() as conn:
        conn.execute(sa.insert(old_runs), [run_row("R1", "reviewed"), run_row("R2", "reviewed"),
                                           run_row("R3", "exported")])
        conn.execute(sa.insert(kernel.events), [reviewed("R1", "fin-2", 1), reviewed("R2", "fin-1", 2),
                                                reviewed("R3", "fin-3", 3)])
    await asyncio.to_thread(migrate.upgrade, "payments", url)
    with engine.connect() as conn:
        found = {r.run_id: (r.status, r.approved_by) for r in conn.execute(sa.select(runs))}
    engine.dispose()
    assert found == {"R1": ("approved", "fin-2"), "R2": ("created", None), "R3": ("exported", "fin-3")}
