"""Staff sessions projected from the gateway's session events, for signing staff in at the gateway
service with a session the gateway can end."""

from shared.persistence import kernel_schema_staff_sessions

revision = "gateway_0008"
down_revision = "gateway_0007"
branch_labels = None
depends_on = None


def upgrade() -> None:
    kernel_schema_staff_sessions.upgrade()


def downgrade() -> None:
    kernel_schema_staff_sessions.downgrade()
