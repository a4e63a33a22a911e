"""bank statements imported

Every camt.053 statement imported, once per account and statement id (a projection of
payments.BankStatementImported).

Revision ID: payments_0006
Revises: payments_0005
Create Date: 2026-12-06 08:56:53.721835
"""

import sqlalchemy as sa
from alembic import op


revision = 'payments_0006'
down_revision = 'payments_0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('bank_statements',
    sa.Column('account', sa.String(length=34), nullable=False),
    sa.Column('statement_id', sa.String(length=35), nullable=False),
    sa.Column('message_id', sa.String(length=35), nullable=False),
    sa.Column('entries', sa.Integer(), nullable=False),
    sa.Column('matched', sa.Integer(), nullable=False),
    sa.Column('imported_by', sa.String(length=120), nullable=False),
    sa.Column('imported_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('account', 'statement_id', name=op.f('pk_bank_statements'))
    )


def downgrade() -> None:
    op.drop_table('bank_statements')
