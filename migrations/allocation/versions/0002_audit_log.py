"""The append-only audit log of the allocation service."""

from shared.persistence import kernel_schema_v2

revision = "allocation_0002"
down_revision = "allocation_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    kernel_schema_v2.upgrade()


def downgrade() -> None:
    kernel_schema_v2.downgrade()
