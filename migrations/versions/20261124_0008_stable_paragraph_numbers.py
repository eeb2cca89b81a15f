"""Stable paragraph numbers and paragraphs carried over from the previous cycle: a
paragraph keeps the number it was circulated under ("7", "7 bis") until the chair renumbers,
and a new cycle's paragraph may name the one of last year's resolution it comes from.
Revision labels grow to hold "12 quater (b)".

Revision ID: 0008
Revises: 0004
Create Date: 2026-11-24 01:45:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision: str = '0008'
down_revision: Union[str, Sequence[str], None] = '0004'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    with op.batch_alter_table('paragraph', schema=None) as batch_op:
        batch_op.add_column(sa.Column('number', sa.String(length=24), nullable=True))
        batch_op.add_column(sa.Column('carried_from_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_paragraph_carried_from_id_paragraph'), 'paragraph', ['carried_from_id'], ['id'])
    with op.batch_alter_table('revision_entry', schema=None) as batch_op:
        batch_op.alter_column('label', existing_type=sa.String(length=10),
                              type_=sa.String(length=24), existing_nullable=False)
    # Paragraphs already circulated keep the number of the latest revision they were in.
    op.execute(
        "UPDATE paragraph SET number = (SELECT e.label FROM revision_entry e"
        " JOIN revision r ON r.id = e.revision_id WHERE e.paragraph_id = paragraph.id"
        " AND e.label <> '' ORDER BY r.number DESC LIMIT 1)"
    )


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('revision_entry', schema=None) as batch_op:
        batch_op.alter_column('label', existing_type=sa.String(length=24),
                              type_=sa.String(length=10), existing_nullable=False)
    with op.batch_alter_table('paragraph', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_paragraph_carried_from_id_paragraph'), type_='foreignkey')
        batch_op.drop_column('carried_from_id')
        batch_op.drop_column('number')
