"""the region's one audit log, hash-chained

Every service's audit entries arrive as integration events and are appended here in order, each
with the hash of the one before (services/gateway/domain/audit_chain.py). The old audit_log
rows of each service are moved into it by the service itself (shared/audit.py, forward_legacy),
since only the running service holds the audit key their client pseudonyms need.

Revision ID: gateway_0009
Revises: gateway_0008
Create Date: 2026-12-06 10:30:00.000000
"""

import sqlalchemy as sa
from alembic import op


revision = 'gateway_0009'
down_revision = 'gateway_0008'
branch_labels = None
depends_on = None

SEQ = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table('audit_trail',
    sa.Column('seq', SEQ, autoincrement=False, nullable=False),
    sa.Column('entry_id', sa.Uuid(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('username', sa.String(length=200), nullable=False),
    sa.Column('roles', sa.String(length=200), nullable=False),
    sa.Column('municipality', sa.String(length=4), nullable=True),
    sa.Column('action', sa.String(length=120), nullable=False),
    sa.Column('object', sa.String(length=300), nullable=True),
    sa.Column('client', sa.String(length=64), nullable=True),
    sa.Column('reason', sa.Text(), nullable=True),
    sa.Column('outcome', sa.String(length=10), nullable=False),
    sa.Column('service', sa.String(length=20), nullable=False),
    sa.Column('address', sa.String(length=100), nullable=True),
    sa.Column('app', sa.String(length=300), nullable=True),
    sa.Column('on_behalf_of', sa.String(length=200), nullable=True),
    sa.Column('legacy', sa.Boolean(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('seq', name=op.f('pk_audit_trail')),
    sa.UniqueConstraint('entry_id', name=op.f('uq_audit_trail_entry_id')),
    sa.UniqueConstraint('prev_hash', name=op.f('uq_audit_trail_prev_hash'))
    )
    op.create_index(op.f('ix_audit_trail_action_seq'), 'audit_trail', ['action', 'seq'], unique=False)
    op.create_index(op.f('ix_audit_trail_at'), 'audit_trail', ['at'], unique=False)
    op.create_index(op.f('ix_audit_trail_client_seq'), 'audit_trail', ['client', 'seq'], unique=False)
    op.create_index(op.f('ix_audit_trail_municipality_seq'), 'audit_trail', ['municipality', 'seq'], unique=False)
    op.create_index(op.f('ix_audit_trail_username_seq'), 'audit_trail', ['username', 'seq'], unique=False)


def downgrade() -> None:
    op.drop_table('audit_trail')
