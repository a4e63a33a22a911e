"""The append-only audit log of the payments service."""

from shared.persistence import kernel_schema_v2

revision = "payments_0002"
down_revision = "payments_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    kernel_schema_v2.upgrade()


def downgrade() -> None:
    kernel_schema_v2.downgrade()
