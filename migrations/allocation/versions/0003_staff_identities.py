"""Staff identities projected from the gateway, for authenticating staff in the allocation service."""

from shared.persistence import kernel_schema_v3

revision = "allocation_0003"
down_revision = "allocation_0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    kernel_schema_v3.upgrade()


def downgrade() -> None:
    kernel_schema_v3.downgrade()
