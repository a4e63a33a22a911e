"""lines exempt from their ceiling

Care the region pays regardless of its contract's ceiling (policy ceiling_exempt) does not count
under it. No line was exempt before this revision, so every existing line starts as not exempt.

Revision ID: invoicing_0009
Revises: invoicing_0008
Create Date: 2026-12-06 09:02:23.876421
"""

import sqlalchemy as sa
from alembic import op


revision = 'invoicing_0009'
down_revision = 'invoicing_0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('declaration_lines', schema=None) as batch_op:
        batch_op.add_column(sa.Column('ceiling_exempt', sa.Boolean(), server_default=sa.false(), nullable=False))


def downgrade() -> None:
    with op.batch_alter_table('declaration_lines', schema=None) as batch_op:
        batch_op.drop_column('ceiling_exempt')

