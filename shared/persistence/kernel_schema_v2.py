"""Migration body for version 2 of the kernel tables: the append-only audit log (design.md §7,
NEN 7513: who, on whose behalf, when, which client, with which program, what). History: never
change it."""

import sqlalchemy as sa
from alembic import op

ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "audit_log",
        sa.Column("id", ID, primary_key=True, autoincrement=True),
        sa.Column("at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("actor", sa.String(200), nullable=False),
        sa.Column("actor_kind", sa.String(20), nullable=False),
        sa.Column("on_behalf_of", sa.String(200), nullable=True),
        sa.Column("client_bsn", sa.String(9), nullable=True),
        sa.Column("client_app", sa.String(300), nullable=True),
        sa.Column("action", sa.String(120), nullable=False),
        sa.Column("object", sa.String(300), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_audit_log"),
    )
    op.create_index("ix_audit_log_client_bsn", "audit_log", ["client_bsn"])


def downgrade() -> None:
    op.drop_table("audit_log")
