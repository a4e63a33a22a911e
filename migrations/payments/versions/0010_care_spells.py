"""care spells: the starts and stops of care, for monitoring lump-sum contracts

Payments keeps every start (JW305) and stop (JW307) the allocation service accepted, so the
monitoring of a lump-sum contract counts its clients in care per month. Filled by consuming the
allocation service's `allocation.DeliveryReported` events from the beginning (a new consumer).

Revision ID: payments_0010
Revises: payments_0009
"""

import sqlalchemy as sa
from alembic import op

revision = 'payments_0010'
down_revision = 'payments_0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        'care_spells',
        sa.Column('municipality', sa.String(length=4), nullable=False),
        sa.Column('allocation_number', sa.BigInteger(), nullable=False),
        sa.Column('begin', sa.Date(), nullable=False),
        sa.Column('client', sa.String(length=9), nullable=False),
        sa.Column('provider', sa.String(length=8), nullable=False),
        sa.Column('product', sa.String(length=5), nullable=True),
        sa.Column('end', sa.Date(), nullable=True),
        sa.Column('reason', sa.String(length=2), nullable=True),
        sa.PrimaryKeyConstraint('municipality', 'allocation_number', 'begin', name=op.f('pk_care_spells')),
    )
    with op.batch_alter_table('care_spells', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_care_spells_provider_begin'), ['provider', 'begin'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('care_spells', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_care_spells_provider_begin'))
    op.drop_table('care_spells')
