"""how lines were approved

Each approved line keeps how it came to be approved (matched, tolerance, override with its reason
and approvers, deadline): the evidence the settled declaration carries to payments for the
lawfulness statement. A line a person or the deadline approved before this revision gets it from
its HeldLineApproved event (without the codes it went past, which its row no longer holds); a line
the matcher approved at once needs none (its codes and tolerances say it).

Revision ID: invoicing_0012
Revises: invoicing_0011
Create Date: 2026-12-06 11:20:00.000000
"""

import json

import sqlalchemy as sa
from alembic import op


revision = 'invoicing_0012'
down_revision = 'invoicing_0011'
branch_labels = None
depends_on = None

SYSTEM = {"rematch": "matched", "deadline": "deadline"}


def upgrade() -> None:
    with op.batch_alter_table('declaration_lines', schema=None) as batch_op:
        batch_op.add_column(sa.Column('approval', sa.JSON(), nullable=True))
    conn = op.get_bind()
    events = sa.table("events", sa.column("stream_id", sa.String), sa.column("type", sa.String),
                      sa.column("payload", sa.JSON), sa.column("position", sa.Integer))
    lines = sa.table("declaration_lines", sa.column("declaration_id", sa.String), sa.column("reference", sa.String),
                     sa.column("approval", sa.JSON))
    approvals = conn.execute(sa.select(events.c.stream_id, events.c.payload).where(
        events.c.type == "invoicing.HeldLineApproved").order_by(events.c.position))
    for stream_id, payload in approvals:
        p = payload if isinstance(payload, dict) else json.loads(payload)
        kind = SYSTEM.get(p["by"], "override")
        approval = {"kind": kind, "by": p["by"] if kind == "override" else None,
                    "reason": None if kind == "matched" else p.get("reason"), "first_by": p.get("first_approved_by"),
                    "first_reason": p.get("first_reason"), "overridden": []}
        conn.execute(sa.update(lines).where(lines.c.declaration_id == stream_id.removeprefix("declaration-"),
                                            lines.c.reference == p["reference"]).values(approval=approval))


def downgrade() -> None:
    with op.batch_alter_table('declaration_lines', schema=None) as batch_op:
        batch_op.drop_column('approval')
