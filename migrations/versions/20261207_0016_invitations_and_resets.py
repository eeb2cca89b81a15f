"""Invitations to a negotiation by e-mail, and password resets: one-time links whose
tokens are kept only as hashes.

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-07 00:18:18.718281

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0016'
down_revision: Union[str, Sequence[str], None] = '0015'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('account_invitation',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('negotiation_id', sa.Integer(), nullable=False),
    sa.Column('address', sa.String(length=254), nullable=False),
    sa.Column('role', sa.Enum('admin', 'chair', 'secretariat', 'delegation', 'entity', 'observer', 'system', name='invitation_role', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('delegation_id', sa.Integer(), nullable=True),
    sa.Column('entity', sa.String(length=20), nullable=True),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('invited_by', sa.String(length=120), nullable=False),
    sa.Column('invited_by_role', sa.Enum('admin', 'chair', 'secretariat', 'delegation', 'entity', 'observer', 'system', name='invitation_inviter_role', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('used_at', sa.DateTime(), nullable=True),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.Column('account_id', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], name=op.f('fk_account_invitation_account_id_account')),
    sa.ForeignKeyConstraint(['delegation_id'], ['delegation.id'], name=op.f('fk_account_invitation_delegation_id_delegation')),
    sa.ForeignKeyConstraint(['negotiation_id'], ['negotiation.id'], name=op.f('fk_account_invitation_negotiation_id_negotiation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_account_invitation')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_account_invitation_token_hash'))
    )
    with op.batch_alter_table('account_invitation', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_account_invitation_negotiation_id'), ['negotiation_id'], unique=False)

    op.create_table('password_reset',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('expires_at', sa.DateTime(), nullable=False),
    sa.Column('used_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], name=op.f('fk_password_reset_account_id_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_password_reset')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_password_reset_token_hash'))
    )
    with op.batch_alter_table('password_reset', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_password_reset_account_id'), ['account_id'], unique=False)



def downgrade() -> None:
    """Downgrade schema."""
    with op.batch_alter_table('password_reset', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_password_reset_account_id'))

    op.drop_table('password_reset')
    with op.batch_alter_table('account_invitation', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_account_invitation_negotiation_id'))

    op.drop_table('account_invitation')
