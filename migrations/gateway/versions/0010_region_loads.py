"""Every load of a region file that changed something: the file's SHA-256, who, when, what; and
a staff user's name, which the region file may give.

Revision ID: gateway_0010
Revises: gateway_0009
"""

import sqlalchemy as sa
from alembic import op

revision = "gateway_0010"
down_revision = "gateway_0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "region_loads",
        sa.Column("position", sa.BigInteger(), autoincrement=False, nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("region", sa.String(length=200), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("loaded_by", sa.String(length=120), nullable=True),
        sa.Column("loaded_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("changes", sa.JSON(), nullable=False),
        sa.PrimaryKeyConstraint("position", name=op.f("pk_region_loads")),
    )
    with op.batch_alter_table("staff_users") as table:
        table.add_column(sa.Column("name", sa.String(length=120), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("staff_users") as table:
        table.drop_column("name")
    op.drop_table("region_loads")
