"""payable items, runs, ceilings and reference data

Revision ID: payments_0004
Revises: payments_0003
Create Date: 2026-11-22 07:54:46.304440
"""

import sqlalchemy as sa
from alembic import op


revision = 'payments_0004'
down_revision = 'payments_0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('allocations',
    sa.Column('municipality', sa.String(length=4), nullable=False),
    sa.Column('number', sa.BigInteger(), nullable=False),
    sa.Column('provider', sa.String(length=8), nullable=False),
    sa.Column('category', sa.String(length=2), nullable=True),
    sa.Column('code', sa.String(length=5), nullable=True),
    sa.Column('start', sa.Date(), nullable=False),
    sa.Column('end', sa.Date(), nullable=True),
    sa.Column('volume', sa.BigInteger(), nullable=True),
    sa.Column('unit', sa.String(length=2), nullable=True),
    sa.Column('frequency', sa.Integer(), nullable=True),
    sa.Column('deleted', sa.Boolean(), nullable=False),
    sa.Column('referrer_type', sa.String(length=2), nullable=True),
    sa.Column('first_allocated_on', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('municipality', 'number', name=op.f('pk_allocations'))
    )
    with op.batch_alter_table('allocations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_allocations_municipality_deleted'), ['municipality', 'deleted'], unique=False)

    op.create_table('ceiling_usage',
    sa.Column('contract_id', sa.String(length=40), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('line_id', sa.String(length=80), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('contract_id', 'year', 'line_id', name=op.f('pk_ceiling_usage'))
    )
    op.create_table('ceilings',
    sa.Column('contract_id', sa.String(length=40), nullable=False),
    sa.Column('year', sa.Integer(), nullable=False),
    sa.Column('provider', sa.String(length=8), nullable=False),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('warn_at', sa.JSON(), nullable=False),
    sa.Column('announced', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('contract_id', 'year', name=op.f('pk_ceilings'))
    )
    op.create_table('line_products',
    sa.Column('line_id', sa.String(length=80), nullable=False),
    sa.Column('municipality', sa.String(length=4), nullable=False),
    sa.Column('allocation_number', sa.BigInteger(), nullable=False),
    sa.Column('category', sa.String(length=2), nullable=False),
    sa.Column('code', sa.String(length=5), nullable=True),
    sa.Column('unit', sa.String(length=2), nullable=False),
    sa.Column('volume', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('line_id', name=op.f('pk_line_products'))
    )
    with op.batch_alter_table('line_products', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_line_products_municipality_allocation_number'), ['municipality', 'allocation_number'], unique=False)

    op.create_table('payable_items',
    sa.Column('item_id', sa.String(length=80), nullable=False),
    sa.Column('kind', sa.String(length=12), nullable=False),
    sa.Column('provider', sa.String(length=8), nullable=False),
    sa.Column('municipality', sa.String(length=8), nullable=False),
    sa.Column('contract_id', sa.String(length=40), nullable=False),
    sa.Column('declaration_id', sa.String(length=36), nullable=True),
    sa.Column('amount', sa.BigInteger(), nullable=False),
    sa.Column('period_start', sa.Date(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('run_id', sa.String(length=40), nullable=True),
    sa.PrimaryKeyConstraint('item_id', name=op.f('pk_payable_items'))
    )
    with op.batch_alter_table('payable_items', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_payable_items_provider_due_on'), ['provider', 'due_on'], unique=False)
        batch_op.create_index(batch_op.f('ix_payable_items_run_id'), ['run_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_payable_items_status_due_on'), ['status', 'due_on'], unique=False)

    op.create_table('payment_runs',
    sa.Column('run_id', sa.String(length=40), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('due_up_to', sa.Date(), nullable=False),
    sa.Column('total', sa.BigInteger(), nullable=False),
    sa.Column('carried_forward', sa.JSON(), nullable=False),
    sa.Column('created_by', sa.String(length=120), nullable=False),
    sa.Column('message_id', sa.String(length=35), nullable=True),
    sa.Column('execution_date', sa.Date(), nullable=True),
    sa.Column('exported_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('executed_on', sa.Date(), nullable=True),
    sa.PrimaryKeyConstraint('run_id', name=op.f('pk_payment_runs'))
    )
    op.create_table('reference_sections',
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('content', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_reference_sections'))
    )


def downgrade() -> None:
    op.drop_table('reference_sections')
    op.drop_table('payment_runs')
    with op.batch_alter_table('payable_items', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_payable_items_status_due_on'))
        batch_op.drop_index(batch_op.f('ix_payable_items_run_id'))
        batch_op.drop_index(batch_op.f('ix_payable_items_provider_due_on'))

    op.drop_table('payable_items')
    with op.batch_alter_table('line_products', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_line_products_municipality_allocation_number'))

    op.drop_table('line_products')
    op.drop_table('ceilings')
    op.drop_table('ceiling_usage')
    with op.batch_alter_table('allocations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_allocations_municipality_deleted'))

    op.drop_table('allocations')
