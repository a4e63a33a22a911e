"""The kernel tables of the payments service: events, outbox, inbox, leases."""

from shared.persistence import kernel_schema_v1

revision = "payments_0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    kernel_schema_v1.upgrade()


def downgrade() -> None:
    kernel_schema_v1.downgrade()
