"""Migration body for version 3 of the kernel tables: the staff identities every service projects
from the gateway's `identity.StaffIdentified` events. History: never change it."""

import sqlalchemy as sa
from alembic import op


def upgrade() -> None:
    op.create_table(
        "staff_identities",
        sa.Column("username", sa.String(120), nullable=False),
        sa.Column("roles", sa.JSON(), nullable=False),
        sa.Column("municipalities", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("username", name="pk_staff_identities"),
    )
    op.create_table(
        "staff_identity_tokens",
        sa.Column("token_hash", sa.String(64), nullable=False),
        sa.Column("username", sa.String(120), nullable=False),
        sa.PrimaryKeyConstraint("token_hash", name="pk_staff_identity_tokens"),
    )
    op.create_index("ix_staff_identity_tokens_username", "staff_identity_tokens", ["username"])


def downgrade() -> None:
    op.drop_table("staff_identity_tokens")
    op.drop_table("staff_identities")
