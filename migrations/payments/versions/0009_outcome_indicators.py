"""outcome indicators (issue 17)

Allocations and stops (JW307) kept for the outcome indicators, the client by pseudonym only, and
the satisfaction and goal-attainment scores providers report. Empty at first: the outcome
consumer group reads the allocation topic from its start and fills them.

Revision ID: payments_0009
Revises: payments_0008
Create Date: 2026-12-06 11:37:21.268507
"""

import sqlalchemy as sa
from alembic import op


revision = 'payments_0009'
down_revision = 'payments_0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('outcome_allocations',
    sa.Column('municipality', sa.String(length=4), nullable=False),
    sa.Column('number', sa.BigInteger(), nullable=False),
    sa.Column('client', sa.String(length=24), nullable=False),
    sa.Column('provider', sa.String(length=8), nullable=False),
    sa.Column('code', sa.String(length=5), nullable=True),
    sa.Column('start', sa.Date(), nullable=False),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('municipality', 'number', name=op.f('pk_outcome_allocations'))
    )
    with op.batch_alter_table('outcome_allocations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outcome_allocations_client'), ['client'], unique=False)

    op.create_table('outcome_scores',
    sa.Column('provider', sa.String(length=8), nullable=False),
    sa.Column('code', sa.String(length=5), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('satisfaction', sa.Integer(), nullable=True),
    sa.Column('goal_attainment', sa.Integer(), nullable=True),
    sa.Column('respondents', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('provider', 'code', 'period', name=op.f('pk_outcome_scores'))
    )
    op.create_table('outcome_stops',
    sa.Column('municipality', sa.String(length=4), nullable=False),
    sa.Column('number', sa.BigInteger(), nullable=False),
    sa.Column('code', sa.String(length=5), nullable=False),
    sa.Column('begin', sa.Date(), nullable=False),
    sa.Column('provider', sa.String(length=8), nullable=False),
    sa.Column('end', sa.Date(), nullable=False),
    sa.Column('reason', sa.String(length=2), nullable=False),
    sa.PrimaryKeyConstraint('municipality', 'number', 'code', 'begin', name=op.f('pk_outcome_stops'))
    )
    with op.batch_alter_table('outcome_stops', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_outcome_stops_end'), ['end'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('outcome_stops', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outcome_stops_end'))

    op.drop_table('outcome_stops')
    op.drop_table('outcome_scores')
    with op.batch_alter_table('outcome_allocations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_outcome_allocations_client'))

    op.drop_table('outcome_allocations')
