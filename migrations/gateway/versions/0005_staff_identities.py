"""Staff identities projected from the gateway, for authenticating staff in the gateway service."""

from shared.persistence import kernel_schema_v3

revision = "gateway_0005"
down_revision = "gateway_0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    kernel_schema_v3.upgrade()


def downgrade() -> None:
    kernel_schema_v3.downgrade()
