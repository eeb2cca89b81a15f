"""Documents built once per state of the draft: each format of a comparison text, with its
filters, kept with what it depends on so the same request is served again, and its progress
while it is built outside the request.

Revision ID: 0007
Revises: 0009
Create Date: 2026-11-24 02:00:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

revision: str = '0007'
down_revision: Union[str, Sequence[str], None] = '0009'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('document_build',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('negotiation_id', sa.Integer(), nullable=False),
    sa.Column('key', sa.String(length=64), nullable=False),
    sa.Column('scope', sa.String(length=64), nullable=False),
    sa.Column('request', sa.Text(), nullable=False),
    sa.Column('status', sa.Enum('building', 'done', 'failed', name='build_status', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('progress', sa.Float(), nullable=False),
    sa.Column('phase', sa.String(length=80), nullable=False),
    sa.Column('file_name', sa.String(length=200), nullable=False),
    sa.Column('media_type', sa.String(length=100), nullable=False),
    sa.Column('content', sa.LargeBinary(), nullable=True),
    sa.Column('error', sa.Text(), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('heartbeat_at', sa.DateTime(), nullable=False),
    sa.Column('finished_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint("progress >= 0 AND progress <= 1", name=op.f('ck_document_build_progress_is_a_share')),
    sa.CheckConstraint("status <> 'done' OR content IS NOT NULL", name=op.f('ck_document_build_done_has_content')),
    sa.ForeignKeyConstraint(['negotiation_id'], ['negotiation.id'], name=op.f('fk_document_build_negotiation_id_negotiation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_build')),
    sa.UniqueConstraint('key', name=op.f('uq_document_build_key'))
    )
    with op.batch_alter_table('document_build', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_document_build_negotiation_id'), ['negotiation_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_document_build_scope'), ['scope'], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('document_build', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_document_build_scope'))
        batch_op.drop_index(batch_op.f('ix_document_build_negotiation_id'))
    op.drop_table('document_build')
