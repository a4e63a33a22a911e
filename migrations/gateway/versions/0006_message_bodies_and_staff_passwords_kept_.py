"""message bodies and staff passwords kept as records apart from the read models

The read models (received_messages, mailbox, staff_users) become pure projections of the
gateway's events, which a replay rebuilds; the bytes of the messages and the password hashes are
not in any event, so they move to tables of their own that a rebuild leaves alone.

Revision ID: gateway_0006
Revises: gateway_0005
Create Date: 2026-11-22 09:41:07.756902
"""

import sqlalchemy as sa
from alembic import op


revision = 'gateway_0006'
down_revision = 'gateway_0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('mailbox_bodies',
    sa.Column('message_id', sa.String(length=36), nullable=False),
    sa.Column('body', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('message_id', name=op.f('pk_mailbox_bodies'))
    )
    op.create_table('received_bodies',
    sa.Column('message_id', sa.String(length=36), nullable=False),
    sa.Column('body', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('message_id', name=op.f('pk_received_bodies'))
    )
    op.create_table('staff_passwords',
    sa.Column('username', sa.String(length=120), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('username', name=op.f('pk_staff_passwords'))
    )
    # The records move out of the read models before their columns go.
    op.execute("INSERT INTO received_bodies (message_id, body) SELECT message_id, body FROM received_messages")
    op.execute("INSERT INTO mailbox_bodies (message_id, body) SELECT message_id, body FROM mailbox")
    op.execute("INSERT INTO staff_passwords (username, password_hash) "
               "SELECT username, password_hash FROM staff_users WHERE password_hash IS NOT NULL")
    with op.batch_alter_table('mailbox', schema=None) as batch_op:
        batch_op.drop_column('body')

    with op.batch_alter_table('received_messages', schema=None) as batch_op:
        batch_op.drop_column('body')

    with op.batch_alter_table('staff_users', schema=None) as batch_op:
        batch_op.drop_column('password_hash')


def downgrade() -> None:
    """The columns come back nullable, are filled from the records, then made NOT NULL again
    (a read-model row whose record is missing cannot exist: both are written in one transaction)."""
    with op.batch_alter_table('staff_users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('password_hash', sa.String(length=200), nullable=True))
    with op.batch_alter_table('received_messages', schema=None) as batch_op:
        batch_op.add_column(sa.Column('body', sa.LargeBinary(), nullable=True))
    with op.batch_alter_table('mailbox', schema=None) as batch_op:
        batch_op.add_column(sa.Column('body', sa.LargeBinary(), nullable=True))

    op.execute("UPDATE staff_users SET password_hash = "
               "(SELECT p.password_hash FROM staff_passwords p WHERE p.username = staff_users.username)")
    op.execute("UPDATE received_messages SET body = "
               "(SELECT b.body FROM received_bodies b WHERE b.message_id = received_messages.message_id)")
    op.execute("UPDATE mailbox SET body = (SELECT b.body FROM mailbox_bodies b WHERE b.message_id = mailbox.message_id)")
    with op.batch_alter_table('received_messages', schema=None) as batch_op:
        batch_op.alter_column('body', existing_type=sa.LargeBinary(), nullable=False)
    with op.batch_alter_table('mailbox', schema=None) as batch_op:
        batch_op.alter_column('body', existing_type=sa.LargeBinary(), nullable=False)

    op.drop_table('staff_passwords')
    op.drop_table('received_bodies')
    op.drop_table('mailbox_bodies')
