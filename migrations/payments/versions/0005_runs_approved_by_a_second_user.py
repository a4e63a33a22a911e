"""runs approved by a second user

Four eyes: a run is approved by a finance user other than its creator before its export. Runs
reviewed before this revision are what their stored `payments.PaymentRunReviewed` makes of them
now (domain/book.py): approved when someone else than the creator reviewed it, waiting for an
approval when the creator did. Their rows are set so, as a replay of the events would set them.

Revision ID: payments_0005
Revises: payments_0004
Create Date: 2026-12-06 08:42:04.559665
"""

import sqlalchemy as sa
from alembic import op


revision = 'payments_0005'
down_revision = 'payments_0004'
branch_labels = None
depends_on = None

EVENTS = sa.table('events', sa.column('type', sa.String()), sa.column('payload', sa.JSON()))
RUNS = sa.table('payment_runs', sa.column('run_id', sa.String()), sa.column('status', sa.String()),
                sa.column('created_by', sa.String()), sa.column('approved_by', sa.String()))


def upgrade() -> None:
    with op.batch_alter_table('payment_runs', schema=None) as batch_op:
        batch_op.add_column(sa.Column('approved_by', sa.String(length=120), nullable=True))
    bind = op.get_bind()
    reviews = bind.execute(sa.select(EVENTS.c.payload).where(EVENTS.c.type == 'payments.PaymentRunReviewed')).scalars()
    reviewer = {review['run_id']: review['by'] for review in reviews}
    for run in bind.execute(sa.select(RUNS)).all():
        by = reviewer.get(run.run_id)
        approved = by is not None and by != run.created_by
        values = {'approved_by': by} if approved else {}
        if run.status == 'reviewed':
            values['status'] = 'approved' if approved else 'created'
        if values:
            bind.execute(sa.update(RUNS).where(RUNS.c.run_id == run.run_id).values(**values))


def downgrade() -> None:
    op.execute("UPDATE payment_runs SET status = 'reviewed' WHERE status = 'approved'")
    with op.batch_alter_table('payment_runs', schema=None) as batch_op:
        batch_op.drop_column('approved_by')
