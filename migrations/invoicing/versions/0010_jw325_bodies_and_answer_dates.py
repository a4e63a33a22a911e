"""JW325 bodies and the answer date and codes of declarations

The JW325 as sent is kept from now on (answer_bodies, a record a rebuild leaves alone); a
declaration answered before has none to download. answered_on and answer_codes are projected from
DeclarationAnswered: `happyflow rebuild invoicing` fills them for declarations answered before.
Numbered 0010: 0008 and 0009 are taken by another change under way.

Revision ID: invoicing_0010
Revises: invoicing_0007
Create Date: 2026-12-06 09:13:51.301263
"""

import sqlalchemy as sa
from alembic import op


revision = 'invoicing_0010'
down_revision = 'invoicing_0009'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('answer_bodies',
    sa.Column('declaration_id', sa.String(length=36), nullable=False),
    sa.Column('answer_id', sa.String(length=36), nullable=False),
    sa.Column('xml', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('declaration_id', name=op.f('pk_answer_bodies'))
    )
    with op.batch_alter_table('declaration_lines', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_declaration_lines_bsn'), ['bsn'], unique=False)

    with op.batch_alter_table('declarations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('answered_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('answer_codes', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('declarations', schema=None) as batch_op:
        batch_op.drop_column('answer_codes')
        batch_op.drop_column('answered_on')

    with op.batch_alter_table('declaration_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_declaration_lines_bsn'))

    op.drop_table('answer_bodies')
