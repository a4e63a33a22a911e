"""The append-only audit log of the gateway service."""

from shared.persistence import kernel_schema_v2

revision = "gateway_0002"
down_revision = "gateway_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    kernel_schema_v2.upgrade()


def downgrade() -> None:
    kernel_schema_v2.downgrade()
