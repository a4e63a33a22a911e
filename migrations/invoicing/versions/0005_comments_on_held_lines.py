"""comments on held lines

Revision ID: invoicing_0005
Revises: invoicing_0004
Create Date: 2026-11-22 08:03:56.174191
"""

import sqlalchemy as sa
from alembic import op


revision = 'invoicing_0005'
down_revision = 'invoicing_0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('declaration_lines', schema=None) as batch_op:
        batch_op.add_column(sa.Column('comments', sa.JSON(), nullable=True))



def downgrade() -> None:
    with op.batch_alter_table('declaration_lines', schema=None) as batch_op:
        batch_op.drop_column('comments')

