"""Staff identities projected from the gateway, for authenticating staff in the payments service."""

from shared.persistence import kernel_schema_v3

revision = "payments_0003"
down_revision = "payments_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    kernel_schema_v3.upgrade()


def downgrade() -> None:
    kernel_schema_v3.downgrade()
