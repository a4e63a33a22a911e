"""client and JW301 events backfilled

Client particulars and the JW301s sent were kept in their tables without an event until this
revision; now they are projections of `allocation.ClientDetailsRecorded` and
`allocation.AllocationMessageSent`. So that a replay rebuilds what is there already, each row
gets its event, appended (never rewriting a stored one) as version 1 of a new stream. Their
`occurred_at` is the time of this migration: when the particulars were first given is unknown.
Requests received earlier keep their routed message id only in the table: their
AllocationRequested / ChangeRequested events have no `message_id`, so a replay leaves it empty.

Revision ID: allocation_0006
Revises: allocation_0005
Create Date: 2026-11-22 09:47:22.106128
"""

import uuid
from datetime import UTC, datetime

import sqlalchemy as sa
from alembic import op


revision = 'allocation_0006'
down_revision = 'allocation_0005'
branch_labels = None
depends_on = None

EVENTS = sa.table(
    'events', sa.column('event_id', sa.Uuid()), sa.column('stream_id', sa.String()),
    sa.column('stream_version', sa.Integer()), sa.column('type', sa.String()), sa.column('version', sa.Integer()),
    sa.column('tenant', sa.String()), sa.column('payload', sa.JSON()),
    sa.column('occurred_at', sa.DateTime(timezone=True)), sa.column('recorded_at', sa.DateTime(timezone=True)))
CLIENTS = sa.table('clients', sa.column('municipality', sa.String()), sa.column('client_bsn', sa.String()),
                   sa.column('details', sa.JSON()))
JW301S = sa.table(
    'jw301_messages', sa.column('identification', sa.String()), sa.column('message_id', sa.String()),
    sa.column('municipality', sa.String()), sa.column('client_bsn', sa.String()),
    sa.column('provider_agb', sa.String()), sa.column('allocation_numbers', sa.JSON()),
    sa.column('made_at', sa.DateTime()))


def upgrade() -> None:
    bind, now = op.get_bind(), datetime.now(UTC)
    known = set(bind.execute(sa.select(EVENTS.c.stream_id).distinct()).scalars())
    rows = [_event(f"client-{c.municipality}-{c.client_bsn}", 'allocation.ClientDetailsRecorded', c.municipality,
                   {"municipality": c.municipality, "client_bsn": c.client_bsn, "details": c.details}, now)
            for c in bind.execute(sa.select(CLIENTS)).all()]
    rows += [_event(f"jw301-{m.identification}", 'allocation.AllocationMessageSent', m.municipality, {
        "identification": m.identification, "message_id": m.message_id, "municipality": m.municipality,
        "client_bsn": m.client_bsn, "provider_agb": m.provider_agb, "allocation_numbers": m.allocation_numbers,
        "made_at": m.made_at.isoformat()}, now) for m in bind.execute(sa.select(JW301S)).all()]
    rows = [row for row in rows if row["stream_id"] not in known]
    if rows:
        bind.execute(sa.insert(EVENTS), rows)


def _event(stream_id: str, event_type: str, tenant: str, payload: dict, now: datetime) -> dict:
    return {"event_id": uuid.uuid4(), "stream_id": stream_id, "stream_version": 1, "type": event_type,
            "version": 1, "tenant": tenant, "payload": payload, "occurred_at": now, "recorded_at": now}


def downgrade() -> None:
    """Events are history: the backfilled ones stay, and the earlier code never reads their streams."""
