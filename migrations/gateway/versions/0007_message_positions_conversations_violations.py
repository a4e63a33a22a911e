"""paging positions, conversations and level-2 violations of messages

Received and delivered messages get the global position of the event that recorded them (the
listings page by it), the BerichtIdentificatie a later retour names, the message each answers
and its conversation, and a received message its level-2 violations. Rows already there take
their event's position; each starts a conversation of its own (a delivered answer joins the one
of the message it answers); what was not recorded then (identifications, references,
violations) stays empty: those messages are answered already.

Revision ID: gateway_0007
Revises: gateway_0006
Create Date: 2026-12-06 08:37:49.772990
"""

import sqlalchemy as sa
from alembic import op


revision = 'gateway_0007'
down_revision = 'gateway_0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('message_references',
    sa.Column('sender', sa.String(length=8), nullable=False),
    sa.Column('reference', sa.String(length=36), nullable=False),
    sa.Column('message_id', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('sender', 'reference', 'message_id', name=op.f('pk_message_references'))
    )
    with op.batch_alter_table('mailbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('position', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column('identification', sa.String(length=12), nullable=True))
        batch_op.add_column(sa.Column('dated', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('conversation_id', sa.String(length=36), nullable=True))
    with op.batch_alter_table('received_messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('position', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column('identification', sa.String(length=12), nullable=True))
        batch_op.add_column(sa.Column('dated', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('answers', sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column('conversation_id', sa.String(length=36), nullable=True))
        batch_op.add_column(sa.Column('violations', sa.JSON(), nullable=True))

    # A read-model row always has its event; 0 only keeps a row that lost it listable (first).
    op.execute("UPDATE received_messages SET conversation_id = message_id, position = COALESCE("
               "(SELECT e.position FROM events e WHERE e.stream_id = 'message-' || received_messages.message_id "
               "AND e.stream_version = 1), 0)")
    op.execute("UPDATE mailbox SET conversation_id = COALESCE(in_reply_to, message_id), position = COALESCE("
               "(SELECT e.position FROM events e WHERE e.stream_id = 'mailbox-' || mailbox.message_id "
               "AND e.stream_version = 1), 0)")

    with op.batch_alter_table('mailbox', schema=None) as batch_op:
        batch_op.alter_column('position', existing_type=sa.BigInteger(), nullable=False)
        batch_op.alter_column('conversation_id', existing_type=sa.String(length=36), nullable=False)
        batch_op.create_index(batch_op.f('ix_mailbox_addressee_position'), ['addressee', 'position'], unique=False)
    with op.batch_alter_table('received_messages', schema=None) as batch_op:
        batch_op.alter_column('position', existing_type=sa.BigInteger(), nullable=False)
        batch_op.alter_column('conversation_id', existing_type=sa.String(length=36), nullable=False)
        batch_op.create_index(batch_op.f('ix_received_messages_sender_position'), ['sender', 'position'], unique=False)
        batch_op.create_index(batch_op.f('ix_received_messages_submitter_position'), ['submitter', 'position'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('received_messages', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_received_messages_submitter_position'))
        batch_op.drop_index(batch_op.f('ix_received_messages_sender_position'))
        batch_op.drop_column('violations')
        batch_op.drop_column('conversation_id')
        batch_op.drop_column('answers')
        batch_op.drop_column('dated')
        batch_op.drop_column('identification')
        batch_op.drop_column('position')

    with op.batch_alter_table('mailbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_mailbox_addressee_position'))
        batch_op.drop_column('conversation_id')
        batch_op.drop_column('dated')
        batch_op.drop_column('identification')
        batch_op.drop_column('position')

    op.drop_table('message_references')
