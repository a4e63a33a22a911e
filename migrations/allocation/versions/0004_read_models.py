"""read models

Revision ID: allocation_0004
Revises: allocation_0003
Create Date: 2026-11-22 07:37:29.097743
"""

import sqlalchemy as sa
from alembic import op


revision = 'allocation_0004'
down_revision = 'allocation_0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('allocations',
    sa.Column('municipality', sa.String(length=4), nullable=False),
    sa.Column('allocation_number', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('client_bsn', sa.String(length=9), nullable=False),
    sa.Column('provider_agb', sa.String(length=8), nullable=False),
    sa.Column('category', sa.String(length=2), nullable=True),
    sa.Column('product_code', sa.String(length=5), nullable=True),
    sa.Column('start', sa.Date(), nullable=False),
    sa.Column('end', sa.Date(), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('version', sa.JSON(), nullable=False),
    sa.Column('receipt', sa.String(length=20), nullable=False),
    sa.Column('receipt_codes', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('municipality', 'allocation_number', name=op.f('pk_allocations'))
    )
    with op.batch_alter_table('allocations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_allocations_client_bsn'), ['client_bsn'], unique=False)
        batch_op.create_index(batch_op.f('ix_allocations_provider_agb'), ['provider_agb'], unique=False)

    op.create_table('approved_declarations',
    sa.Column('municipality', sa.String(length=4), nullable=False),
    sa.Column('allocation_number', sa.BigInteger(), autoincrement=False, nullable=False),
    sa.Column('approved_lines', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('municipality', 'allocation_number', name=op.f('pk_approved_declarations'))
    )
    op.create_table('clients',
    sa.Column('municipality', sa.String(length=4), nullable=False),
    sa.Column('client_bsn', sa.String(length=9), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('municipality', 'client_bsn', name=op.f('pk_clients'))
    )
    op.create_table('jw301_messages',
    sa.Column('identification', sa.String(length=12), nullable=False),
    sa.Column('message_id', sa.String(length=36), nullable=False),
    sa.Column('municipality', sa.String(length=4), nullable=False),
    sa.Column('client_bsn', sa.String(length=9), nullable=False),
    sa.Column('provider_agb', sa.String(length=8), nullable=False),
    sa.Column('allocation_numbers', sa.JSON(), nullable=False),
    sa.Column('made_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('identification', name=op.f('pk_jw301_messages'))
    )
    with op.batch_alter_table('jw301_messages', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_jw301_messages_municipality_client_bsn_provider_agb'), ['municipality', 'client_bsn', 'provider_agb'], unique=False)

    op.create_table('region_sections',
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_region_sections'))
    )
    op.create_table('requests',
    sa.Column('provider_agb', sa.String(length=8), nullable=False),
    sa.Column('reference', sa.String(length=36), nullable=False),
    sa.Column('municipality', sa.String(length=4), nullable=False),
    sa.Column('client_bsn', sa.String(length=9), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=30), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('due', sa.Date(), nullable=True),
    sa.Column('message_id', sa.String(length=36), nullable=True),
    sa.Column('requested', sa.JSON(), nullable=False),
    sa.Column('answer', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('provider_agb', 'reference', name=op.f('pk_requests'))
    )
    with op.batch_alter_table('requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_requests_municipality'), ['municipality'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_requests_municipality'))

    op.drop_table('requests')
    op.drop_table('region_sections')
    with op.batch_alter_table('jw301_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_jw301_messages_municipality_client_bsn_provider_agb'))

    op.drop_table('jw301_messages')
    op.drop_table('clients')
    op.drop_table('approved_declarations')
    with op.batch_alter_table('allocations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_allocations_provider_agb'))
        batch_op.drop_index(batch_op.f('ix_allocations_client_bsn'))

    op.drop_table('allocations')
