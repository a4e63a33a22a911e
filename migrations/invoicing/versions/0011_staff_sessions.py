"""Staff sessions projected from the gateway's session events, for signing staff in at the invoicing
service with a session the gateway can end."""

from shared.persistence import kernel_schema_staff_sessions

revision = "invoicing_0011"
down_revision = "invoicing_0010"
branch_labels = None
depends_on = None


def upgrade() -> None:
    kernel_schema_staff_sessions.upgrade()


def downgrade() -> None:
    kernel_schema_staff_sessions.downgrade()
