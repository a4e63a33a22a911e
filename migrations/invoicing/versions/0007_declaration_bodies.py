"""declaration bodies kept apart from the read models

The received JW323 is an input record, not a projection: it moves from declarations.xml to its
own table, which a rebuild of the projections leaves alone.

Revision ID: invoicing_0007
Revises: invoicing_0006
Create Date: 2026-11-22 09:41:38.230308
"""

import sqlalchemy as sa
from alembic import op


revision = 'invoicing_0007'
down_revision = 'invoicing_0006'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('declaration_bodies',
    sa.Column('declaration_id', sa.String(length=36), nullable=False),
    sa.Column('xml', sa.LargeBinary(), nullable=False),
    sa.PrimaryKeyConstraint('declaration_id', name=op.f('pk_declaration_bodies'))
    )
    op.execute("INSERT INTO declaration_bodies (declaration_id, xml) SELECT declaration_id, xml FROM declarations")
    with op.batch_alter_table('declarations', schema=None) as batch_op:
        batch_op.drop_column('xml')


def downgrade() -> None:
    with op.batch_alter_table('declarations', schema=None) as batch_op:
        batch_op.add_column(sa.Column('xml', sa.LargeBinary(), nullable=True))
    op.execute("UPDATE declarations SET xml = (SELECT b.xml FROM declaration_bodies b"
               " WHERE b.declaration_id = declarations.declaration_id)")
    with op.batch_alter_table('declarations', schema=None) as batch_op:
        batch_op.alter_column('xml', existing_type=sa.LargeBinary(), nullable=False)
    op.drop_table('declaration_bodies')
