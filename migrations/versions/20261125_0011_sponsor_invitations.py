"""Invitations to co-sponsor: the proposing delegation invites others to join its
proposal; each invited delegation accepts (joining it) or declines, once.

Revision ID: 0011
Revises: 0010
Create Date: 2026-11-25 10:00:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa

# revision identifiers, used by Alembic.
revision: str = '0011'
down_revision: Union[str, Sequence[str], None] = '0010'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('sponsor_invitation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('amendment_id', sa.Integer(), nullable=False),
    sa.Column('delegation_id', sa.Integer(), nullable=False),
    sa.Column('invited_at', sa.DateTime(), nullable=False),
    sa.Column('invited_by', sa.String(length=120), nullable=False),
    sa.Column('answer', sa.Enum('pending', 'accepted', 'declined', name='invitation_answer', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('answered_at', sa.DateTime(), nullable=True),
    sa.Column('answered_by', sa.String(length=120), nullable=True),
    sa.CheckConstraint("(answer = 'pending') = (answered_at IS NULL)", name=op.f('ck_sponsor_invitation_answered_when_answered')),
    sa.ForeignKeyConstraint(['amendment_id'], ['amendment.id'], name=op.f('fk_sponsor_invitation_amendment_id_amendment')),
    sa.ForeignKeyConstraint(['delegation_id'], ['delegation.id'], name=op.f('fk_sponsor_invitation_delegation_id_delegation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sponsor_invitation')),
    sa.UniqueConstraint('amendment_id', 'delegation_id', name=op.f('uq_sponsor_invitation_amendment_id_delegation_id'))
    )
    with op.batch_alter_table('sponsor_invitation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sponsor_invitation_amendment_id'), ['amendment_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_sponsor_invitation_delegation_id'), ['delegation_id'], unique=False)


def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('sponsor_invitation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sponsor_invitation_delegation_id'))
        batch_op.drop_index(batch_op.f('ix_sponsor_invitation_amendment_id'))
    op.drop_table('sponsor_invitation')
