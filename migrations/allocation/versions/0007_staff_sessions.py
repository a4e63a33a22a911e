"""Staff sessions projected from the gateway's session events, for signing staff in at the allocation
service with a session the gateway can end."""

from shared.persistence import kernel_schema_staff_sessions

revision = "allocation_0007"
down_revision = "allocation_0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    kernel_schema_staff_sessions.upgrade()


def downgrade() -> None:
    kernel_schema_staff_sessions.downgrade()
