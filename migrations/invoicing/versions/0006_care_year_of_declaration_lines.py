"""care year of declaration lines

Revision ID: invoicing_0006
Revises: invoicing_0005
Create Date: 2026-11-22 09:37:03.022443
"""

import sqlalchemy as sa
from alembic import op


revision = 'invoicing_0006'
down_revision = 'invoicing_0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('declaration_lines', schema=None) as batch_op:
        batch_op.add_column(sa.Column('care_year', sa.Integer(), nullable=True))
        batch_op.create_index(batch_op.f('ix_declaration_lines_provider_care_year_status'), ['provider', 'care_year', 'status'], unique=False)
    # Lines received before this revision: the year from the stored line's period.
    lines = sa.table('declaration_lines', sa.column('declaration_id'), sa.column('reference'),
                     sa.column('line', sa.JSON()), sa.column('care_year'))
    bind = op.get_bind()
    for row in bind.execute(sa.select(lines.c.declaration_id, lines.c.reference, lines.c.line)).all():
        year = int(str(row.line["begin"])[:4])
        bind.execute(sa.update(lines).where(lines.c.declaration_id == row.declaration_id,
                                            lines.c.reference == row.reference).values(care_year=year))


def downgrade() -> None:
    with op.batch_alter_table('declaration_lines', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_declaration_lines_provider_care_year_status'))
        batch_op.drop_column('care_year')

