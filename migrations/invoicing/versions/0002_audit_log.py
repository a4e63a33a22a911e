"""The append-only audit log of the invoicing service."""

from shared.persistence import kernel_schema_v2

revision = "invoicing_0002"
down_revision = "invoicing_0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    kernel_schema_v2.upgrade()


def downgrade() -> None:
    kernel_schema_v2.downgrade()
