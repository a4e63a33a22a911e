"""Staff sessions projected from the gateway's session events, for signing staff in at the payments
service with a session the gateway can end."""

from shared.persistence import kernel_schema_staff_sessions

revision = "payments_0007"
down_revision = "payments_0006"
branch_labels = None
depends_on = None


def upgrade() -> None:
    kernel_schema_staff_sessions.upgrade()


def downgrade() -> None:
    kernel_schema_staff_sessions.downgrade()
