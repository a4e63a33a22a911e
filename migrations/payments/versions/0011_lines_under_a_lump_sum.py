"""lines under a lump sum

A line declared under a lump-sum schedule is information: the lump sum pays it, so the budget
counts the lump sum and not the line. The lines payments keeps with their product name the
schedule they fall under; a line booked before this revision names it in its stored
`payments.ApprovedLineBooked`.

Revision ID: payments_0011
Revises: payments_0010
"""

import sqlalchemy as sa
from alembic import op

revision = 'payments_0011'
down_revision = 'payments_0010'
branch_labels = None
depends_on = None

EVENTS = sa.table('events', sa.column('type', sa.String()), sa.column('payload', sa.JSON()))
LINES = sa.table('line_products', sa.column('line_id', sa.String()), sa.column('lump_sum', sa.String()))


def upgrade() -> None:
    with op.batch_alter_table('line_products', schema=None) as batch_op:
        batch_op.add_column(sa.Column('lump_sum', sa.String(length=40), nullable=True))
    bind = op.get_bind()
    booked = bind.execute(sa.select(EVENTS.c.payload).where(EVENTS.c.type == 'payments.ApprovedLineBooked')).scalars()
    for line_id, schedule in [(e['line_id'], e['lump_sum']) for e in booked if e.get('lump_sum')]:
        bind.execute(sa.update(LINES).where(LINES.c.line_id == line_id).values(lump_sum=schedule))


def downgrade() -> None:
    with op.batch_alter_table('line_products', schema=None) as batch_op:
        batch_op.drop_column('lump_sum')
