"""read models, declarations and lines

Revision ID: invoicing_0004
Revises: invoicing_0003
Create Date: 2026-11-22 07:35:43.270457
"""

import sqlalchemy as sa
from alembic import op


revision = 'invoicing_0004'
down_revision = 'invoicing_0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('allocation_versions',
    sa.Column('municipality', sa.String(length=4), nullable=False),
    sa.Column('number', sa.BigInteger(), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('decided_at', sa.String(length=8), nullable=False),
    sa.Column('provider', sa.String(length=8), nullable=False),
    sa.Column('bsn', sa.String(length=9), nullable=False),
    sa.Column('version', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('municipality', 'number', 'decided_on', 'decided_at', name=op.f('pk_allocation_versions'))
    )
    with op.batch_alter_table('allocation_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_allocation_versions_municipality_provider'), ['municipality', 'provider'], unique=False)

    op.create_table('declaration_lines',
    sa.Column('declaration_id', sa.String(length=36), nullable=False),
    sa.Column('reference', sa.String(length=20), nullable=False),
    sa.Column('provider', sa.String(length=8), nullable=False),
    sa.Column('municipality', sa.String(length=4), nullable=False),
    sa.Column('bsn', sa.String(length=9), nullable=False),
    sa.Column('allocation_number', sa.BigInteger(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('codes', sa.JSON(), nullable=False),
    sa.Column('signed_amount', sa.BigInteger(), nullable=False),
    sa.Column('credited', sa.Boolean(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=True),
    sa.Column('line', sa.JSON(), nullable=False),
    sa.Column('basis', sa.JSON(), nullable=False),
    sa.Column('claimed_by', sa.String(length=120), nullable=True),
    sa.PrimaryKeyConstraint('declaration_id', 'reference', name=op.f('pk_declaration_lines'))
    )
    with op.batch_alter_table('declaration_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_declaration_lines_municipality_allocation_number_status'), ['municipality', 'allocation_number', 'status'], unique=False)
        batch_op.create_index(batch_op.f('ix_declaration_lines_provider_reference'), ['provider', 'reference'], unique=False)
        batch_op.create_index(batch_op.f('ix_declaration_lines_status_municipality'), ['status', 'municipality'], unique=False)

    op.create_table('declarations',
    sa.Column('declaration_id', sa.String(length=36), nullable=False),
    sa.Column('provider', sa.String(length=8), nullable=False),
    sa.Column('municipality', sa.String(length=4), nullable=False),
    sa.Column('number', sa.String(length=12), nullable=False),
    sa.Column('message_identification', sa.String(length=20), nullable=False),
    sa.Column('period_begin', sa.Date(), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('submitted', sa.BigInteger(), nullable=False),
    sa.Column('granted', sa.BigInteger(), nullable=True),
    sa.Column('answer_id', sa.String(length=36), nullable=True),
    sa.Column('xml', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('declaration_id', name=op.f('pk_declarations'))
    )
    with op.batch_alter_table('declarations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_declarations_provider_message_identification'), ['provider', 'message_identification'], unique=False)
        batch_op.create_index(batch_op.f('ix_declarations_provider_municipality'), ['provider', 'municipality'], unique=False)
        batch_op.create_index(batch_op.f('ix_declarations_provider_number'), ['provider', 'number'], unique=False)

    op.create_table('match_settings',
    sa.Column('name', sa.String(length=40), nullable=False),
    sa.Column('value', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('name', name=op.f('pk_match_settings'))
    )
    op.create_table('tariffs',
    sa.Column('provider', sa.String(length=8), nullable=False),
    sa.Column('code', sa.String(length=5), nullable=False),
    sa.Column('unit', sa.String(length=2), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=False),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('category', sa.String(length=2), nullable=False),
    sa.Column('cents', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('provider', 'code', 'unit', 'valid_from', name=op.f('pk_tariffs'))
    )


def downgrade() -> None:
    op.drop_table('tariffs')
    op.drop_table('match_settings')
    with op.batch_alter_table('declarations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_declarations_provider_number'))
        batch_op.drop_index(batch_op.f('ix_declarations_provider_municipality'))
        batch_op.drop_index(batch_op.f('ix_declarations_provider_message_identification'))

    op.drop_table('declarations')
    with op.batch_alter_table('declaration_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_declaration_lines_status_municipality'))
        batch_op.drop_index(batch_op.f('ix_declaration_lines_provider_reference'))
        batch_op.drop_index(batch_op.f('ix_declaration_lines_municipality_allocation_number_status'))

    op.drop_table('declaration_lines')
    with op.batch_alter_table('allocation_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_allocation_versions_municipality_provider'))

    op.drop_table('allocation_versions')
