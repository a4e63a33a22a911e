"""region sections remember what was applied

Revision ID: allocation_0005
Revises: allocation_0004
Create Date: 2026-11-22 08:36:59.273540
"""

import sqlalchemy as sa
from alembic import op


revision = 'allocation_0005'
down_revision = 'allocation_0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('region_sections', schema=None) as batch_op:
        batch_op.add_column(sa.Column('applied_sha256', sa.String(length=64), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('region_sections', schema=None) as batch_op:
        batch_op.drop_column('applied_sha256')

