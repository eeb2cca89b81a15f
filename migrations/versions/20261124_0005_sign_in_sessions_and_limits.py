"""Sign-in sessions kept on the server (so signing out ends them) and the counters that
limit wrong passwords per account and per address.

Revision ID: 0005
Revises: 0007
Create Date: 2026-11-24 01:40:00

"""
from typing import Sequence, Union

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision: str = '0005'
down_revision: Union[str, Sequence[str], None] = '0007'
branch_labels: Union[str, Sequence[str], None] = None
depends_on: Union[str, Sequence[str], None] = None


def upgrade() -> None:
    """Upgrade schema."""
    op.create_table('sign_in_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('account_id', sa.Integer(), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('started_at', sa.DateTime(), nullable=False),
    sa.Column('ended_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['account_id'], ['account.id'], name=op.f('fk_sign_in_session_account_id_account')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_in_session')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_sign_in_session_token_hash'))
    )
    with op.batch_alter_table('sign_in_session', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sign_in_session_account_id'), ['account_id'], unique=False)

    op.create_table('sign_in_limit',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('scope', sa.Enum('account', 'address', name='sign_in_scope', native_enum=False, create_constraint=True, length=32), nullable=False),
    sa.Column('key', sa.String(length=120), nullable=False),
    sa.Column('failures', sa.Integer(), nullable=False),
    sa.Column('window_started_at', sa.DateTime(), nullable=True),
    sa.Column('locked_until', sa.DateTime(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_in_limit')),
    sa.UniqueConstraint('scope', 'key', name=op.f('uq_sign_in_limit_scope_key'))
    )


def downgrade() -> None:
    """Downgrade schema."""
    op.drop_table('sign_in_limit')
    with op.batch_alter_table('sign_in_session', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sign_in_session_account_id'))
    op.drop_table('sign_in_session')
