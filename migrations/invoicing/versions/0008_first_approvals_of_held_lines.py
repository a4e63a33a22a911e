"""first approvals of held lines

Four eyes: a held line at or above the region's four_eyes_from waits, after its first approval,
for a second finance user; the queue shows who gave the first and why. No line was first
approved before this revision, so the columns start empty.

Revision ID: invoicing_0008
Revises: invoicing_0007
Create Date: 2026-12-06 08:47:22.915307
"""

import sqlalchemy as sa
from alembic import op


revision = 'invoicing_0008'
down_revision = 'invoicing_0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('declaration_lines', schema=None) as batch_op:
        batch_op.add_column(sa.Column('first_approved_by', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('first_reason', sa.Text(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('declaration_lines', schema=None) as batch_op:
        batch_op.drop_column('first_reason')
        batch_op.drop_column('first_approved_by')

