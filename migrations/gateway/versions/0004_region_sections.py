"""region sections

Revision ID: gateway_0004
Revises: gateway_0003
Create Date: 2026-11-22 07:25:44.119023
"""

import sqlalchemy as sa
from alembic import op


revision = 'gateway_0004'
down_revision = 'gateway_0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('region_sections',
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_region_sections'))
    )


def downgrade() -> None:
    op.drop_table('region_sections')
