"""declared lines with their status

The budget counts an approved line as realised once it is final, not once its declaration is
answered, and shows held lines as in behandeling: the lines payments keeps with their product
get their status, amount, month of care and, for a credit, the debet it cancels. Every line kept
before this revision came from a settled declaration's approved lines, so it is approved; its
amount and month are its payable item's, and the debet a credit cancels is in the credit's
stored `payments.ApprovedLineBooked`.

Revision ID: payments_0007
Revises: payments_0006
Create Date: 2026-12-06 11:03:37.719488
"""

import sqlalchemy as sa
from alembic import op


revision = 'payments_0008'
down_revision = 'payments_0007'
branch_labels = None
depends_on = None

EVENTS = sa.table('events', sa.column('type', sa.String()), sa.column('payload', sa.JSON()))
ITEMS = sa.table('payable_items', sa.column('item_id', sa.String()), sa.column('amount', sa.BigInteger()),
                 sa.column('period_start', sa.Date()))
LINES = sa.table('line_products', sa.column('line_id', sa.String()), sa.column('status', sa.String()),
                 sa.column('amount', sa.BigInteger()), sa.column('period_start', sa.Date()),
                 sa.column('credits', sa.String()))


def upgrade() -> None:
    with op.batch_alter_table('line_products', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status', sa.String(length=10), nullable=True))
        batch_op.add_column(sa.Column('amount', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column('period_start', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('credits', sa.String(length=80), nullable=True))
        batch_op.create_index(batch_op.f('ix_line_products_municipality_period_start'), ['municipality', 'period_start'], unique=False)
    _fill(op.get_bind())
    with op.batch_alter_table('line_products', schema=None) as batch_op:
        batch_op.alter_column('status', existing_type=sa.String(length=10), nullable=False)
        batch_op.alter_column('amount', existing_type=sa.BigInteger(), nullable=False)
        batch_op.alter_column('period_start', existing_type=sa.Date(), nullable=False)


def _fill(bind: sa.Connection) -> None:
    booked = bind.execute(sa.select(EVENTS.c.payload).where(EVENTS.c.type == 'payments.ApprovedLineBooked')).scalars()
    credits = {e['line_id']: e['credited_line_id'] for e in booked if e.get('credited_line_id')}
    for item in bind.execute(sa.select(ITEMS).where(ITEMS.c.item_id.in_(sa.select(LINES.c.line_id)))).all():
        bind.execute(sa.update(LINES).where(LINES.c.line_id == item.item_id).values(
            status='approved', amount=item.amount, period_start=item.period_start, credits=credits.get(item.item_id)))
    bind.execute(sa.delete(LINES).where(LINES.c.status.is_(None)))  # none: every kept line was booked


def downgrade() -> None:
    # Before this revision only booked lines (of answered declarations) were kept here.
    op.execute("DELETE FROM line_products WHERE line_id NOT IN (SELECT item_id FROM payable_items)")
    with op.batch_alter_table('line_products', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_line_products_municipality_period_start'))
        batch_op.drop_column('credits')
        batch_op.drop_column('period_start')
        batch_op.drop_column('amount')
        batch_op.drop_column('status')
