"""The draft in four language versions: each paragraph's translations, on the version of the
original they render; and each proposal's language (the draft's original language for those
already sent).

Revision ID: 0022
Revises: 0021
Create Date: 2026-12-07 03:05:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision: str = '0022'
down_revision: Union[str, Sequence[str], None] = '0021'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('paragraph_translation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('negotiation_id', sa.Integer(), nullable=False),
    sa.Column('paragraph_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('number', sa.Integer(), nullable=False),
    sa.Column('source_version_id', sa.Integer(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('written_at', sa.DateTime(), nullable=False),
    sa.Column('written_by', sa.String(length=120), nullable=False),
    sa.Column('how', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['negotiation_id'], ['negotiation.id'], name=op.f('fk_paragraph_translation_negotiation_id_negotiation')),
    sa.ForeignKeyConstraint(['paragraph_id'], ['paragraph.id'], name=op.f('fk_paragraph_translation_paragraph_id_paragraph')),
    sa.ForeignKeyConstraint(['source_version_id'], ['paragraph_version.id'], name=op.f('fk_paragraph_translation_source_version_id_paragraph_version')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_paragraph_translation')),
    sa.UniqueConstraint('paragraph_id', 'language', 'number', name=op.f('uq_paragraph_translation_paragraph_id_language_number'))
    )
    with op.batch_alter_table('paragraph_translation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_paragraph_translation_negotiation_id'), ['negotiation_id'], unique=False)
        batch_op.create_index('ix_paragraph_translation_negotiation_language', ['negotiation_id', 'language'], unique=False)
    with op.batch_alter_table('amendment', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=8), server_default='en', nullable=False))
    # What was sent before proposals had a language was written in the draft's own.
    op.execute("UPDATE amendment SET language = (SELECT n.original_language FROM negotiation n "
               "WHERE n.id = amendment.negotiation_id)")


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('amendment', schema=None) as batch_op:
        batch_op.drop_column('language')
    with op.batch_alter_table('paragraph_translation', schema=None) as batch_op:
        batch_op.drop_index('ix_paragraph_translation_negotiation_language')
        batch_op.drop_index(batch_op.f('ix_paragraph_translation_negotiation_id'))
    op.drop_table('paragraph_translation')
