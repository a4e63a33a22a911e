"""parties, staff, received messages and mailboxes

Revision ID: gateway_0003
Revises: gateway_0002
Create Date: 2026-11-22 07:22:05.230118
"""

import sqlalchemy as sa
from alembic import op


revision = 'gateway_0003'
down_revision = 'gateway_0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('mailbox',
    sa.Column('message_id', sa.String(length=36), nullable=False),
    sa.Column('addressee', sa.String(length=8), nullable=False),
    sa.Column('sender', sa.String(length=8), nullable=False),
    sa.Column('message_code', sa.String(length=3), nullable=False),
    sa.Column('in_reply_to', sa.String(length=36), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('acknowledged_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('body', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('message_id', name=op.f('pk_mailbox'))
    )
    with op.batch_alter_table('mailbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_mailbox_addressee_acknowledged_at'), ['addressee', 'acknowledged_at'], unique=False)

    op.create_table('parties',
    sa.Column('code', sa.String(length=8), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('on_behalf_of', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('code', name=op.f('pk_parties'))
    )
    op.create_table('party_tokens',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('party_code', sa.String(length=8), nullable=False),
    sa.PrimaryKeyConstraint('token_hash', name=op.f('pk_party_tokens'))
    )
    with op.batch_alter_table('party_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_party_tokens_party_code'), ['party_code'], unique=False)

    op.create_table('received_messages',
    sa.Column('message_id', sa.String(length=36), nullable=False),
    sa.Column('submitter', sa.String(length=8), nullable=False),
    sa.Column('sender', sa.String(length=8), nullable=False),
    sa.Column('receiver', sa.String(length=8), nullable=False),
    sa.Column('message_code', sa.String(length=3), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('size', sa.Integer(), nullable=False),
    sa.Column('received_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('answer_id', sa.String(length=36), nullable=True),
    sa.Column('body', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('message_id', name=op.f('pk_received_messages')),
    sa.UniqueConstraint('submitter', 'sha256', name=op.f('uq_received_messages_submitter_sha256'))
    )
    op.create_table('staff_tokens',
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('username', sa.String(length=120), nullable=False),
    sa.PrimaryKeyConstraint('token_hash', name=op.f('pk_staff_tokens'))
    )
    with op.batch_alter_table('staff_tokens', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_staff_tokens_username'), ['username'], unique=False)

    op.create_table('staff_users',
    sa.Column('username', sa.String(length=120), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=True),
    sa.Column('roles', sa.JSON(), nullable=False),
    sa.Column('municipalities', sa.JSON(), nullable=False),
    sa.PrimaryKeyConstraint('username', name=op.f('pk_staff_users'))
    )


def downgrade() -> None:
    op.drop_table('staff_users')
    with op.batch_alter_table('staff_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_staff_tokens_username'))

    op.drop_table('staff_tokens')
    op.drop_table('received_messages')
    with op.batch_alter_table('party_tokens', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_party_tokens_party_code'))

    op.drop_table('party_tokens')
    op.drop_table('parties')
    with op.batch_alter_table('mailbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mailbox_addressee_acknowledged_at'))

    op.drop_table('mailbox')
