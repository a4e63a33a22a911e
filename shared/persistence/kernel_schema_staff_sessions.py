"""Migration body for the kernel table of staff sessions, which every service projects from the
gateway's `identity.SessionStarted` and `identity.SessionEnded` events. History: never change it."""

import sqlalchemy as sa
from alembic import op


def upgrade() -> None:
    op.create_table(
        "staff_sessions",
        sa.Column("session_hash", sa.String(64), nullable=False),
        sa.Column("username", sa.String(120), nullable=False),
        sa.Column("started_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("idle_seconds", sa.Integer(), nullable=False),
        sa.Column("ended_at", sa.DateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("session_hash", name="pk_staff_sessions"),
    )
    op.create_index("ix_staff_sessions_username", "staff_sessions", ["username"])


def downgrade() -> None:
    op.drop_index("ix_staff_sessions_username", table_name="staff_sessions")
    op.drop_table("staff_sessions")
